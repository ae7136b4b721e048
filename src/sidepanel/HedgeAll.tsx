/**
 * "Hedge all unhedged": one button, then one combined preview the user confirms once — each hedge
 * with its order and money, the totals, and the assets left out with why. The hedges then run one
 * after another through the shared hedge flow, stopping at the first failure (later ones counted on
 * its margin and transfer).
 */
import { coins, fee, plain, usdt } from '../shared/format';
import { stepLabel } from '../shared/steps';
import type { HedgeFlow } from '../shared/useHedgeFlow';
import type { Row } from './Holdings';

export function HedgeAll({ flow, rows }: { flow: HedgeFlow; rows: Row[] }) {
  const batch = flow.confirming?.batch;
  if (!batch) {
    if (flow.confirming || !rows.some((r) => r.status === 'under')) return null;
    return <button class="primary wide" disabled={flow.busy} onClick={flow.reviewAll} data-testid="hedge-all">Hedge all unhedged</button>;
  }
  const t = batch.totals;
  const running = flow.running;
  return (
    <div class="confirm" role="dialog" aria-label="Confirm hedging all unhedged assets" data-testid="batch">
      <div class="confirm-title">Hedge all unhedged</div>
      {batch.previews.length === 0 ? (
        <p class="muted">Nothing can be hedged right now.</p>
      ) : (
        <ol class="batch">
          {batch.previews.map((p) => (
            <li key={p.id}>
              <strong>{p.asset}</strong> Sell (short) {plain(p.order.quantity)} {p.order.symbol} <span class="muted">· {coins(p.coins, p.coinStep)} {p.asset}</span>
              <div class="muted">
                {usdt(p.notional)} USDT · margin {usdt(p.marginNeeded)}{p.transfer && ` · moves ${usdt(p.transfer)} from Spot`}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p>
        Total {usdt(t.notional)} USDT notional, {usdt(t.margin)} margin, {usdt(t.transfer)} moved from Spot, ≈ {fee(t.fees)} fees.
      </p>
      {batch.skipped.length > 0 && (
        <ul class="warn" data-testid="batch-skipped">
          {batch.skipped.map((s) => <li key={s.asset}>{s.asset} left out: {s.reason}</li>)}
        </ul>
      )}
      {running ? (
        <p aria-live="polite" data-testid="progress">
          Hedging {running.index + 1} of {batch.previews.length}: {batch.previews[running.index]!.asset} — {stepLabel(running.step)}…
        </p>
      ) : (
        <div class="buttons">
          {batch.previews.length > 0 && <button class="primary" onClick={flow.confirm} data-testid="batch-confirm">Confirm all</button>}
          <button class="secondary" onClick={flow.cancel}>Cancel</button>
        </div>
      )}
    </div>
  );
}
