/**
 * Every view turns a failure into words the same way: the background's ErrorInfo as it sent it
 * (what happened, what to do), one fallback for anything else, and one rule for the replies that
 * are not failures at all but "not settled yet" — Binance has, or may have, the order, and the
 * extension settles it by itself, so the user must not place it again.
 */
import { RequestError } from './messaging';
import { words } from '../core/words';
import { say } from './i18n';
import type { ErrorInfo } from './user-error';

/** Codes whose order the background is still settling with Binance (views say "Checking with Binance"). */
const SETTLING = new Set(['order-unknown', 'order-accepted', 'order-pending']);

const UNKNOWN: ErrorInfo = { code: 'internal', message: words('errViewFailed'), action: words('errInternalDo') };

export const describeError = (err: unknown): ErrorInfo => (err instanceof RequestError ? err.info : UNKNOWN);

/** The failure as one line: what happened, then what to do. */
export function errorText(err: unknown): string {
  const info = describeError(err);
  return info.action ? `${say(info.message)} ${say(info.action)}` : say(info.message);
}

export const isSettling = (info: ErrorInfo): boolean => SETTLING.has(info.code);
