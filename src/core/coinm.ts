/**
 * COIN-M inverse perpetuals (BTCUSD_PERP): a contract is worth `contractSize` USD, positions are
 * signed contracts (short negative), and margin, PnL, funding and fees are all in the coin.
 * With a = |contracts| × contractSize (USD), a position at mark P is a/P coins.
 *
 * Why a short backed by the coins it hedges survives any rally: with wallet WB = a/EP (the coins
 * that bought its notional at entry), equity = WB + Q·s·(1/EP − 1/P) = a/P, the coins' USD value
 * locked in, while maintenance = a·MMR/P − cum stays below it for MMR < 1. Only what leaves the
 * wallet breaks this: the opening fee and paid (negative-rate) funding lower WB below a/EP, and
 * then a rally of roughly (1 − MMR) ÷ (share of the coins lost) times the entry liquidates it.
 */
import { roundDown } from './contract';
import { CoreInputError, D, dec, str, type Dec } from './decimal';

/** Order rules of a COIN-M contract, quantities in contracts. */
export interface InverseContractRules {
  contractSize: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
}

/** A bracket of GET /dapi/v2/leverageBracket; qtylFloor/qtyCap bound the notional in the COIN (its FAQ: "300 BTC"). */
export interface CoinmBracketLike {
  qtyCap: number;
  qtylFloor: number;
  maintMarginRatio: number;
  cum: number;
}

const positive = (value: string | number, what: string): Dec => {
  const x = dec(value, what);
  if (x.lte(0)) throw new CoreInputError(`${what} must be positive.`);
  return x;
};

const lesser = (x: Dec, y: Dec): Dec => (x.lt(y) ? x : y);

const notNegative = (value: string, what: string): Dec => {
  const x = dec(value, what);
  if (x.lt(0)) throw new CoreInputError(`${what} must not be negative.`);
  return x;
};

/**
 * The rules a MARKET order meets: like lotRules, the coarser of LOT_SIZE and MARKET_LOT_SIZE
 * (larger step and minimum, smaller maximum). COIN-M has no MIN_NOTIONAL filter.
 */
export function coinmRules(symbol: { symbol: string; contractSize: number; filters: { filterType: string; minQty?: string; maxQty?: string; stepSize?: string }[] }): InverseContractRules {
  const lots = symbol.filters.filter((f) => f.filterType === 'MARKET_LOT_SIZE' || f.filterType === 'LOT_SIZE');
  if (lots.length === 0) throw new CoreInputError(`${symbol.symbol} has no LOT_SIZE filter.`);
  let stepSize = D(0);
  let minQty = D(0);
  let maxQty: Dec | null = null;
  for (const f of lots) {
    const step = positive(f.stepSize ?? '', `${symbol.symbol} ${f.filterType}.stepSize`);
    stepSize = step.gt(stepSize) ? step : stepSize;
    const min = dec(f.minQty, `${symbol.symbol} ${f.filterType}.minQty`);
    minQty = min.gt(minQty) ? min : minQty;
    const max = dec(f.maxQty, `${symbol.symbol} ${f.filterType}.maxQty`);
    maxQty = maxQty === null || max.lt(maxQty) ? max : maxQty;
  }
  const contractSize = positive(symbol.contractSize, `${symbol.symbol} contractSize`);
  return { contractSize: str(contractSize), stepSize: str(stepSize), minQty: str(minQty), maxQty: str(maxQty!) };
}

/** Whole steps of contracts that `coins` at `mark` cover, rounded down: never more than the coins. */
const coveredBy = (coins: Dec, mark: Dec, rules: InverseContractRules): Dec =>
  roundDown(coins.times(mark).div(positive(rules.contractSize, 'contractSize')), positive(rules.stepSize, 'stepSize'));

/** Contracts hedging `coins` (rounded down to the step) and the coins that granularity leaves unhedged. */
export function contractsFor(coins: string, markPrice: string, rules: InverseContractRules): { contracts: string; residual: string } {
  const n = notNegative(coins, 'coins');
  const mark = positive(markPrice, 'markPrice');
  const contracts = coveredBy(n, mark, rules);
  return { contracts: str(contracts), residual: str(n.minus(contracts.times(rules.contractSize).div(mark))) };
}

/** The coins a position of `contracts` stands for at this mark: |contracts| × size / mark. */
export const coinsOf = (contracts: string, markPrice: string, contractSize: string): string =>
  str(dec(contracts, 'contracts').abs().times(positive(contractSize, 'contractSize')).div(positive(markPrice, 'markPrice')));

/** Unrealized PnL in the coin: Q·s·(1/entry − 1/mark), written with one division to stay exact. */
export function inversePnl(positionAmt: string, contractSize: string, entryPrice: string, markPrice: string): string {
  const entry = positive(entryPrice, 'entryPrice');
  const mark = positive(markPrice, 'markPrice');
  const usd = dec(positionAmt, 'positionAmt').times(positive(contractSize, 'contractSize'));
  return str(usd.times(mark.minus(entry)).div(entry.times(mark)));
}

/**
 * One funding event in the coin, positive = received. Same sign rule as USDⓈ-M (funding.ts): a
 * positive rate means longs pay shorts, so a short (Q < 0) receives. Amount = −Q·s/mark × rate.
 */
export function coinFunding(positionAmt: string, contractSize: string, markPrice: string, fundingRate: string): string {
  const coins = dec(positionAmt, 'positionAmt').times(positive(contractSize, 'contractSize')).div(positive(markPrice, 'markPrice'));
  return str(coins.times(dec(fundingRate, 'fundingRate')).times(-1));
}

/** The fee for a fill of `contracts` at `price`, in the coin: |contracts|·s/price × rate. */
export const coinFees = (contracts: string, contractSize: string, price: string, takerRate: string): string =>
  str(D(coinsOf(contracts, price, contractSize)).times(notNegative(takerRate, 'takerRate')));

function bracketAt(notional: Dec, brackets: CoinmBracketLike[]): CoinmBracketLike {
  if (brackets.length === 0) throw new CoreInputError('The contract has no leverage brackets.');
  const sorted = [...brackets].sort((a, b) => a.qtylFloor - b.qtylFloor);
  return sorted.find((b) => notional.gte(b.qtylFloor) && notional.lt(b.qtyCap)) ?? sorted[sorted.length - 1]!;
}

/** Maintenance margin in the coin: notional × MMR − cum, the bracket picked by the notional in the coin. */
export function coinmMaintenance(positionAmt: string, contractSize: string, markPrice: string, brackets: CoinmBracketLike[]): string {
  const notional = D(coinsOf(positionAmt, markPrice, contractSize));
  const b = bracketAt(notional, brackets);
  return str(notional.times(dec(b.maintMarginRatio, 'maintMarginRatio')).minus(dec(b.cum, 'cum')));
}

/**
 * Cross margin, this one position: the mark where WB + Q·s·(1/EP − 1/P) = |Q|·s·MMR/P − cum.
 * With a = |Q|·s and side ±1 this is Binance's COIN-M formula (FAQ "How to Calculate Liquidation
 * Price of COIN-M Futures Contracts", other positions' TMM and UPNL zero):
 *   P = a·(MMR + side) / (WB + cum + side·a/EP)
 * The FAQ picks MMR and cum by the notional AT the liquidation price (a/P coins), which moves with P.
 * Since cum makes maintenance continuous and MMR rises with the bracket, maintenance is the largest
 * of the brackets' lines a/P·MMR − cum; so a short's price is the lowest of the per-bracket solutions
 * and a long's the highest — no iteration that could stop in the wrong bracket.
 * null: a short is liquidated at no price (every line's denominator ≥ 0: the price would be
 * infinite or negative, i.e. the wallet holds at least the coins it shorts), or no position.
 */
export function coinmLiquidationPrice(i: { positionAmt: string; contractSize: string; entryPrice: string; walletBalance: string; brackets: CoinmBracketLike[] }): string | null {
  const q = dec(i.positionAmt, 'positionAmt');
  if (q.eq(0)) return null;
  if (i.brackets.length === 0) throw new CoreInputError('The contract has no leverage brackets.');
  const side = q.gt(0) ? 1 : -1;
  const a = q.abs().times(positive(i.contractSize, 'contractSize'));
  const held = a.div(positive(i.entryPrice, 'entryPrice')).times(side);
  const wb = dec(i.walletBalance, 'walletBalance');
  let price: Dec | null = null;
  for (const b of i.brackets) {
    const den = wb.plus(dec(b.cum, 'cum')).plus(held);
    if (side > 0 && den.lte(0)) throw new CoreInputError('walletBalance is below maintenance at every price for this long.');
    if (side < 0 && den.gte(0)) continue; // this line stays above maintenance at every positive price
    const p = a.times(dec(b.maintMarginRatio, 'maintMarginRatio').plus(side)).div(den);
    if (price === null || (side < 0 ? p.lt(price) : p.gt(price))) price = p;
  }
  return price === null ? null : str(price.round(8, 0));
}

export interface CoinmHedgeInput {
  /** The coins to hedge; also the collateral the short is opened on. */
  coins: string;
  markPrice: string;
  leverage: number;
  takerRate: string;
  rules: InverseContractRules;
}

/**
 * Contracts (whole steps) whose initial margin a/(P·L) plus taker fee a/P·t fit in `coins`:
 * N·P·L / (s·(1 + t·L)), one division so an exact fit is not lost to rounding. Priced at the
 * mark; a short that fills below it costs a little more coin.
 */
export function largestCoinmFit({ coins, markPrice, leverage, takerRate, rules }: CoinmHedgeInput): string {
  if (!(leverage > 0)) throw new CoreInputError('leverage must be positive.');
  const usd = notNegative(coins, 'coins').times(positive(markPrice, 'markPrice')).times(leverage);
  const perContract = positive(rules.contractSize, 'contractSize').times(D(1).plus(notNegative(takerRate, 'takerRate').times(leverage)));
  return str(roundDown(usd.div(perContract), positive(rules.stepSize, 'stepSize')));
}

/**
 * The short that hedges `coins` with them as collateral: round_down(N·P/s) capped by one order's
 * maxQty, less what margin and fee cannot carry (at 1x a notional equal to the coins leaves no
 * room for the fee: one or two fewer contracts). null when that is under minQty.
 */
export function planCoinmHedge(i: CoinmHedgeInput): { contracts: string; residual: string; cutForFees: boolean; initialMargin: string; fees: string } | null {
  const n = notNegative(i.coins, 'coins');
  const mark = positive(i.markPrice, 'markPrice');
  const step = positive(i.rules.stepSize, 'stepSize');
  const wanted = lesser(coveredBy(n, mark, i.rules), roundDown(dec(i.rules.maxQty, 'maxQty'), step));
  const fit = D(largestCoinmFit(i));
  const contracts = lesser(wanted, fit);
  if (contracts.eq(0) || contracts.lt(dec(i.rules.minQty, 'minQty'))) return null;
  const hedged = contracts.times(i.rules.contractSize).div(mark);
  return {
    contracts: str(contracts),
    residual: str(n.minus(hedged)),
    cutForFees: fit.lt(wanted),
    initialMargin: str(hedged.div(i.leverage)),
    fees: str(hedged.times(i.takerRate)),
  };
}
