/**
 * The decimals of numbers as traders read them on Binance: a price rounded to the contract's tick,
 * a quantity cut to its step (never shown larger than it is), money to the cent. Decimal strings
 * in and out, with no separators: the views write them in the user's language (Intl).
 */
import { D, dec } from './decimal';

/** Decimal places a step or tick is written with, without trailing zeros ("0.10" → 1, "1" → 0). */
export const decimalsOf = (step: string): number => (step.split('.')[1] ?? '').replace(/0+$/, '').length;

/** A price rounded to the nearest tick, with the tick's decimals: ("3412.6992", "0.01") → "3412.70". */
export function roundToTick(price: string, tick: string): string {
  const t = dec(tick, 'tickSize');
  const p = dec(price, 'price');
  return (t.gt(0) ? p.div(t).round(0, 1).times(t) : p).toFixed(decimalsOf(tick));
}

/** A quantity cut down to a multiple of the step, with the step's decimals: ("1.23456", "0.001") → "1.234". */
export function cutToStep(quantity: string, step: string): string {
  const s = dec(step, 'stepSize');
  const q = dec(quantity, 'quantity');
  return (s.gt(0) ? q.div(s).round(0, 0).times(s) : q).toFixed(decimalsOf(step));
}

/** Money cut to `decimals` places (a display never rounds money up). */
export const toCents = (value: string, decimals = 2): string => D(value).round(decimals, 0).toFixed(decimals);
