/**
 * How a hedge flow ended, in the same box in every view: the result (green), "Checking with
 * Binance" (calm: the extension settles the order itself, so it must not be placed again), or the
 * failure with what to do. It sits beside the live view, never instead of it, so a later change and
 * its button stay in sight.
 */
import { say, t } from './i18n';
import type { Outcome } from './useHedgeFlow';

const TESTID = { done: 'result', checking: 'checking', failed: 'error' } as const;

export function FlowOutcome({ outcome, onDismiss, dismissLabel = t('flowOk') }: { outcome: Omit<Outcome, 'assets' | 'batch'>; onDismiss: () => void; dismissLabel?: string }) {
  return (
    <div class={`outcome ${outcome.kind}`} role={outcome.kind === 'failed' ? 'alert' : 'status'} data-testid={TESTID[outcome.kind]}>
      {outcome.kind === 'checking' && <strong>{t('flowChecking')}</strong>}
      <p>{say(outcome.message)}</p>
      {outcome.action && <p class="muted">{say(outcome.action)}</p>}
      <button class="small secondary" onClick={onDismiss}>{dismissLabel}</button>
    </div>
  );
}
