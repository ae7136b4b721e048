import { useEffect, useRef } from 'preact/hooks';
import { fmt, price, trimZeros } from './format';
import type { Preview, Step } from './hedge-types';

// In the executor's order: account settings first (a refusal there moves no money), then the transfer.
const STEPS: { step: Step; label: string }[] = [
  { step: 'setting-margin-type', label: 'Setting margin mode' },
  { step: 'setting-leverage', label: 'Setting leverage' },
  { step: 'transferring', label: 'Transferring USDT' },
  { step: 'placing', label: 'Placing order' },
  // Only while Binance's answer was unclear (timeout, 5xx): the order is asked about, not resent.
  { step: 'checking', label: 'Checking with Binance whether it went through' },
  { step: 'verifying', label: 'Verifying' },
];

interface Props {
  preview: Preview;
  running: Step | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmBox({ preview: p, running, onConfirm, onCancel }: Props) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const verb = p.order.side === 'SELL' ? 'Sell (short)' : 'Buy back';
  const steps = STEPS.filter(
    ({ step }) =>
      (step !== 'transferring' || p.transfer) &&
      (step !== 'setting-margin-type' || p.changes.marginType) &&
      (step !== 'setting-leverage' || p.changes.leverage) &&
      (step !== 'checking' || running === 'checking'),
  );
  const onKey = (e: KeyboardEvent): void => {
    if (running) return;
    if (e.key === 'Escape') onCancel();
    else if (e.key === 'Enter') {
      e.preventDefault();
      onConfirm();
    }
  };
  return (
    <div class="confirm" role="dialog" aria-label="Confirm order" onKeyDown={onKey} data-testid="confirm">
      <div class="confirm-title">
        {verb} {trimZeros(p.order.quantity)} {p.order.symbol}
        {p.order.reduceOnly && <span class="muted"> · reduce-only</span>}
      </div>
      <dl class="rows">
        <dt>Coins</dt>
        <dd data-testid="preview-coins">{fmt(p.coins, 8)} {p.asset}</dd>
        <dt>Notional</dt>
        <dd data-testid="preview-notional">{fmt(p.notional)} USDT</dd>
        <dt>Leverage</dt>
        <dd>
          {p.leverage}x {p.marginType === 'CROSSED' ? 'cross' : 'isolated'}
          {p.changes.leverage && <span class="muted"> (now {p.changes.leverage.from}x)</span>}
          {p.changes.marginType && <span class="muted"> (now {p.changes.marginType.from.toLowerCase()})</span>}
        </dd>
        <dt>Margin</dt>
        <dd>{fmt(p.marginNeeded)} USDT <span class="muted">of {fmt(p.availableMargin)} available</span></dd>
        {p.transfer && (
          <>
            <dt>Transfer</dt>
            <dd data-testid="preview-transfer">{fmt(p.transfer)} USDT from Spot to Futures first</dd>
          </>
        )}
        <dt>Fees</dt>
        <dd>≈ {fmt(p.fees, 4)} USDT</dd>
        {p.liquidationPrice && (
          <>
            <dt>Liq. price</dt>
            <dd>≈ {price(p.liquidationPrice)}</dd>
          </>
        )}
        {p.funding && (
          <>
            <dt>Funding</dt>
            <dd>{p.funding.text}</dd>
          </>
        )}
        {p.residual !== '0' && (
          <>
            <dt>Unhedged</dt>
            <dd data-testid="preview-residual">{fmt(p.residual, 8)} {p.asset} (below the contract's step)</dd>
          </>
        )}
      </dl>
      {p.warnings.length > 0 && (
        <ul class="warn" data-testid="preview-warnings">
          {p.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
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
          <button ref={confirmRef} class="primary" onClick={onConfirm} data-testid="confirm-button">Confirm</button>
          <button class="secondary" onClick={onCancel} data-testid="cancel-button">Cancel</button>
        </div>
      )}
    </div>
  );
}
