/** Which perpetual hedges a coin, how many coins one contract unit is, and its order rules. */
import { CoreInputError, D, dec, type Dec } from './decimal';
import type { ExchangeInfoSymbol } from './types';

/**
 * Multiplier contracts write their unit into the base asset: 1000PEPE (1000 PEPE), 1000000MOG,
 * 1MBABYDOGE ("1M" = a million). A leading digit alone is part of a name (1INCH), so only powers
 * of ten from 1000 up, or the 1M prefix, count as a multiplier.
 */
export function splitBase(baseAsset: string): { coin: string; multiplier: string } {
  const million = /^1M([A-Z][A-Z0-9]*)$/.exec(baseAsset);
  if (million) return { coin: million[1]!, multiplier: '1000000' };
  const power = /^(10{3,})([A-Z][A-Z0-9]*)$/.exec(baseAsset);
  if (power) return { coin: power[2]!, multiplier: power[1]! };
  return { coin: baseAsset, multiplier: '1' };
}

export function perpFor(
  asset: string,
  futuresSymbols: ExchangeInfoSymbol[],
  quote = 'USDT',
): { symbol: string; multiplier: string } | null {
  const matches = futuresSymbols
    .filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING' && s.quoteAsset === quote)
    .map((s) => ({ symbol: s.symbol, ...splitBase(s.baseAsset) }))
    .filter((s) => s.coin === asset);
  // A plain contract beats a multiplier one when both exist: finer steps, smaller minimums.
  matches.sort((a, b) => Number(a.multiplier) - Number(b.multiplier));
  const best = matches[0];
  return best ? { symbol: best.symbol, multiplier: best.multiplier } : null;
}

export interface LotRules {
  stepSize: Dec;
  minQty: Dec;
  maxQty: Dec;
  /** MIN_NOTIONAL.notional in the quote asset; reduce-only orders are exempt. */
  minNotional: Dec;
}

/**
 * The rules a MARKET order must meet. Binance checks market orders against MARKET_LOT_SIZE and
 * the symbol's LOT_SIZE; taking the coarser step and larger minimum of the two gives a quantity
 * that passes both.
 */
export function lotRules(info: ExchangeInfoSymbol): LotRules {
  const lots = info.filters.filter((f) => f.filterType === 'MARKET_LOT_SIZE' || f.filterType === 'LOT_SIZE');
  if (lots.length === 0) throw new CoreInputError(`${info.symbol} has no LOT_SIZE filter.`);
  let stepSize = D(0);
  let minQty = D(0);
  let maxQty: Dec | null = null;
  for (const f of lots) {
    const step = dec(f.stepSize, `${info.symbol} ${f.filterType}.stepSize`);
    if (step.lte(0)) throw new CoreInputError(`${info.symbol} ${f.filterType}.stepSize must be positive.`);
    stepSize = step.gt(stepSize) ? step : stepSize;
    const min = dec(f.minQty, `${info.symbol} ${f.filterType}.minQty`);
    minQty = min.gt(minQty) ? min : minQty;
    const max = dec(f.maxQty, `${info.symbol} ${f.filterType}.maxQty`);
    maxQty = maxQty === null || max.lt(maxQty) ? max : maxQty;
  }
  const notional = info.filters.find((f) => f.filterType === 'MIN_NOTIONAL');
  if (!notional) throw new CoreInputError(`${info.symbol} has no MIN_NOTIONAL filter.`);
  return { stepSize, minQty, maxQty: maxQty!, minNotional: dec(notional.notional, `${info.symbol} MIN_NOTIONAL.notional`) };
}

/** Rounds a non-negative quantity DOWN to a multiple of the step (never more than asked). */
export const roundDown = (qty: Dec, step: Dec): Dec => qty.div(step).round(0, 0).times(step);
