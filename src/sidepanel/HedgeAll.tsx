/**
 * "Hedge all unhedged": one button, then one combined preview the user confirms once — each hedge
 * with its order and money, the totals, and the assets left out with why. The hedges then run one
 * after another through the shared hedge flow, stopping at the first failure (later ones counted on
 * its margin and transfer).
 */
import { say, t } from '../shared/i18n';
import { coins, fee, plain, usdt } from '../shared/format';
import { partialText } from '../shared/partial';
import { stepLabel } from '../shared/steps';
import type { HedgeFlow } from '../shared/useHedgeFlow';
import type { Row } from './Holdings';

export function HedgeAll({ flow, rows }: { flow: HedgeFlow; rows: Row[] }) {
  const batch = flow.confirming?.batch;
  if (!batch) {
    if (flow.confirming || !rows.some((r) => r.status === 'under')) return null;
    return <button class="primary wide" disabled={flow.busy} onClick={flow.reviewAll} data-testid="hedge-all">{t('sideHedgeAll')}</button>;
  }
  const totals = batch.totals;
  const running = flow.running;
  return (
    <div class="confirm" role="dialog" aria-label={t('sideHedgeAllLabel')} data-testid="batch">
      <div class="confirm-title">{t('sideHedgeAll')}</div>
      {batch.previews.length === 0 ? (
        <p class="muted">{t('sideHedgeAllNothing')}</p>
      ) : (
        <ol class="batch">
          {batch.previews.map((p) => (
            <li key={p.id}>
              <strong>{p.asset}</strong> {t('confirmSell', plain(p.order.quantity), p.order.symbol)} <span class="muted">· {coins(p.coins, p.coinStep)} {p.asset}</span>
              <div class="muted">
                {p.transfer
                  ? t('sideBatchMoneyTransfer', usdt(p.notional), usdt(p.marginNeeded), `${usdt(p.transfer)} ${p.collateral}`)
                  : t('sideBatchMoney', usdt(p.notional), usdt(p.marginNeeded))}
              </div>
              {p.partial && <div class="partial" data-testid={`batch-partial-${p.asset}`}>{partialText(p)}</div>}
            </li>
          ))}
        </ol>
      )}
      <p>{t('sideBatchTotal', usdt(totals.notional), usdt(totals.margin), usdt(totals.transfer), fee(totals.fees))}</p>
      {batch.skipped.length > 0 && (
        <ul class="warn" data-testid="batch-skipped">
          {batch.skipped.map((s) => <li key={s.asset}>{t('sideLeftOut', s.asset, say(s.reason))}</li>)}
        </ul>
      )}
      {running ? (
        <p aria-live="polite" data-testid="progress">
          {t('sideHedging', plain(String(running.index + 1)), plain(String(batch.previews.length)), batch.previews[running.index]!.asset, stepLabel(running.step))}
        </p>
      ) : (
        <div class="buttons">
          {batch.previews.length > 0 && <button class="primary" onClick={flow.confirm} data-testid="batch-confirm">{t('sideConfirmAll')}</button>}
          <button class="secondary" onClick={flow.cancel}>{t('commonCancel')}</button>
        </div>
      )}
    </div>
  );
}
