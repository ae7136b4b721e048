/**
 * What the free margin allows: the largest order whose initial margin (notional ÷ leverage) and
 * taker fee fit in the funds, and the amount to move to Futures for a margin shortfall.
 */
import type { LotRules } from './contract';
import { roundDown } from './contract';
import { dec, str } from './decimal';

/**
 * Binance counts USDT and USDC in Multi-Assets mode at 0.9999 of their value (its FAQ "What Is
 * Multi-Assets Mode"): moving x adds 0.9999·x of margin.
 */
export const STABLE_COLLATERAL_RATIO = '0.9999';

/** The stablecoins to move so the margin rises by `shortfall`; rounded up to the cent. */
export function transferFor(shortfall: string, multiAssetsMargin: boolean): string {
  const s = dec(shortfall, 'shortfall');
  return (multiAssetsMargin ? s.div(STABLE_COLLATERAL_RATIO) : s).round(2, 3).toFixed(2);
}

/** The margin `amount` stablecoins add once moved (all of it in Single-Asset mode). */
export function marginFrom(amount: string, multiAssetsMargin: boolean): string {
  const a = dec(amount, 'amount');
  return str(multiAssetsMargin ? a.times(STABLE_COLLATERAL_RATIO) : a);
}

export interface AffordInput {
  /** Margin available for the order, in the quote asset. */
  funds: string;
  markPrice: string;
  leverage: number;
  takerRate: string;
  rules: LotRules;
}

/** Contracts (a multiple of the step) the funds can open; null when that is under the minimums. */
export function largestAffordable({ funds, markPrice, leverage, takerRate, rules }: AffordInput): string | null {
  const mark = dec(markPrice, 'markPrice');
  const perContract = mark.div(leverage).plus(mark.times(dec(takerRate, 'takerRate')));
  const f = dec(funds, 'funds');
  if (f.lte(0) || perContract.lte(0)) return null;
  let quantity = roundDown(f.div(perContract), rules.stepSize);
  if (quantity.gt(rules.maxQty)) quantity = roundDown(rules.maxQty, rules.stepSize);
  if (quantity.lt(rules.minQty) || quantity.eq(0) || quantity.times(mark).lt(rules.minNotional)) return null;
  return str(quantity);
}
