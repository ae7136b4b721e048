/**
 * Reading the binance client's errors without depending on their class: a Binance `code`, whether
 * a write's fate is unknown (timeout, 5xx) so it must be asked about before any resend, and whether
 * Binance accepted it although its reply could not be read.
 */
import { UserError } from '../shared/errors';

export const codeOf = (err: unknown): number | undefined =>
  err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined;

export const isFateUnknown = (err: unknown): boolean =>
  Boolean(err && typeof err === 'object' && (err as { fateUnknown?: unknown }).fateUnknown === true);

/** Binance answered 2xx to the write but the reply could not be read: accepted, never to be resent. */
export const isAccepted = (err: unknown): boolean =>
  Boolean(err && typeof err === 'object' && (err as { accepted?: unknown }).accepted === true);

/** Any error as one the user can read: the client's plain words and action are kept. */
export function asUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as { message: string; action?: unknown };
    const code = codeOf(err);
    return new UserError(code === undefined ? 'binance' : `binance${code}`, e.message, typeof e.action === 'string' ? e.action : undefined);
  }
  return new UserError('internal', 'Something went wrong in the extension.', 'Try again; if it repeats, reload the extension.');
}
