import { useState } from 'preact/hooks';
import { fmt, trimZeros } from '../shared/format';
import type { BatchPreview } from '../shared/hedge-types';
import { RequestError, send } from '../shared/messaging';

/** The combined preview of "hedge all unhedged", executed one hedge after another. */
export function BatchBox({ batch, onDone }: { batch: BatchPreview; onDone: (summary: { ok: boolean; text: string }) => void }) {
  const [running, setRunning] = useState<string | null>(null);
  const t = batch.totals;

  async function confirmAll() {
    if (running) return;
    const done: string[] = [];
    for (const [i, p] of batch.previews.entries()) {
      setRunning(`Hedging ${i + 1} of ${batch.previews.length}: ${p.asset}…`);
      try {
        await send({ type: 'hedge/execute', previewId: p.id });
        done.push(p.asset);
      } catch (err) {
        const why = err instanceof RequestError ? err.message : 'it failed';
        // Stop at the first failure: later previews counted on this one's margin and transfer.
        return onDone({ ok: false, text: `Hedged ${done.join(', ') || 'nothing'}; ${p.asset} stopped the batch: ${why}` });
      }
    }
    onDone({ ok: true, text: `Hedged ${done.join(', ')}.` });
  }

  return (
    <div class="confirm" role="dialog" aria-label="Confirm hedging all unhedged assets" data-testid="batch">
      <div class="confirm-title">Hedge all unhedged</div>
      {batch.previews.length === 0 ? (
        <p class="muted">Nothing can be hedged right now.</p>
      ) : (
        <table>
          <thead><tr><th>Asset</th><th>Order</th><th>Notional</th><th>Margin</th><th>Transfer</th></tr></thead>
          <tbody>
            {batch.previews.map((p) => (
              <tr key={p.id}>
                <td>{p.asset}</td>
                <td>Sell {trimZeros(p.order.quantity)} {p.order.symbol}</td>
                <td>{fmt(p.notional)}</td>
                <td>{fmt(p.marginNeeded)}</td>
                <td>{p.transfer ? fmt(p.transfer) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Total {fmt(t.notional)} USDT notional, {fmt(t.margin)} margin, {fmt(t.transfer)} moved from Spot, ≈ {fmt(t.fees, 4)} fees.
      </p>
      {batch.skipped.length > 0 && (
        <ul class="warn" data-testid="batch-skipped">
          {batch.skipped.map((s) => <li key={s.asset}>{s.asset} left out: {s.reason}</li>)}
        </ul>
      )}
      {running ? (
        <p aria-live="polite">{running}</p>
      ) : (
        <div class="buttons">
          {batch.previews.length > 0 && <button class="primary" onClick={() => void confirmAll()} data-testid="batch-confirm">Confirm all</button>}
          <button class="secondary" onClick={() => onDone({ ok: true, text: 'Nothing was sent.' })}>Cancel</button>
        </div>
      )}
    </div>
  );
}
