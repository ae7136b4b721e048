/**
 * The cost of protection, side by side: what the perpetual short really received or paid, what the
 * symbol's rate history says, and what a quarterly short would lock in instead. Signs as in
 * funding.ts: income positive = received; a positive rate means longs pay shorts (the short
 * receives), so a short PAYS only in an interval whose rate is negative.
 */
import { D, dec, str } from './decimal';
import { annualizedFunding } from './funding';
import type { ExchangeInfoSymbol, PremiumIndex } from './types';

const DAY = 86_400_000;
/** Fractions are kept to a ten-thousandth of a percent: more than any view shows. */
const PLACES = 6;
/**
 * A delivery closer than this is not offered: annualizing the basis over a few days magnifies a few
 * ticks into a large yearly figure, and the short would have to be rolled at once.
 */
const MIN_DAYS_TO_DELIVERY = 14;

/**
 * Funding on `symbol` over the last `days` days, from income rows: the sum of its FUNDING_FEE rows
 * after now − days (no upper bound: Binance's clock may run a little ahead of ours).
 * E.g. rows +5 (2 days ago), +7.4 (6 days ago), −50.6 (20 days ago): 7 days +12.4, 30 days −38.2.
 */
export function fundingOver(rows: { symbol: string; incomeType: string; income: string; time: number }[], symbol: string, now: number, days: number): string {
  const since = now - days * DAY;
  return str(rows.filter((r) => r.incomeType === 'FUNDING_FEE' && r.symbol === symbol && r.time > since).reduce((sum, r) => sum.plus(dec(r.income, 'income')), D(0)));
}

/**
 * An amount made over `days` days as a yearly fraction of `notional`: amount / notional × 365 / days.
 * E.g. −31.2 USDT over 30 days on a 6,000 USDT short: −31.2 / 6,000 × 365 / 30 = −0.063267 (−6.3 %/yr).
 */
export function annualOfNotional(amount: string, notional: string, days: number): string {
  return str(dec(amount, 'amount').div(dec(notional, 'notional')).times(365).div(days).round(PLACES));
}

/**
 * The funding events of the last `days` days (GET /fapi/v1/fundingRate rows): their average rate
 * annualized by the symbol's own interval (avg × 24 / intervalHours × 365), and the share of them in
 * which a short paid (rate < 0; a zero rate moves nothing). null without an event in the window.
 * E.g. rates 0.0001, 0.0002, −0.00006: average 0.00008; at 8 h × 1,095 = 0.0876, at 4 h × 2,190 =
 * 0.1752; the short paid in 1 of 3 events (0.3333).
 */
export function rateHistory(rates: { fundingRate: string; fundingTime: number }[], intervalHours: number, now: number, days: number): { rateAnnual: string; paidShare: string } | null {
  const since = now - days * DAY;
  const window = rates.filter((r) => r.fundingTime > since).map((r) => dec(r.fundingRate, 'fundingRate'));
  if (!window.length) return null;
  const average = window.reduce((sum, r) => sum.plus(r), D(0)).div(window.length);
  return {
    rateAnnual: str(D(annualizedFunding(str(average), intervalHours)).round(PLACES)),
    paidShare: str(D(window.filter((r) => r.lt(0)).length).div(window.length).round(4)),
  };
}

/**
 * A quarterly's basis against the index, annualized to its delivery: (mark − index) / index × 365 /
 * days to delivery. A short quarterly locks it in (futures and index meet at delivery): positive =
 * the short earns it. E.g. mark 101,200, index 100,000, 120 days: 0.012 × 365 / 120 = 0.0365 (3.65 %/yr).
 */
export function basisAnnualized(markPrice: string, indexPrice: string, deliveryDate: number, now: number): string {
  const index = dec(indexPrice, 'indexPrice');
  const days = D(deliveryDate - now).div(DAY);
  return str(dec(markPrice, 'markPrice').minus(index).div(index).times(365).div(days).round(PLACES));
}

export interface QuarterlyBasis {
  /** e.g. BTCUSDT_260327 */
  symbol: string;
  deliveryDate: number;
  basisAnnual: string;
}

/**
 * The quarterly a short could move to instead of the perpetual `perp` (same base and quote asset,
 * CURRENT_QUARTER or NEXT_QUARTER, trading): the nearest delivery at least 14 days away whose mark
 * and index are known. null when there is none.
 */
export function quarterlyFor(perp: string, futuresSymbols: ExchangeInfoSymbol[], markPrices: PremiumIndex[], now: number): QuarterlyBasis | null {
  const info = futuresSymbols.find((s) => s.symbol === perp);
  if (!info) return null;
  const quarterlies = futuresSymbols
    .filter((s) => (s.contractType === 'CURRENT_QUARTER' || s.contractType === 'NEXT_QUARTER') && s.status === 'TRADING')
    .filter((s) => s.baseAsset === info.baseAsset && s.quoteAsset === info.quoteAsset && s.deliveryDate !== undefined && s.deliveryDate - now >= MIN_DAYS_TO_DELIVERY * DAY)
    .sort((a, b) => a.deliveryDate! - b.deliveryDate!);
  for (const q of quarterlies) {
    const premium = markPrices.find((m) => m.symbol === q.symbol);
    if (premium?.indexPrice && !D(premium.indexPrice).eq(0)) {
      return { symbol: q.symbol, deliveryDate: q.deliveryDate!, basisAnnual: basisAnnualized(premium.markPrice, premium.indexPrice, q.deliveryDate!, now) };
    }
  }
  return null;
}
