/**
 * Numbers as traders read them on Binance: prices at the contract's tick, quantities at its step,
 * funding rates with the four decimals Binance shows, money in cents, thousands grouped — the same
 * number looks the same in a warning, the panel and the side panel. Decimal strings in and out;
 * display never rounds a quantity up.
 */
import { D, dec } from './decimal';

/** "30000000" → "30,000,000"; keeps the sign and the fraction. */
export function grouped(value: string): string {
  const negative = value.startsWith('-');
  const [int = '0', frac] = value.replace('-', '').split('.');
  const body = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  return negative && !/^[0.,]*$/.test(body) ? `-${body}` : body;
}

/** Decimal places a step or tick is written with, without trailing zeros ("0.10" → 1, "1" → 0). */
export const decimalsOf = (step: string): number => (step.split('.')[1] ?? '').replace(/0+$/, '').length;

/** A price at the tick: rounded to the nearest tick, written with the tick's decimals. */
export function atTick(price: string, tick: string): string {
  const t = dec(tick, 'tickSize');
  const p = dec(price, 'price');
  const rounded = t.gt(0) ? p.div(t).round(0, 1).times(t) : p;
  return grouped(rounded.toFixed(decimalsOf(tick)));
}

/** A quantity at the step: cut down to a multiple of it (never shown larger than it is). */
export function atStep(quantity: string, step: string): string {
  const s = dec(step, 'stepSize');
  const q = dec(quantity, 'quantity');
  const cut = s.gt(0) ? q.div(s).round(0, 0).times(s) : q;
  return grouped(cut.toFixed(decimalsOf(step)));
}

/** Money in the quote asset, to the cent (cut, not rounded up). */
export const money = (value: string, decimals = 2): string => grouped(D(value).round(decimals, 0).toFixed(decimals));

/** A fraction as a percentage: "0.4312" → "43.1%". */
export const percent = (fraction: string, decimals = 1): string => `${D(fraction).times(100).round(decimals, 1).toFixed(decimals)}%`;

/** A funding rate as Binance shows it: "0.00010000" → "0.0100%", "-0.00005" → "-0.0050%". */
export const fundingRate = (rate: string): string => percent(rate, 4);
