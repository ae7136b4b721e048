/**
 * The steps of one confirmed order as every view lists them, in the executor's order: account
 * settings first (a refusal there moves no money), then the transfer, the order, and its check.
 * Only the steps a preview needs are listed; "checking" only while Binance's answer is unclear.
 */
import type { Preview, Step } from './hedge-types';
import { t } from './i18n';

const STEPS: { step: Step; id: string }[] = [
  { step: 'setting-margin-type', id: 'stepMarginType' },
  { step: 'setting-leverage', id: 'stepLeverage' },
  { step: 'transferring', id: 'stepTransfer' },
  { step: 'placing', id: 'stepPlacing' },
  // Only while Binance's answer was unclear (timeout, 5xx): the order is asked about, not resent.
  { step: 'checking', id: 'stepChecking' },
  { step: 'verifying', id: 'stepVerifying' },
  // Closing a COIN-M hedge: its coins back to Spot.
  { step: 'returning', id: 'stepReturning' },
];

export function stepsFor(p: Preview, running: Step | null): { step: Step; label: string }[] {
  return STEPS.filter(
    ({ step }) =>
      (step !== 'transferring' || p.transfer) &&
      (step !== 'setting-margin-type' || p.changes.marginType) &&
      (step !== 'setting-leverage' || p.changes.leverage) &&
      (step !== 'checking' || running === 'checking') &&
      (step !== 'returning' || p.returnCollateral),
  ).map(({ step, id }) => ({ step, label: t(id) }));
}

/** The step a confirmed preview starts with, shown before the background's first progress event. */
export const firstStep = (p: Preview): Step => stepsFor(p, null)[0]!.step;

/** "Placing order" — a step's words, for one-line progress. */
export const stepLabel = (step: Step): string => t(STEPS.find((s) => s.step === step)!.id);
