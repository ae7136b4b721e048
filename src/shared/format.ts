/**
 * The views' one entry to numbers: core/format's rules (prices at the contract's tick, coins cut to
 * its step, money to the cent, percentages to a tenth, funding rates with Binance's four decimals)
 * written by Intl in the browser's language through i18n.ts, and a dash for a value a view does
 * not have yet. Every view formats through here, so one number reads the same in a warning, the
 * panel and the side panel.
 */
import { cutToStep, decimalsOf, roundToTick, toCents } from '../core/format';
import { duration, number, percent } from './i18n';

type Maybe = string | null | undefined;
const DASH = '—';

/** A decimal as sent, without trailing zeros: an order's contract quantity, a residual. */
export const plain = (value: Maybe): string => (value ? number(value) : DASH);

/** A price at the contract's tick, as Binance shows it ("97,123.4"); without a tick, as sent. */
export const price = (value: Maybe, tick?: Maybe): string => (value ? (tick ? number(roundToTick(value, tick), decimalsOf(tick)) : number(value)) : DASH);

/** Coins cut to the contract's step (never shown larger), trailing zeros dropped: "1.5", "30,000,000". */
export const coins = (value: Maybe, step: Maybe): string => (value ? number(step ? cutToStep(value, step) : value) : DASH);

/** USDT to the cent. */
export const usdt = (value: Maybe): string => (value ? number(toCents(value), 2) : DASH);

/** Fees and funding in USDT: to the cent, or to 4 places under 1 USDT (they are often fractions of a cent). */
export function fee(value: Maybe): string {
  if (!value) return DASH;
  const size = Math.abs(Number(value)); // only to choose the places; the digits come from the string
  const places = size > 0 && size < 1 ? 4 : 2;
  return number(toCents(value, places), places);
}

/** A fraction as a percentage: "0.4312" → "43.1%". */
export const pct = (fraction: Maybe, decimals = 1): string => (fraction ? percent(fraction, decimals) : DASH);

/** A funding rate as Binance shows it: "-0.00005" → "-0.0050%". */
export const rate = (value: Maybe): string => (value ? percent(value, 4) : DASH);

/** The colour class of a signed amount: received or gained is up, paid or lost is down. */
export const tone = (value: Maybe): 'up' | 'down' => (value?.startsWith('-') ? 'down' : 'up');

/** "3 h 05 min", "42 min", "42 s" until `time`, in the user's language: seconds only in the last minute. */
export const countdown = (time: number, now: number): string => duration(time - now);
