/**
 * The views' one entry to numbers: core/format's rules (prices at the contract's tick, coins cut to
 * its step, money to the cent, percentages to a tenth, funding rates with Binance's four decimals)
 * written by Intl in the browser's language through i18n.ts, and a dash for a value a view does
 * not have yet. Every view formats through here, so one number reads the same in a warning, the
 * panel and the side panel.
 */
import { cutToStep, decimalsOf, roundToTick, toCents } from '../core/format';
import { duration, number, percent, uiLanguage } from './i18n';

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

/** Places for fees and funding: to the cent, or to 4 places under 1 USDT (they are often fractions of a cent). */
const feePlaces = (value: string): number => {
  const size = Math.abs(Number(value)); // only to choose the places; the digits come from the string
  return size > 0 && size < 1 ? 4 : 2;
};

/** Fees and funding in USDT: "72.75", "0.0042". */
export const fee = (value: Maybe): string => (value ? number(toCents(value, feePlaces(value)), feePlaces(value)) : DASH);

/** Funding received (+) or paid (−), signed both ways: "+12.40", "-31.20". */
export const signedFee = (value: Maybe): string => (value ? number(toCents(value, feePlaces(value)), feePlaces(value), 'exceptZero') : DASH);

/** A fraction as a percentage: "0.4312" → "43.1%". */
export const pct = (fraction: Maybe, decimals = 1): string => (fraction ? percent(fraction, decimals) : DASH);

/** A yearly return or cost as a signed percentage: "0.041" → "+4.1%", "-0.063" → "-6.3%". */
export const signedPct = (fraction: Maybe): string => (fraction ? percent(fraction, 1, 'exceptZero') : DASH);

/** A day and month in the user's language ("27 Mar", "3月27日"): a quarterly's delivery is never a year away. */
export const dayMonth = (time: number): string => new Date(time).toLocaleDateString(uiLanguage(), { day: 'numeric', month: 'short' });

/** A funding rate as Binance shows it: "-0.00005" → "-0.0050%". */
export const rate = (value: Maybe): string => (value ? percent(value, 4) : DASH);

/** The colour class of a signed amount: received or gained is up, paid or lost is down. */
export const tone = (value: Maybe): 'up' | 'down' => (value?.startsWith('-') ? 'down' : 'up');

/** "3 h 05 min", "42 min", "42 s" until `time`, in the user's language: seconds only in the last minute. */
export const countdown = (time: number, now: number): string => duration(time - now);
