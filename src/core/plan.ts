/**
 * Hedge planning: for each coin, the perpetual position that offsets it and the one order that
 * gets there. Quantities in coins are signed (a short is negative); orders are in contract units
 * (coins ÷ multiplier), rounded DOWN to the step so a hedge never overshoots by a step or more.
 */
import { lotRules, perpFor, roundDown, splitBase } from './contract';
import { CoreInputError, D, dec, str, type Dec } from './decimal';
import { grouped } from './format';
import type { ExchangeInfoSymbol, OrderSpec, PositionRisk, PremiumIndex, SpotBalance } from './types';

export type HedgeStatus = 'hedged' | 'under' | 'over' | 'orphan' | 'no-perp' | 'stablecoin' | 'below-min' | 'unreadable';
export type Intent = 'hedge' | 'close';

export interface HedgeOrder extends OrderSpec {
  /** quantity × mark price, in the quote asset. */
  notional: string;
}

export interface HedgePlan {
  asset: string;
  symbol: string | null;
  /** Coins per contract unit ("1000" for 1000PEPEUSDT). */
  multiplier: string;
  /** Spot coins to protect; negative for a borrowed (short) balance. */
  exposure: string;
  /** Coins the futures position offsets now: positive for a short against positive exposure. */
  hedge: string;
  /** Coins the position should offset: exposure × hedgeRatio. */
  target: string;
  /** hedge / exposure; null without exposure. */
  ratio: string | null;
  status: HedgeStatus;
  order: HedgeOrder | null;
  /** Coins left off target after the order, by rounding to the step. */
  residual: string;
  reason: string;
  /** The perpetual's PRICE_FILTER.tickSize and LOT_SIZE step (contract units): how its numbers are shown. */
  tickSize: string | null;
  stepSize: string | null;
}

export interface Snapshot {
  balances: SpotBalance[];
  futuresSymbols: ExchangeInfoSymbol[];
  positions: PositionRisk[];
  markPrices: PremiumIndex[];
  dualSidePosition: boolean;
  /** Rows Binance sent that could not be read: an asset (a balance) or a symbol (any list's row). */
  unreadable?: string[];
}

export interface HedgeSettings {
  hedgeRatio: string;
  tolerance: string;
  includeLocked: boolean;
  ignore: string[];
  stablecoins: string[];
}

export const HEDGE_DEFAULTS: HedgeSettings = {
  hedgeRatio: '1',
  tolerance: '0.02',
  includeLocked: true,
  ignore: [],
  stablecoins: ['USDT', 'USDC', 'FDUSD', 'TUSD', 'USDP', 'DAI', 'BUSD', 'USDE'],
};

function exposureOf(asset: string, balances: SpotBalance[], includeLocked: boolean): Dec {
  const row = balances.find((b) => b.asset === asset);
  if (!row) return D(0);
  if (row.netAsset !== undefined) return dec(row.netAsset, `${asset} netAsset`);
  const free = dec(row.free, `${asset} free balance`);
  const locked = dec(row.locked, `${asset} locked balance`);
  if (free.lt(0) || locked.lt(0)) throw new CoreInputError(`${asset} has a negative spot balance, which Binance never reports.`);
  return includeLocked ? free.plus(locked) : free;
}

const base = (asset: string, multiplier = '1'): Omit<HedgePlan, 'status' | 'reason'> => ({
  asset,
  symbol: null,
  multiplier,
  exposure: '0',
  hedge: '0',
  target: '0',
  ratio: null,
  order: null,
  residual: '0',
  tickSize: null,
  stepSize: null,
});

/** A USDⓈ-M perpetual's symbol: the base (1000PEPE, BTC) and the quote. */
const PERP_SYMBOL = /^([A-Z0-9]+?)(USDT|USDC)$/;

/** The unreadable row that concerns `asset`: its balance, or a row of a perpetual on it. */
function unreadableFor(asset: string, ids: string[]): string | undefined {
  return ids.find((id) => id === asset || coinOfSymbol(id) === asset);
}

const coinOfSymbol = (symbol: string): string | null => {
  const m = PERP_SYMBOL.exec(symbol);
  return m ? splitBase(m[1]!).coin : null;
};

export function planFor(asset: string, snapshot: Snapshot, settings: HedgeSettings = HEDGE_DEFAULTS, intent: Intent = 'hedge'): HedgePlan {
  const ratioSetting = dec(settings.hedgeRatio, 'hedgeRatio');
  const tolerance = dec(settings.tolerance, 'tolerance');
  if (ratioSetting.lt(0) || tolerance.lt(0)) throw new CoreInputError('hedgeRatio and tolerance cannot be negative.');

  const broken = unreadableFor(asset, snapshot.unreadable ?? []);
  if (broken) {
    return { ...base(asset), status: 'unreadable', reason: `Binance's reply for ${broken} could not be read, so nothing is planned for ${asset} until it can.` };
  }
  const exposure = exposureOf(asset, snapshot.balances, settings.includeLocked);
  if (settings.stablecoins.includes(asset)) {
    return { ...base(asset), exposure: str(exposure), status: 'stablecoin', reason: `${asset} is a stablecoin: its value does not fall with the market, so there is nothing to hedge.` };
  }
  const perp = perpFor(asset, snapshot.futuresSymbols);
  if (!perp) {
    return { ...base(asset), exposure: str(exposure), status: 'no-perp', reason: `Binance has no USDⓈ-M perpetual for ${asset}, so it cannot be hedged here.` };
  }
  const info = snapshot.futuresSymbols.find((s) => s.symbol === perp.symbol)!;
  const rules = lotRules(info);
  const mult = D(perp.multiplier);
  const step = rules.stepSize.times(mult); // one step, in coins

  // A long hedge (for a borrowed balance) sits on the LONG side in hedge mode; a short on SHORT.
  const hedgeSide = exposure.lt(0) ? 'LONG' : 'SHORT';
  const rows = snapshot.positions.filter(
    (p) => p.symbol === perp.symbol && (snapshot.dualSidePosition ? p.positionSide === hedgeSide : p.positionSide === 'BOTH'),
  );
  const position = rows.reduce((sum, p) => sum.plus(dec(p.positionAmt, `${p.symbol} positionAmt`)), D(0)).times(mult);
  const direction = exposure.lt(0) ? -1 : 1;
  const target = exposure.times(ratioSetting).times(-1); // signed coins the position should be
  const hedge = position.times(-direction);
  const plan = {
    ...base(asset, perp.multiplier),
    symbol: perp.symbol,
    exposure: str(exposure),
    hedge: str(hedge),
    target: str(target.abs()),
    ratio: exposure.eq(0) ? null : str(hedge.div(exposure.abs()).round(6)),
    tickSize: info.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize ?? null,
    stepSize: str(rules.stepSize),
  };
  const coins = (x: Dec): string => `${grouped(str(x))} ${asset}`;

  const wanted = intent === 'close' ? D(0) : target;
  const delta = wanted.minus(position); // coins to buy (+) or sell (−)
  const orphan = exposure.eq(0) && !position.eq(0);
  let status: HedgeStatus;
  if (orphan) status = 'orphan';
  else if (delta.abs().lte(target.abs().times(tolerance)) || (!position.eq(0) && delta.abs().lt(step))) status = 'hedged';
  else status = position.abs().lt(target.abs()) ? 'under' : 'over';

  if (status === 'hedged' && intent !== 'close') {
    return { ...plan, status, residual: str(delta.abs()), reason: exposure.eq(0) ? `No ${asset} in spot and no hedge.` : `The ${asset} hedge is on target.` };
  }
  if (delta.eq(0)) return { ...plan, status, reason: `There is no ${asset} position to close.` };

  const reducing = !position.eq(0) && delta.s !== position.s && delta.abs().lte(position.abs());
  let quantity = roundDown(delta.abs().div(mult), rules.stepSize);
  if (quantity.gt(rules.maxQty)) quantity = roundDown(rules.maxQty, rules.stepSize);
  const premium = snapshot.markPrices.find((p) => p.symbol === perp.symbol);
  if (!premium) throw new CoreInputError(`No mark price for ${perp.symbol}.`);
  const mark = dec(premium.markPrice, `${perp.symbol} markPrice`);
  if (mark.lte(0)) throw new CoreInputError(`The mark price of ${perp.symbol} is not positive.`);
  const notional = quantity.times(mark);
  const filled = quantity.times(mult).times(delta.s);
  const residual = str(wanted.minus(position.plus(filled)).abs());

  // Binance exempts orders that only reduce a position from MIN_NOTIONAL, not from the lot size.
  if (quantity.eq(0) || quantity.lt(rules.minQty) || (!reducing && notional.lt(rules.minNotional))) {
    const min = `${coins(rules.minQty.times(mult))} or ${grouped(str(rules.minNotional))} ${info.quoteAsset}`;
    return {
      ...plan,
      status: 'below-min',
      residual: str(delta.abs()),
      reason: `${coins(delta.abs())} is below the smallest ${perp.symbol} order (${min}), so it stays unhedged.`,
    };
  }

  const order: HedgeOrder = {
    symbol: perp.symbol,
    side: delta.gt(0) ? 'BUY' : 'SELL',
    positionSide: snapshot.dualSidePosition ? (orphan || intent === 'close' ? (position.lt(0) ? 'SHORT' : 'LONG') : hedgeSide) : 'BOTH',
    quantity: str(quantity),
    // Hedge mode rejects reduceOnly; there the position side alone says "reduce".
    reduceOnly: !snapshot.dualSidePosition && reducing,
    notional: str(notional),
  };
  const reasons: Record<HedgeStatus, string> = {
    under: `${coins(delta.abs())} of your spot is not hedged yet.`,
    over: `The short is ${coins(delta.abs())} larger than your spot ${asset}.`,
    orphan: `You hold no ${asset} in spot, but a ${coins(position.abs())} position is still open.`,
    hedged: `Closes the ${coins(position.abs())} position.`,
    'no-perp': '',
    stablecoin: '',
    'below-min': '',
    unreadable: '',
  };
  return { ...plan, status, order, residual, reason: reasons[status] };
}

/** The coin a futures symbol hedges, from its base asset. */
const coinOf = (symbol: string, futuresSymbols: ExchangeInfoSymbol[]): string | null => {
  const info = futuresSymbols.find((s) => s.symbol === symbol);
  return info ? splitBase(info.baseAsset).coin : null;
};

/** One plan per asset with spot exposure or an open position, ignored assets left out. */
export function planHedges(snapshot: Snapshot, settings: HedgeSettings = HEDGE_DEFAULTS): HedgePlan[] {
  const assets = new Set<string>();
  for (const b of snapshot.balances) {
    if (!exposureOf(b.asset, snapshot.balances, settings.includeLocked).eq(0)) assets.add(b.asset);
  }
  for (const p of snapshot.positions) {
    if (dec(p.positionAmt, `${p.symbol} positionAmt`).eq(0)) continue;
    const coin = coinOf(p.symbol, snapshot.futuresSymbols);
    if (coin) assets.add(coin);
  }
  // A row that could not be read may hide a balance or a short: its asset is shown as such.
  for (const id of snapshot.unreadable ?? []) {
    const coin = coinOfSymbol(id) ?? (/^[A-Z][A-Z0-9]*$/.test(id) ? id : null);
    if (coin) assets.add(coin);
  }
  return [...assets]
    .filter((a) => !settings.ignore.includes(a))
    .sort()
    .map((a) => planFor(a, snapshot, settings));
}
