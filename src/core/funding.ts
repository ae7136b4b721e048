/**
 * Funding, with its sign written once. Binance: a POSITIVE funding rate means longs pay shorts;
 * a negative rate means shorts pay longs. Amount = position size × mark price × rate, per event.
 * So a short hedge (negative positionAmt) RECEIVES when the rate is positive.
 */
import { D, dec, str } from './decimal';
import type { FundingInfo } from './types';
import { words, type Words } from './words';

/** One funding event for a position, in USDT: positive = received, negative = paid. */
export function fundingPayment(positionAmt: string, markPrice: string, fundingRate: string): string {
  const amount = dec(positionAmt, 'positionAmt').times(dec(markPrice, 'markPrice')).times(dec(fundingRate, 'fundingRate'));
  return str(amount.times(-1));
}

/** The rate over a year: rate × events per day × 365. */
export function annualizedFunding(rate: string, intervalHours: number): string {
  if (!(intervalHours > 0)) throw new RangeError('intervalHours must be positive');
  return str(dec(rate, 'fundingRate').times(24).div(intervalHours).times(365));
}

/**
 * What the position receives or pays per funding event at this rate, in words: "the short receives
 * about 0.42 USDT per 8 h at this rate", or for a position not open yet (`hypothetical`), "the short
 * would receive about …".
 */
export function describeFunding(p: { positionAmt: string; markPrice: string; fundingRate: string; intervalHours: number; hypothetical?: boolean }): Words {
  const amt = dec(p.positionAmt, 'positionAmt');
  if (amt.eq(0)) return words('fundingNoPosition');
  const payment = D(fundingPayment(p.positionAmt, p.markPrice, p.fundingRate));
  if (payment.eq(0)) return words('fundingNothing');
  const side = amt.lt(0) ? 'Short' : 'Long';
  const verb = `${payment.gt(0) ? 'Receives' : 'Pays'}${p.hypothetical ? 'Hypothetical' : ''}`;
  return words(`funding${side}${verb}`, { money: str(payment.abs()) }, { count: p.intervalHours });
}

/**
 * Hours between a symbol's funding events: /fapi/v1/fundingInfo lists only symbols whose interval
 * or caps were adjusted (new listings often fund every 4 h); every other symbol funds every 8 h.
 */
export const fundingIntervalHours = (symbol: string, info: FundingInfo[]): number => info.find((f) => f.symbol === symbol)?.fundingIntervalHours ?? 8;
