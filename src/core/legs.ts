/**
 * The ways a coin's hedge can be held, as planning sees them: a USDⓈ-M perpetual (contracts of
 * `multiplier` coins, margined in USDT or USDC) and a COIN-M inverse perpetual (contracts of
 * `contractSize` USD margined in the coin, so one contract stands for fewer coins as the price
 * rises). For each: the position in coins now, and what an order of so many coins would be.
 */
import { lotRules, perpFor, roundDown } from './contract';
import { coinmRules } from './coinm';
import { CoreInputError, D, dec, type Dec } from './decimal';
import type { CoinmContract, PositionSide } from './types';
import type { Snapshot } from './plan';

export type Family = 'usdm' | 'coinm';

export interface Leg {
  family: Family;
  symbol: string;
  /** Coins per contract for USDⓈ-M ("1000" for 1000PEPEUSDT); "1" for COIN-M, whose contracts are USD. */
  multiplier: string;
  mark: Dec;
  /** Contracts on the hedge's side, signed (a short is negative). */
  contracts: Dec;
  /** The coins that position offsets at the mark, signed. */
  position: Dec;
  /** One contract step, in coins at the mark: a hedge within a step of its target is on target. */
  oneStep: Dec;
  tickSize: string | null;
  /** The contract step. */
  stepSize: string;
  /** What its notional is counted in: USDT or USDC, or USD for COIN-M. */
  quoteAsset: string;
  /** Contracts for `coins` (not negative), rounded down to the step and capped at one order's maximum. */
  contractsFor(coins: Dec): Dec;
  coinsIn(contracts: Dec): Dec;
  notional(contracts: Dec): Dec;
  /** Whether Binance refuses an order of so many contracts (minimum quantity, minimum notional unless it only reduces). */
  tooSmall(contracts: Dec, reducing: boolean): boolean;
  /** The smallest order, in coins, and its minimum notional (none for COIN-M). */
  minCoins: Dec;
  minNotional: Dec | null;
}

/** The coin's COIN-M perpetual, if Binance lists one that trades. */
export function coinmContractFor(asset: string, snapshot: Pick<Snapshot, 'coinm'>): CoinmContract | null {
  return snapshot.coinm?.contracts.find((c) => c.baseAsset === asset && c.contractType === 'PERPETUAL' && c.status === 'TRADING') ?? null;
}

const markOf = (symbol: string, prices: { symbol: string; markPrice: string }[]): Dec => {
  const premium = prices.find((p) => p.symbol === symbol);
  if (!premium) throw new CoreInputError(`No mark price for ${symbol}.`);
  const mark = dec(premium.markPrice, `${symbol} markPrice`);
  if (mark.lte(0)) throw new CoreInputError(`The mark price of ${symbol} is not positive.`);
  return mark;
};

const tickOf = (filters: { filterType: string; tickSize?: string }[]): string | null => filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize ?? null;

/** The USDⓈ-M perpetual that hedges `asset`: the one its open position is on, else the first quote that has one. */
function usdmLeg(asset: string, snapshot: Snapshot, sideOf: (p: { positionSide: PositionSide }) => boolean): Leg | null {
  const perps = (snapshot.quotes ?? ['USDT']).flatMap((quote) => perpFor(asset, snapshot.futuresSymbols, quote) ?? []);
  const perp = perps.find((x) => snapshot.positions.some((p) => p.symbol === x.symbol && !dec(p.positionAmt, `${p.symbol} positionAmt`).eq(0))) ?? perps[0];
  if (!perp) return null;
  const info = snapshot.futuresSymbols.find((s) => s.symbol === perp.symbol)!;
  const rules = lotRules(info);
  const mult = D(perp.multiplier);
  const contracts = snapshot.positions.filter((p) => p.symbol === perp.symbol && sideOf(p)).reduce((sum, p) => sum.plus(dec(p.positionAmt, `${p.symbol} positionAmt`)), D(0));
  // A coin without a mark yet is planned when one is needed (an order's notional), as before COIN-M.
  const mark = () => markOf(perp.symbol, snapshot.markPrices);
  return {
    family: 'usdm',
    symbol: perp.symbol,
    multiplier: perp.multiplier,
    get mark() {
      return mark();
    },
    contracts,
    position: contracts.times(mult),
    oneStep: rules.stepSize.times(mult),
    tickSize: tickOf(info.filters),
    stepSize: rules.stepSize.toFixed(),
    quoteAsset: info.quoteAsset,
    contractsFor: (coins) => {
      const q = roundDown(coins.div(mult), rules.stepSize);
      return q.gt(rules.maxQty) ? roundDown(rules.maxQty, rules.stepSize) : q;
    },
    coinsIn: (q) => q.times(mult),
    notional: (q) => q.times(mark()),
    // Binance exempts orders that only reduce a position from MIN_NOTIONAL, not from the lot size.
    tooSmall: (q, reducing) => q.eq(0) || q.lt(rules.minQty) || (!reducing && q.times(mark()).lt(rules.minNotional)),
    minCoins: rules.minQty.times(mult),
    minNotional: rules.minNotional,
  };
}

function coinmLeg(asset: string, snapshot: Snapshot, sideOf: (p: { positionSide: PositionSide }) => boolean): Leg | null {
  const contract = coinmContractFor(asset, snapshot);
  if (!contract || !snapshot.coinm) return null;
  const rules = coinmRules({ symbol: contract.symbol, contractSize: Number(contract.contractSize), filters: contract.filters });
  const mark = markOf(contract.symbol, snapshot.coinm.markPrices);
  const size = D(rules.contractSize);
  const step = D(rules.stepSize);
  const contracts = snapshot.coinm.positions.filter((p) => p.symbol === contract.symbol && sideOf(p)).reduce((sum, p) => sum.plus(dec(p.positionAmt, `${p.symbol} positionAmt`)), D(0));
  const coinsIn = (q: Dec) => q.times(size).div(mark);
  return {
    family: 'coinm',
    symbol: contract.symbol,
    multiplier: '1',
    mark,
    contracts,
    position: coinsIn(contracts),
    oneStep: coinsIn(step),
    tickSize: tickOf(contract.filters),
    stepSize: rules.stepSize,
    quoteAsset: 'USD',
    contractsFor: (coins) => {
      const q = roundDown(coins.times(mark).div(size), step);
      return q.gt(rules.maxQty) ? roundDown(D(rules.maxQty), step) : q;
    },
    coinsIn,
    notional: (q) => q.times(size),
    tooSmall: (q) => q.eq(0) || q.lt(rules.minQty),
    minCoins: coinsIn(D(rules.minQty)),
    minNotional: null,
  };
}

/** The coin's legs, USDⓈ-M first; `hedgeSide` is the position side a hedge sits on in Hedge mode. */
export function legsFor(asset: string, snapshot: Snapshot, hedgeSide: PositionSide): Leg[] {
  const sideOf = (p: { positionSide: PositionSide }) => (snapshot.dualSidePosition ? p.positionSide === hedgeSide : p.positionSide === 'BOTH');
  return [usdmLeg(asset, snapshot, sideOf), coinmLeg(asset, snapshot, sideOf)].filter((l): l is Leg => l !== null);
}
