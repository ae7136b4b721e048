/**
 * What the USDⓈ-M and COIN-M engines share: reading an order's parameters in Binance's order of
 * checks, moving a position by a fill (linear or inverse PnL), the order record, the core of
 * ORDER_TRADE_UPDATE, funding times, and the margin watch (MARGIN_CALL at 80 %, liquidation at 100 %).
 */
import Big from 'big.js';
import type { Order, Position } from './account';
import { E } from './errors';
import { decimals } from './market';

export const HOUR = 3_600_000;

export interface MarketState {
  mark: Big;
  fundingRate: Big;
  nextFundingTime: number;
}

/** The first funding time after `t` for an interval of `hours`. */
export const firstFunding = (t: number, hours: number): number => Math.floor(t / (hours * HOUR)) * hours * HOUR + hours * HOUR;

export interface LotRules {
  stepSize: string;
  minQty: string;
  maxQty: string;
  marketMaxQty: string;
}

export interface OrderIntent {
  side: 'BUY' | 'SELL';
  type: 'MARKET' | 'LIMIT';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  reduceOnly: boolean;
  qty: Big;
  clientOrderId: string;
  timeInForce: string;
}

/** The checks made before margin: -1102, -1116, -4061, -1106, -4003, -1111, -1013, -4005, -4015, -4116. */
export function readOrder(p: Record<string, string>, dual: boolean, lot: LotRules, orders: { clientOrderId: string; status: string }[], defaultId: string): OrderIntent {
  for (const field of ['side', 'type']) if (!p[field]) throw E.mandatory(field);
  const side = p.side as OrderIntent['side'];
  const type = p.type as OrderIntent['type'];
  if (side !== 'BUY' && side !== 'SELL') throw E.mandatory('side');
  if (type !== 'MARKET' && type !== 'LIMIT') throw E.orderType();
  const positionSide = (p.positionSide ?? 'BOTH') as OrderIntent['positionSide'];
  if (dual ? positionSide === 'BOTH' : positionSide !== 'BOTH') throw E.positionSide();
  if (dual && p.reduceOnly !== undefined) throw E.notRequired('reduceonly');
  if (!p.quantity) throw E.mandatory('quantity');
  if (!/^\d+(\.\d+)?$/.test(p.quantity)) throw E.mandatory('quantity');
  const qty = new Big(p.quantity);
  if (qty.lte(0)) throw E.qtyZero();
  if (decimals(p.quantity) > decimals(lot.stepSize)) throw E.precision();
  if (!qty.mod(lot.stepSize).eq(0) || qty.lt(lot.minQty)) throw E.lotSize();
  if (qty.gt(type === 'MARKET' ? lot.marketMaxQty : lot.maxQty)) throw E.qtyMax();
  const clientOrderId = p.newClientOrderId ?? defaultId;
  if (!/^[.A-Z:/a-z0-9_-]{1,36}$/.test(clientOrderId)) throw E.clientId();
  if (orders.some((o) => o.clientOrderId === clientOrderId && o.status === 'NEW')) throw E.duplicateId();
  return { side, type, positionSide, reduceOnly: p.reduceOnly === 'true', qty, clientOrderId, timeInForce: type === 'LIMIT' ? (p.timeInForce ?? 'GTC') : 'GTC' };
}

/**
 * Whether the order reduces the position and by how much it grows it. In hedge mode a BUY on SHORT
 * or a SELL on LONG reduces and may not cross zero; a reduce-only order must reduce (-2022).
 */
export function sizeUp(o: OrderIntent, pos: Position, dual: boolean): { reducing: boolean; increase: Big } {
  const signed = o.side === 'BUY' ? o.qty : o.qty.times(-1);
  const after = pos.amt.plus(signed);
  const reducing = !pos.amt.eq(0) && pos.amt.s !== signed.s;
  if (dual && ((o.positionSide === 'SHORT' && after.gt(0)) || (o.positionSide === 'LONG' && after.lt(0)))) throw E.reduceOnly();
  if (o.reduceOnly && (!reducing || o.qty.gt(pos.amt.abs()))) throw E.reduceOnly();
  const beyond = o.qty.minus(pos.amt.abs());
  return { reducing, increase: reducing ? (beyond.gt(0) ? beyond : new Big(0)) : o.qty };
}

/** A contract's PnL rule: one long unit's PnL from entry to exit, and the entry after adding to a position. */
export interface PnlRule {
  pnl(qty: Big, entry: Big, exit: Big): Big;
  average(qty: Big, entry: Big, added: Big, price: Big): Big;
}

/** USDⓈ-M: PnL = qty × (exit − entry); entry is the quantity-weighted average price. */
export const LINEAR: PnlRule = {
  pnl: (q, entry, exit) => q.times(exit.minus(entry)),
  average: (q, entry, added, price) => q.times(entry).plus(added.times(price)).div(q.plus(added)),
};

/**
 * COIN-M: a contract is worth `size` USD, so one long contract's PnL in the coin is size × (1/entry − 1/exit)
 * (a short's is the opposite); the entry is the harmonic average, the price at which the coin value of all
 * contracts is the sum of their coin values.
 */
export const inverse = (size: number): PnlRule => ({
  pnl: (q, entry, exit) => q.times(size).times(new Big(1).div(entry).minus(new Big(1).div(exit))),
  average: (q, entry, added, price) => (q.eq(0) ? price : q.plus(added).div(q.div(entry).plus(added.div(price)))),
});

/** Moves `pos` by a fill of `signed` at `price`; returns the realized PnL. */
export function applyFill(pos: Position, signed: Big, price: Big, rule: PnlRule, t: number): Big {
  const qty = signed.abs();
  let realized = new Big(0);
  if (pos.amt.eq(0) || pos.amt.s === signed.s) pos.entry = rule.average(pos.amt.abs(), pos.entry, qty, price);
  else {
    const closed = qty.lt(pos.amt.abs()) ? qty : pos.amt.abs();
    realized = rule.pnl(closed, pos.entry, price).times(pos.amt.s);
    if (qty.gt(pos.amt.abs())) pos.entry = price; // flipped through zero (one-way mode)
  }
  pos.amt = pos.amt.plus(signed);
  if (pos.amt.eq(0)) pos.entry = new Big(0);
  pos.updateTime = t;
  return realized;
}

/** The fields every order record has (USDⓈ-M adds cumQuote, COIN-M pair and cumBase). */
export function orderRecord(orderId: number, symbol: string, o: OrderIntent, price: Big, t: number): Omit<Order, 'cumQuote'> {
  return {
    orderId, symbol, status: 'NEW', clientOrderId: o.clientOrderId, price: o.type === 'LIMIT' ? price.toFixed() : '0', avgPrice: '0', origQty: o.qty.toFixed(), executedQty: '0',
    timeInForce: o.timeInForce, type: o.type, reduceOnly: o.reduceOnly, closePosition: false, side: o.side, positionSide: o.positionSide, workingType: 'CONTRACT_PRICE', priceProtect: false,
    origType: o.type, stopPrice: '0', priceMatch: 'NONE', selfTradePreventionMode: 'EXPIRE_MAKER', goodTillDate: 0, updateTime: t, time: t,
  };
}

/** The liquidation engine's order closing `pos` (client order id autoclose-…). */
export const liquidationIntent = (pos: Position, t: number): OrderIntent => ({
  side: pos.amt.gt(0) ? 'SELL' : 'BUY', type: 'MARKET', positionSide: pos.positionSide, reduceOnly: true, qty: pos.amt.abs(), clientOrderId: `autoclose-${t}`, timeInForce: 'IOC',
});

/** ORDER_TRADE_UPDATE `o` for a fill, the fields both families send. */
export function tradeFields(order: Omit<Order, 'cumQuote'>, commissionAsset: string, commission: Big, realized: Big, tradeId: number, t: number) {
  return {
    s: order.symbol, c: order.clientOrderId, S: order.side, o: order.type, f: order.timeInForce, q: order.origQty, p: order.price, ap: order.avgPrice, x: 'TRADE', X: 'FILLED', i: order.orderId,
    l: order.executedQty, z: order.executedQty, L: order.avgPrice, N: commissionAsset, n: commission.toFixed(), T: t, t: tradeId, b: '0', a: '0', m: false, R: order.reduceOnly,
    wt: order.workingType, ot: order.origType, ps: order.positionSide, cp: false, pP: false, rp: realized.toFixed(), V: order.selfTradePreventionMode, pm: order.priceMatch, er: '0',
  };
}

/** Settles every funding due by `now`, symbol by symbol, then moves each symbol's next funding time on. */
export function dueFundings(market: Map<string, MarketState>, intervalHours: (symbol: string) => number, now: number, settle: (symbol: string, m: MarketState) => void): void {
  for (const [symbol, m] of market) {
    while (m.nextFundingTime <= now) {
      settle(symbol, m);
      m.nextFundingTime += intervalHours(symbol) * HOUR;
    }
  }
}

/**
 * One margin pool's watch: MARGIN_CALL once when maintenance reaches 80 % of the margin balance,
 * liquidation when it reaches 100 % (or the balance is gone). `sent` remembers the pools called.
 */
export function watchMargin(pool: string, risk: { maint: Big; marginBalance: Big }, sent: Set<string>, call: () => void, liquidate: () => void): void {
  if (risk.maint.eq(0)) return void sent.delete(pool);
  const ratio = risk.marginBalance.lte(0) ? new Big(1) : risk.maint.div(risk.marginBalance);
  if (ratio.gte(1)) {
    liquidate();
    sent.delete(pool);
  } else if (ratio.gte(0.8)) {
    if (!sent.has(pool)) {
      sent.add(pool);
      call();
    }
  } else sent.delete(pool);
}

/** The listed contract named `symbol` (-1121 when there is none). */
export const listedOrThrow = <T>(symbol: string | undefined, find: (s: string) => T | undefined): T => {
  const k = symbol ? find(symbol) : undefined;
  if (!k) throw E.badSymbol();
  return k;
};

/** A price rounded half-up to the tick. */
export const toTick = (raw: Big, tick: string): Big => raw.div(tick).round(0, Big.roundHalfUp).times(tick);

/** Maintenance margin of a size in a bracket (never negative). */
export const maintenance = (size: Big, b: { maintMarginRatio: number; cum: number }): Big => {
  const m = size.times(b.maintMarginRatio).minus(b.cum);
  return m.gt(0) ? m : new Big(0);
};
