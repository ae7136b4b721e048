/**
 * The preview the user confirms before any order: what will be sold or bought, the money it moves
 * (margin, transfer, fees), the liquidation and funding it brings, what rounding leaves unhedged,
 * and the warnings. Enter confirms and Escape cancels; while it runs, the steps replace the buttons.
 * Confirm acts only on the user's own press while it has been fully in sight for half a second
 * (useGuardedPress): a page cannot steal it with a picture drawn over the panel.
 */
import { say, t } from './i18n';
import { useEffect, useState } from 'preact/hooks';
import { coins, fee, plain, price, usdt } from './format';
import { partialText } from './partial';
import type { Preview, Step } from './hedge-types';
import { stepsFor } from './steps';
import { refusalText, useGuardedPress, type Refusal } from './useGuardedPress';

/** How long Confirm must have been fully in sight before a press counts. */
const CONFIRM_ARMS_AFTER_MS = 500;

interface Props {
  preview: Preview;
  running: Step | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The user picked the other futures for this hedge: preview it there. */
  onRoute?: (route: Preview['family']) => void;
}

const ROUTE = { usdm: 'confirmRouteUsdm', coinm: 'confirmRouteCoinm' } as const;

export function ConfirmBox({ preview: p, running, onConfirm, onCancel, onRoute }: Props) {
  const [refused, setRefused] = useState<Refusal | null>(null);
  const guard = useGuardedPress(CONFIRM_ARMS_AFTER_MS, setRefused);
  useEffect(() => guard.element?.focus(), [guard.element]);
  const steps = stepsFor(p, running);
  // COIN-M margin, fees and transfers are in the coin; USDⓈ-M's in USDT or USDC.
  const money = (value: string) => (p.family === 'coinm' ? `${coins(value, '0.00000001')} ${p.collateral}` : `${usdt(value)} ${p.collateral}`);
  const onKey = (e: KeyboardEvent): void => {
    if (running) return;
    if (e.key === 'Escape') onCancel();
    else if (e.key === 'Enter') {
      e.preventDefault();
      guard.press(e, onConfirm); // trusted, from focus inside this box, while Confirm is in sight
    }
  };
  return (
    <div class="confirm" role="dialog" aria-label={t('confirmLabel')} onKeyDown={onKey} data-testid="confirm">
      <div class="confirm-title">
        {t(p.order.side === 'SELL' ? 'confirmSell' : 'confirmBuy', plain(p.order.quantity), p.order.symbol)}
        {p.order.reduceOnly && <span class="muted"> · {t('confirmReduceOnly')}</span>}
      </div>
      {p.alternative && onRoute && !running && (
        <div class="routes" role="group" aria-label={t('confirmRoute')} data-testid="routes">
          {(['usdm', 'coinm'] as const).map((route) => (
            <button key={route} class={route === p.family ? 'route chosen' : 'route secondary'} aria-pressed={route === p.family} onClick={() => route !== p.family && onRoute(route)} data-testid={`route-${route}`}>
              {t(ROUTE[route])}
            </button>
          ))}
        </div>
      )}
      {p.partial && <p class="partial" data-testid="preview-partial">{partialText(p)}</p>}
      <dl class="rows">
        <dt>{t('confirmCoins')}</dt>
        <dd data-testid="preview-coins">{coins(p.coins, p.coinStep)} {p.asset}</dd>
        <dt>{t('confirmNotional')}</dt>
        <dd data-testid="preview-notional">{usdt(p.notional)} {p.family === 'coinm' ? 'USD' : p.collateral}</dd>
        <dt>{t('confirmLeverage')}</dt>
        <dd>
          {t(p.marginType === 'CROSSED' ? 'confirmLeverageCross' : 'confirmLeverageIsolated', plain(String(p.leverage)))}
          {p.changes.leverage && <span class="muted"> {t('confirmWasLeverage', plain(String(p.changes.leverage.from)))}</span>}
          {p.changes.marginType && <span class="muted"> {t(p.changes.marginType.from === 'CROSSED' ? 'confirmWasCross' : 'confirmWasIsolated')}</span>}
        </dd>
        <dt>{t('confirmMargin')}</dt>
        <dd>{money(p.marginNeeded)} <span class="muted">{t('confirmOfAvailable', p.family === 'coinm' ? coins(p.availableMargin, '0.00000001') : usdt(p.availableMargin))}</span></dd>
        {p.transfer && (
          <>
            <dt>{t('confirmTransfer')}</dt>
            <dd data-testid="preview-transfer">{t(p.family === 'coinm' ? 'confirmTransferCoinm' : 'confirmTransferFirst', p.family === 'coinm' ? coins(p.transfer, '0.00000001') : usdt(p.transfer), p.collateral)}</dd>
          </>
        )}
        <dt>{t('confirmFees')}</dt>
        <dd>≈ {p.family === 'coinm' ? money(p.fees) : `${fee(p.fees)} ${p.collateral}`}</dd>
        {p.liquidationPrice && (
          <>
            <dt>{t('confirmLiqPrice')}</dt>
            <dd>≈ {price(p.liquidationPrice, p.tickSize)}</dd>
          </>
        )}
        {!p.liquidationPrice && p.family === 'coinm' && p.order.side === 'SELL' && (
          <>
            <dt>{t('confirmLiqPrice')}</dt>
            <dd data-testid="preview-no-liquidation">{t('confirmNoLiquidation', p.asset)}</dd>
          </>
        )}
        {p.funding && (
          <>
            <dt>{t('commonFunding')}</dt>
            <dd>{say(p.funding.text)}</dd>
          </>
        )}
        {p.residual !== '0' && !p.partial && (
          <>
            <dt>{t('confirmUnhedged')}</dt>
            <dd data-testid="preview-residual">{t('confirmResidual', plain(p.residual), p.asset)}</dd>
          </>
        )}
      </dl>
      {p.warnings.length > 0 && (
        <ul class="warn" data-testid="preview-warnings">
          {p.warnings.map((w) => <li key={w.id}>{say(w)}</li>)}
        </ul>
      )}
      {refused && refused !== 'early' && (
        <p class="refused" role="alert" data-testid="refused">{refusalText(refused)}</p>
      )}
      {running ? (
        <ol class="steps" aria-live="polite" data-testid="progress">
          {steps.map(({ step, label }) => {
            const at = steps.findIndex((s) => s.step === running);
            const i = steps.findIndex((s) => s.step === step);
            return <li key={step} class={i < at ? 'done' : i === at ? 'now' : ''}>{label}{i === at ? '…' : ''}</li>;
          })}
        </ol>
      ) : (
        <div class="buttons">
          <button
            ref={guard.ref}
            class={guard.armed ? 'primary' : 'primary arming'}
            aria-disabled={!guard.armed}
            data-armed={String(guard.armed)}
            onClick={(e) => guard.press(e, onConfirm)}
            data-testid="confirm-button"
          >
            {t('confirmButton')}
          </button>
          <button class="secondary" onClick={onCancel} data-testid="cancel-button">{t('commonCancel')}</button>
        </div>
      )}
    </div>
  );
}
