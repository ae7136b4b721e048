/**
 * The steps of one confirmed order as every view lists them, in the executor's order: account
 * settings first (a refusal there moves no money), then the transfer, the order, and its check.
 * Only the steps a preview needs are listed; "checking" only while Binance's answer is unclear.
 */
import type { Preview, Step } from './hedge-types';

const STEPS: { step: Step; label: string }[] = [
  { step: 'setting-margin-type', label: 'Setting margin mode' },
  { step: 'setting-leverage', label: 'Setting leverage' },
  { step: 'transferring', label: 'Transferring USDT' },
  { step: 'placing', label: 'Placing order' },
  // Only while Binance's answer was unclear (timeout, 5xx): the order is asked about, not resent.
  { step: 'checking', label: 'Checking with Binance whether it went through' },
  { step: 'verifying', label: 'Verifying' },
];

export function stepsFor(p: Preview, running: Step | null): { step: Step; label: string }[] {
  return STEPS.filter(
    ({ step }) =>
      (step !== 'transferring' || p.transfer) &&
      (step !== 'setting-margin-type' || p.changes.marginType) &&
      (step !== 'setting-leverage' || p.changes.leverage) &&
      (step !== 'checking' || running === 'checking'),
  );
}

/** The step a confirmed preview starts with, shown before the background's first progress event. */
export const firstStep = (p: Preview): Step => stepsFor(p, null)[0]!.step;

/** "Placing order" — a step's words, for one-line progress. */
export const stepLabel = (step: Step): string => STEPS.find((s) => s.step === step)!.label;
