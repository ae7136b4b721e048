/**
 * The views' one entry to number formatting: core/format's rules (prices at the contract's tick,
 * coins at its step, money to the cent, "43.1%", funding rates with Binance's four decimals) made
 * safe for values a view may not have yet (a dash), plus the funding countdown. Every view formats
 * through here, so one number reads the same in a warning, the panel and the side panel.
 */
import { atStep, atTick, fundingRate, grouped, money, percent } from '../core/format';

type Maybe = string | null | undefined;
const DASH = '—';

/** "1.2300" → "1.23", "5.000" → "5"; keeps what was sent, without float rounding. (The executor's result sentence uses it too.) */
export const trimZeros = (value: string): string => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

/** A decimal as sent, grouped and without trailing zeros: an order's contract quantity, a residual. */
export const plain = (value: Maybe): string => (value ? grouped(trimZeros(value)) : DASH);

/** A price at the contract's tick, as Binance shows it ("97,123.40"); without a tick, as sent. */
export const price = (value: Maybe, tick?: Maybe): string => (value ? (tick ? atTick(value, tick) : plain(value)) : DASH);

/** Coins cut to the contract's step (never shown larger), written like core's sentences: "1.5", "30,000,000". */
export const coins = (value: Maybe, step: Maybe): string => (value ? (step ? trimZeros(atStep(value, step)) : plain(value)) : DASH);

/** USDT to the cent. */
export const usdt = (value: Maybe): string => (value ? money(value) : DASH);

/** Fees and funding in USDT: to the cent, or to 4 places under 1 USDT (they are often fractions of a cent). */
export function fee(value: Maybe): string {
  if (!value) return DASH;
  const size = Math.abs(Number(value)); // only to choose the places; the digits come from the string
  return money(value, size > 0 && size < 1 ? 4 : 2);
}

/** A fraction as a percentage: "0.4312" → "43.1%". */
export const pct = (fraction: Maybe, decimals = 1): string => (fraction ? percent(fraction, decimals) : DASH);

/** A funding rate as Binance shows it: "-0.00005" → "-0.0050%". */
export const rate = (value: Maybe): string => (value ? fundingRate(value) : DASH);

/** The colour class of a signed amount: received or gained is up, paid or lost is down. */
export const tone = (value: Maybe): 'up' | 'down' => (value?.startsWith('-') ? 'down' : 'up');

/** "3 h 05 min", "42 min", "42 s" until `time`: seconds only in the last minute. */
export function countdown(time: number, now: number): string {
  const s = Math.max(0, Math.round((time - now) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}
