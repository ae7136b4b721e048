/**
 * Binance USDⓈ-M's Algo Service: since 2025-12-09 conditional orders (STOP_MARKET, TAKE_PROFIT_MARKET,
 * STOP, TAKE_PROFIT, TRAILING_STOP_MARKET) live on `/fapi/v1/algoOrder`, and `/fapi/v1/order` refuses
 * them with -4120 (Binance's change log 2025-11-06, "New Algo Order", "Query Algo Order", "Cancel Algo
 * Order", "Current All Algo Open Orders" and "Event: Algo Order Update" pages).
 *
 * An algo order waits in the service (NEW; no margin check before it triggers, as the change log says).
 * On every mark move the engine asks it whether its trigger is reached — STOP*: BUY mark ≥ trigger,
 * SELL mark ≤ trigger; TAKE_PROFIT*: the reverse; TRAILING_STOP_MARKET: the extreme since placement
 * passed `activatePrice` and the mark came back by `callbackRate` %. The simulator has one price per
 * contract, so CONTRACT_PRICE triggers on the mark too. Triggered, it goes TRIGGERING → TRIGGERED (the
 * order it placed through the ordinary order engine: MARKET, or LIMIT at `price` for STOP/TAKE_PROFIT)
 * → FINISHED once that order is filled; REJECTED when the matching engine refuses it (margin, reduce-only).
 * A Close-All (`closePosition`) order closes the whole position on its side, reduce-only; it is EXPIRED
 * by the system when that position is gone (closed by another order or liquidated, or absent when the
 * trigger is reached), as Binance's ALGO_UPDATE page describes for GTE_GTC orders. Each change is an
 * ALGO_UPDATE on the USDⓈ-M user-data stream.
 */
import Big from 'big.js';
import { positionKey, type Account, type AlgoOrder, type Order, type Position } from './account';
import type { Engine } from './engine';
import { ApiError, E } from './errors';
import { decimals, type Contract } from './market';
import type { Ctx, Route } from './routes';

/** The order types `/fapi/v1/order` refuses with -4120 and `/fapi/v1/algoOrder` takes. */
export const CONDITIONAL_TYPES: readonly string[] = ['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP', 'TAKE_PROFIT', 'TRAILING_STOP_MARKET'];
/** exchangeInfo's MAX_NUM_ALGO_ORDERS per symbol (the simulator lists 10): -4045 beyond it. */
const MAX_OPEN_PER_SYMBOL = 10;
const DAY = 86_400_000;
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const truthy = (x: string | undefined): boolean => x?.toLowerCase() === 'true';
/** A price as Binance writes it for the contract: as many decimals as its tick size shows. */
const fmt = (x: Big, k: Contract): string => x.toFixed((k.tickSize.split('.')[1] ?? '').length);
const isLimit = (o: AlgoOrder): boolean => o.orderType === 'STOP' || o.orderType === 'TAKE_PROFIT';

function readPrice(raw: string | undefined, name: string, k: Contract): Big {
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) throw E.mandatory(name);
  const x = new Big(raw);
  if (x.lte(0)) throw E.mandatory(name);
  if (decimals(raw) > decimals(k.tickSize)) throw E.precision();
  return x;
}

function readQuantity(raw: string | undefined, k: Contract, market: boolean): string {
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) throw E.mandatory('quantity');
  const qty = new Big(raw);
  if (qty.lte(0)) throw E.qtyZero();
  if (decimals(raw) > decimals(k.stepSize)) throw E.precision();
  if (!qty.mod(k.stepSize).eq(0) || qty.lt(k.minQty)) throw E.lotSize();
  if (qty.gt(market ? k.marketMaxQty : k.maxQty)) throw E.qtyMax();
  return qty.toFixed();
}

/** Whether a STOP / TAKE_PROFIT trigger is reached at `price` (New Algo Order's trigger rules). */
function reached(type: string, side: string, trigger: Big, price: Big): boolean {
  const stop = type === 'STOP' || type === 'STOP_MARKET';
  return (side === 'BUY') === stop ? price.gte(trigger) : price.lte(trigger);
}

// --- replies, each in the shape its documented body has ------------------------------------------

/** POST /fapi/v1/algoOrder. */
export const newReply = (o: AlgoOrder) => ({
  algoId: o.algoId, clientAlgoId: o.clientAlgoId, algoType: o.algoType, orderType: o.orderType, symbol: o.symbol, side: o.side, positionSide: o.positionSide,
  timeInForce: o.timeInForce, quantity: o.quantity, algoStatus: o.algoStatus, triggerPrice: o.triggerPrice, price: o.price, icebergQuantity: null,
  selfTradePreventionMode: o.selfTradePreventionMode, workingType: o.workingType, priceMatch: o.priceMatch, closePosition: o.closePosition, priceProtect: o.priceProtect,
  reduceOnly: o.reduceOnly, activatePrice: o.activatePrice, callbackRate: o.callbackRate, createTime: o.createTime, updateTime: o.updateTime, triggerTime: o.triggerTime,
  goodTillDate: o.goodTillDate,
});

/** GET /fapi/v1/algoOrder: with the order it placed (`actualType` and `actualQty` even before: what it would place). */
export const queryReply = (a: Account, o: AlgoOrder) => {
  const placed = o.actualOrderId ? a.orders.find((x) => String(x.orderId) === o.actualOrderId) : undefined;
  return {
    algoId: o.algoId, clientAlgoId: o.clientAlgoId, algoType: o.algoType, orderType: o.orderType, symbol: o.symbol, side: o.side, positionSide: o.positionSide,
    timeInForce: o.timeInForce, quantity: o.quantity, algoStatus: o.algoStatus, actualOrderId: o.actualOrderId, actualPrice: o.actualPrice,
    actualType: isLimit(o) ? 'LIMIT' : 'MARKET', actualQty: placed?.origQty ?? o.quantity, triggerPrice: o.triggerPrice, price: o.price, icebergQuantity: null, tpOrderType: '',
    selfTradePreventionMode: o.selfTradePreventionMode, workingType: o.workingType, priceMatch: o.priceMatch, closePosition: o.closePosition, priceProtect: o.priceProtect,
    reduceOnly: o.reduceOnly, createTime: o.createTime, updateTime: o.updateTime, triggerTime: o.triggerTime, goodTillDate: o.goodTillDate,
  };
};

/** GET /fapi/v1/openAlgoOrders rows. */
export const openReply = (o: AlgoOrder) => ({
  algoId: o.algoId, clientAlgoId: o.clientAlgoId, algoType: o.algoType, orderType: o.orderType, symbol: o.symbol, side: o.side, positionSide: o.positionSide,
  timeInForce: o.timeInForce, quantity: o.quantity, algoStatus: o.algoStatus, actualOrderId: o.actualOrderId, actualPrice: o.actualPrice, triggerPrice: o.triggerPrice,
  price: o.price, icebergQuantity: null, tpTriggerPrice: '0', tpPrice: '0', slTriggerPrice: '0', slPrice: '0', tpOrderType: '',
  selfTradePreventionMode: o.selfTradePreventionMode, workingType: o.workingType, priceMatch: o.priceMatch, closePosition: o.closePosition, priceProtect: o.priceProtect,
  reduceOnly: o.reduceOnly, createTime: o.createTime, updateTime: o.updateTime, triggerTime: o.triggerTime, goodTillDate: o.goodTillDate,
});

/** ALGO_UPDATE (`E` is added by the engine's emit). `ai`, `ap`, `aq`, `act` describe the order it placed. */
export const algoUpdate = (o: AlgoOrder, t: number) => ({
  e: 'ALGO_UPDATE' as const,
  T: t,
  o: {
    caid: o.clientAlgoId, aid: o.algoId, at: o.algoType, o: o.orderType, s: o.symbol, S: o.side, ps: o.positionSide, f: o.timeInForce, q: o.quantity, X: o.algoStatus,
    ai: o.actualOrderId, ap: o.actualPrice, aq: o.actualQty, act: o.actualOrderId ? (isLimit(o) ? 'LIMIT' : 'MARKET') : '0', tp: o.triggerPrice, p: o.price,
    V: o.selfTradePreventionMode, wt: o.workingType, pm: o.priceMatch, cp: o.closePosition, pP: o.priceProtect, R: o.reduceOnly, tt: o.triggerTime, gtd: o.goodTillDate,
    rm: o.reason,
  },
});

// --- the service ------------------------------------------------------------------------------------

export class AlgoService {
  private nextAlgoId = 3_000_001;

  constructor(private readonly engine: Engine) {}

  /** POST /fapi/v1/algoOrder, after the request is authenticated (checks in Binance's usual order). */
  place(a: Account, p: Record<string, string>): AlgoOrder {
    const e = this.engine;
    if (p.algoType !== 'CONDITIONAL') throw E.mandatory('algoType');
    const k = e.contractOf(p.symbol);
    for (const field of ['side', 'type']) if (!p[field]) throw E.mandatory(field);
    const side = p.side as AlgoOrder['side'];
    if (side !== 'BUY' && side !== 'SELL') throw E.mandatory('side');
    const type = p.type as AlgoOrder['orderType'];
    if (!CONDITIONAL_TYPES.includes(type)) throw E.orderType();
    const dual = a.dualSidePosition;
    const positionSide = (p.positionSide ?? 'BOTH') as AlgoOrder['positionSide'];
    if (dual ? positionSide !== 'LONG' && positionSide !== 'SHORT' : positionSide !== 'BOTH') throw E.positionSide();
    if (dual && p.reduceOnly !== undefined) throw E.notRequired('reduceonly');
    const closePosition = truthy(p.closePosition);
    let quantity = '0';
    if (closePosition) {
      // Close-All: STOP_MARKET / TAKE_PROFIT_MARKET only, no quantity, no reduceOnly; in hedge mode not BUY on LONG nor SELL on SHORT.
      if (type !== 'STOP_MARKET' && type !== 'TAKE_PROFIT_MARKET') throw E.notRequired('closePosition');
      if (p.quantity !== undefined) throw E.quantityWithClosePosition();
      if (p.reduceOnly !== undefined) throw E.notRequired('reduceonly');
      if (dual && (side === 'BUY') === (positionSide === 'LONG')) throw E.positionSide();
    } else quantity = readQuantity(p.quantity, k, type !== 'STOP' && type !== 'TAKE_PROFIT');
    const mark = e.mark(k.symbol);
    let triggerPrice = '0';
    let activatePrice = '';
    let callbackRate = '';
    if (type === 'TRAILING_STOP_MARKET') {
      const rate = Number(p.callbackRate);
      if (!p.callbackRate || !(rate >= 0.1 && rate <= 10)) throw E.mandatory('callbackRate');
      const activate = p.activatePrice ? readPrice(p.activatePrice, 'activatePrice', k) : mark;
      // BUY: activatePrice below the latest price; SELL: above (-2021 otherwise, as the page says).
      if (p.activatePrice && (side === 'BUY' ? activate.gte(mark) : activate.lte(mark))) throw E.wouldTrigger();
      activatePrice = fmt(activate, k);
      callbackRate = new Big(p.callbackRate).toFixed();
    } else {
      const trigger = readPrice(p.triggerPrice, 'triggerPrice', k);
      // A trigger already reached is refused as /fapi/v1/order refused it (our reading; the page names -2021 for trailing stops).
      if (reached(type, side, trigger, mark)) throw E.wouldTrigger();
      triggerPrice = fmt(trigger, k);
    }
    const price = type === 'STOP' || type === 'TAKE_PROFIT' ? fmt(readPrice(p.price, 'price', k), k) : '0';
    const workingType = (p.workingType ?? 'CONTRACT_PRICE') as AlgoOrder['workingType'];
    if (workingType !== 'MARK_PRICE' && workingType !== 'CONTRACT_PRICE') throw E.mandatory('workingType');
    const algoId = this.nextAlgoId;
    const clientAlgoId = p.clientAlgoId ?? Array.from({ length: 22 }, () => BASE62[Math.floor(Math.random() * 62)]).join('');
    if (!CLIENT_ID.test(clientAlgoId)) throw E.clientId();
    const open = a.algoOrders.filter((o) => o.algoStatus === 'NEW');
    if (open.some((o) => o.clientAlgoId === clientAlgoId)) throw E.duplicateId();
    if (open.filter((o) => o.symbol === k.symbol).length >= MAX_OPEN_PER_SYMBOL) throw E.maxStopOrders();
    this.nextAlgoId++;
    const t = e.now();
    const o: AlgoOrder = {
      algoId, clientAlgoId, algoType: 'CONDITIONAL', orderType: type, symbol: k.symbol, side, positionSide, timeInForce: p.timeInForce ?? 'GTC', quantity, algoStatus: 'NEW',
      triggerPrice, price, workingType, priceMatch: p.priceMatch ?? 'NONE', closePosition, priceProtect: truthy(p.priceProtect), reduceOnly: truthy(p.reduceOnly),
      activatePrice, callbackRate, selfTradePreventionMode: p.selfTradePreventionMode ?? 'NONE', goodTillDate: Number(p.goodTillDate ?? 0), createTime: t, updateTime: t,
      triggerTime: 0, actualOrderId: '', actualPrice: '0', actualQty: '0', reason: '', ...(type === 'TRAILING_STOP_MARKET' ? { extreme: mark.toFixed() } : {}),
    };
    a.algoOrders.push(o);
    this.set(a, o, 'NEW');
    return o;
  }

  /** GET /fapi/v1/algoOrder: by algoId or clientAlgoId (the latest with it); -2013 when unknown or no longer kept. */
  find(a: Account, p: Record<string, string>): AlgoOrder {
    if (!p.algoId && !p.clientAlgoId) throw E.mandatory('algoId');
    const o = [...a.algoOrders].reverse().find((x) => (p.algoId ? String(x.algoId) === p.algoId : x.clientAlgoId === p.clientAlgoId));
    const now = this.engine.now();
    // "These orders will not be found": CANCELED/EXPIRED without a fill after 3 days, any after 90 days.
    const gone = o && ((['CANCELED', 'EXPIRED'].includes(o.algoStatus) && !o.actualOrderId && o.createTime + 3 * DAY < now) || o.createTime + 90 * DAY < now);
    if (!o || gone) throw E.noOrder();
    return o;
  }

  /** DELETE /fapi/v1/algoOrder: an algo order not yet triggered (-2011 otherwise). */
  cancel(a: Account, p: Record<string, string>): AlgoOrder {
    if (!p.algoId && !p.clientAlgoId) throw E.mandatory('algoId');
    const o = [...a.algoOrders].reverse().find((x) => (p.algoId ? String(x.algoId) === p.algoId : x.clientAlgoId === p.clientAlgoId));
    if (!o || o.algoStatus !== 'NEW') throw E.cancelRejected();
    this.set(a, o, 'CANCELED');
    return o;
  }

  /** GET /fapi/v1/openAlgoOrders: those not yet triggered, by symbol, algoType and algoId when given. */
  open(a: Account, p: Record<string, string>): AlgoOrder[] {
    if (p.symbol) this.engine.contractOf(p.symbol);
    return a.algoOrders.filter(
      (o) => o.algoStatus === 'NEW' && (!p.symbol || o.symbol === p.symbol) && (!p.algoType || o.algoType === p.algoType) && (!p.algoId || String(o.algoId) === p.algoId),
    );
  }

  /** Every mark move: trigger the orders whose condition is met (before margin calls and liquidation are judged). */
  marksMoved(): void {
    for (const a of this.engine.accounts.values()) {
      for (const o of a.algoOrders.filter((x) => x.algoStatus === 'NEW')) {
        // An earlier trigger's fill may have expired this one meanwhile.
        if (o.algoStatus === 'NEW' && this.due(o)) this.trigger(a, o);
      }
    }
  }

  /** After a fill: Close-All orders whose position is gone are expired by the system (Binance's EXPIRED). */
  positionMoved(a: Account, pos: Position): void {
    if (!pos.amt.eq(0)) return;
    for (const o of a.algoOrders) {
      if (o.algoStatus === 'NEW' && o.closePosition && o.symbol === pos.symbol && o.positionSide === pos.positionSide) {
        o.reason = 'Position closed';
        this.set(a, o, 'EXPIRED');
      }
    }
  }

  /** Whether the order's condition is met at the current mark (a trailing stop also follows the extreme here). */
  private due(o: AlgoOrder): boolean {
    const mark = this.engine.mark(o.symbol);
    if (o.orderType !== 'TRAILING_STOP_MARKET') return reached(o.orderType, o.side, new Big(o.triggerPrice), mark);
    const was = new Big(o.extreme ?? mark);
    const extreme = o.side === 'BUY' ? (mark.lt(was) ? mark : was) : mark.gt(was) ? mark : was;
    o.extreme = extreme.toFixed();
    const back = new Big(o.callbackRate).div(100);
    if (o.side === 'BUY') return extreme.lte(o.activatePrice) && mark.gte(extreme.times(back.plus(1)));
    return extreme.gte(o.activatePrice) && mark.lte(extreme.times(new Big(1).minus(back)));
  }

  /** TRIGGERING → the order through the ordinary order engine → TRIGGERED → FINISHED once filled (or REJECTED). */
  private trigger(a: Account, o: AlgoOrder): void {
    const e = this.engine;
    o.triggerTime = e.now();
    let quantity = o.quantity;
    if (o.closePosition) {
      const amt = a.positions.get(positionKey(o.symbol, o.positionSide))?.amt ?? new Big(0);
      if (o.side === 'BUY' ? !amt.lt(0) : !amt.gt(0)) {
        o.reason = 'No position to close';
        return this.set(a, o, 'EXPIRED');
      }
      quantity = amt.abs().toFixed();
    }
    this.set(a, o, 'TRIGGERING');
    const params: Record<string, string> = { symbol: o.symbol, side: o.side, type: isLimit(o) ? 'LIMIT' : 'MARKET', quantity, positionSide: o.positionSide };
    // Close-All is reduce-only; in hedge mode reduceOnly is not sent (the position side decides).
    if (!a.dualSidePosition && (o.closePosition || o.reduceOnly)) params.reduceOnly = 'true';
    if (isLimit(o)) Object.assign(params, { price: o.price, timeInForce: o.timeInForce });
    let placed: Order;
    try {
      placed = e.placeOrder(a, params, (order) => {
        o.actualOrderId = String(order.orderId);
        this.set(a, o, 'TRIGGERED');
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // Refused by the matching engine (margin, reduce-only, filters): the reason as ALGO_UPDATE `rm` gives it.
      o.reason = err.code === -2022 ? 'Reduce Only reject' : err.message;
      return this.set(a, o, 'REJECTED');
    }
    if (placed.status === 'FILLED') {
      Object.assign(o, { actualPrice: placed.avgPrice, actualQty: placed.executedQty });
      this.set(a, o, 'FINISHED');
    }
  }

  private set(a: Account, o: AlgoOrder, status: AlgoOrder['algoStatus']): void {
    const t = this.engine.now();
    Object.assign(o, { algoStatus: status, updateTime: t });
    this.engine.emit(a, algoUpdate(o, t));
  }
}

/** The four Algo Service endpoints, with their documented request weights (New Algo Order: 0 on the IP limit). */
export const ALGO_ROUTES: Record<string, Route> = {
  'POST /fapi/v1/algoOrder': { weight: 0, auth: 'futures', handle: (ctx: Ctx) => newReply(ctx.engine.algo.place(ctx.account!, ctx.params)) },
  'GET /fapi/v1/algoOrder': { weight: 1, auth: 'futures', handle: (ctx: Ctx) => queryReply(ctx.account!, ctx.engine.algo.find(ctx.account!, ctx.params)) },
  'DELETE /fapi/v1/algoOrder': {
    weight: 1,
    auth: 'futures',
    handle: (ctx: Ctx) => {
      const o = ctx.engine.algo.cancel(ctx.account!, ctx.params);
      return { algoId: o.algoId, clientAlgoId: o.clientAlgoId, code: '200', msg: 'success' };
    },
  },
  'GET /fapi/v1/openAlgoOrders': { weight: (p) => (p.symbol ? 1 : 40), auth: 'futures', handle: (ctx: Ctx) => ctx.engine.algo.open(ctx.account!, ctx.params).map(openReply) },
};

/** What `/__sim/algo-orders` and `/__sim/state` show of an algo order. */
export const algoSummary = (o: AlgoOrder) => ({
  algoId: o.algoId, clientAlgoId: o.clientAlgoId, symbol: o.symbol, side: o.side, positionSide: o.positionSide, type: o.orderType, algoStatus: o.algoStatus,
  triggerPrice: o.triggerPrice, workingType: o.workingType, closePosition: o.closePosition, reduceOnly: o.reduceOnly, quantity: o.quantity,
  ...(o.orderType === 'TRAILING_STOP_MARKET' ? { activatePrice: o.activatePrice, callbackRate: o.callbackRate } : {}),
  actualOrderId: o.actualOrderId, reason: o.reason, createTime: o.createTime, updateTime: o.updateTime, triggerTime: o.triggerTime,
});
