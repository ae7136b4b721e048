/**
 * The matching and margin engine: market orders fill at the mark price (plus optional slippage),
 * commission at the taker rate, weighted entry prices, realized PnL on reduce, funding at each
 * symbol's nextFundingTime (positive rate: longs pay shorts), MARGIN_CALL and liquidation.
 */
import Big from 'big.js';
import { makeAccount, positionKey, type Account, type AccountSpec, type IncomeRow, type Order, type Position } from './account';
import { E } from './errors';
import { CONTRACTS, contract, type Bracket, type Contract } from './market';

export type UserEvent = Record<string, unknown> & { e: string };

export interface MarketState {
  mark: Big;
  fundingRate: Big;
  nextFundingTime: number;
}

const HOUR = 3_600_000;
const decimals = (step: string): number => (step.split('.')[1] ?? '').replace(/0+$/, '').length;

export function bracketOf(notional: Big, brackets: Bracket[]): Bracket {
  return brackets.find((b) => notional.gte(b.notionalFloor) && notional.lt(b.notionalCap)) ?? brackets[brackets.length - 1]!;
}

export class Engine {
  accounts = new Map<string, Account>();
  market = new Map<string, MarketState>();
  slippageBps = 0;
  private nextOrderId = 1_000_001;
  private nextTranId = 9_000_001;
  private tradeId = 5_000_001;
  private listeners = new Set<(apiKey: string, event: UserEvent) => void>();
  private spotListeners = new Set<(apiKey: string, event: UserEvent) => void>();

  constructor(readonly now: () => number) {
    this.resetMarket();
  }

  resetMarket(): void {
    const t = this.now();
    for (const k of CONTRACTS) {
      const interval = k.fundingIntervalHours * HOUR;
      this.market.set(k.symbol, { mark: new Big(k.mark), fundingRate: new Big(k.fundingRate), nextFundingTime: Math.floor(t / interval) * interval + interval });
    }
  }

  seed(specs: AccountSpec[]): void {
    this.accounts = new Map(specs.map((s) => [s.apiKey, makeAccount(s, this.now())]));
  }

  onUserEvent(fn: (apiKey: string, event: UserEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(account: Account, event: UserEvent): void {
    for (const fn of this.listeners) fn(account.apiKey, { ...event, E: this.now() });
  }

  /** Spot user-data events (the WebSocket API's userDataStream): balances that changed. */
  onSpotEvent(fn: (apiKey: string, event: UserEvent) => void): () => void {
    this.spotListeners.add(fn);
    return () => this.spotListeners.delete(fn);
  }

  private emitSpot(account: Account, event: UserEvent): void {
    for (const fn of this.spotListeners) fn(account.apiKey, event);
  }

  /** outboundAccountPosition for `assets`, as Binance sends it after any spot balance change. */
  private spotChanged(a: Account, assets: string[]): void {
    const t = this.now();
    const B = assets.map((asset) => {
      const b = a.spot.get(asset) ?? { free: new Big(0), locked: new Big(0) };
      return { a: asset, f: b.free.toFixed(8), l: b.locked.toFixed(8) };
    });
    this.emitSpot(a, { e: 'outboundAccountPosition', E: t, u: t, B });
  }

  /** A spot balance set from outside (a buy, a sale, a deposit or a withdrawal the user made). */
  setSpot(a: Account, asset: string, free: Big, locked: Big): void {
    a.spot.set(asset, { free, locked });
    this.spotChanged(a, [asset]);
  }

  tranId(): number {
    return this.nextTranId++;
  }

  contractOf(symbol: string | undefined): Contract {
    const k = symbol ? contract(symbol) : undefined;
    if (!k) throw E.badSymbol();
    return k;
  }

  mark(symbol: string): Big {
    return this.market.get(symbol)!.mark;
  }

  leverageOf(a: Account, symbol: string): number {
    return a.leverage.get(symbol) ?? 20;
  }

  /** Unrealized PnL, maintenance and initial margin of one position at the mark. */
  positionMetrics(a: Account, p: Position) {
    const k = this.contractOf(p.symbol);
    const mark = this.mark(p.symbol);
    const notional = p.amt.abs().times(mark);
    const b = bracketOf(notional, k.brackets);
    return {
      upnl: p.amt.times(mark.minus(p.entry)),
      maint: notional.times(b.maintMarginRatio).minus(b.cum).gt(0) ? notional.times(b.maintMarginRatio).minus(b.cum) : new Big(0),
      initial: notional.div(this.leverageOf(a, p.symbol)),
      notional,
    };
  }

  totals(a: Account) {
    let upnl = new Big(0);
    let maint = new Big(0);
    let initial = new Big(0);
    for (const p of a.positions.values()) {
      if (p.amt.eq(0)) continue;
      const m = this.positionMetrics(a, p);
      upnl = upnl.plus(m.upnl);
      maint = maint.plus(m.maint);
      initial = initial.plus(m.initial);
    }
    const marginBalance = a.wallet.plus(upnl);
    const available = marginBalance.minus(initial);
    return { upnl, maint, initial, marginBalance, available: available.gt(0) ? available : new Big(0) };
  }

  private income(a: Account, row: Omit<IncomeRow, 'tranId' | 'time' | 'tradeId' | 'asset' | 'info'> & { info?: string }): void {
    a.income.push({ asset: 'USDT', info: row.info ?? '', tradeId: '', time: this.now(), tranId: this.tranId(), ...row });
  }

  /** POST /fapi/v1/order, after the request is authenticated. */
  placeOrder(a: Account, p: Record<string, string>): Order {
    const k = this.contractOf(p.symbol);
    for (const field of ['side', 'type']) if (!p[field]) throw E.mandatory(field);
    const side = p.side as 'BUY' | 'SELL';
    const type = p.type as 'MARKET' | 'LIMIT';
    if (side !== 'BUY' && side !== 'SELL') throw E.mandatory('side');
    if (type !== 'MARKET' && type !== 'LIMIT') throw E.orderType();
    const positionSide = (p.positionSide ?? 'BOTH') as 'BOTH' | 'LONG' | 'SHORT';
    if (a.dualSidePosition ? positionSide === 'BOTH' : positionSide !== 'BOTH') throw E.positionSide();
    if (a.dualSidePosition && p.reduceOnly !== undefined) throw E.notRequired('reduceonly');
    const reduceOnly = p.reduceOnly === 'true';
    if (!p.quantity) throw E.mandatory('quantity');
    if (!/^\d+(\.\d+)?$/.test(p.quantity)) throw E.mandatory('quantity');
    const qty = new Big(p.quantity);
    if (qty.lte(0)) throw E.qtyZero();
    if ((p.quantity.split('.')[1] ?? '').replace(/0+$/, '').length > decimals(k.stepSize)) throw E.precision();
    if (!qty.mod(k.stepSize).eq(0) || qty.lt(k.minQty)) throw E.lotSize();
    if (qty.gt(type === 'MARKET' ? k.marketMaxQty : k.maxQty)) throw E.qtyMax();
    const clientOrderId = p.newClientOrderId ?? `sim_${this.nextOrderId}`;
    if (!/^[.A-Z:/a-z0-9_-]{1,36}$/.test(clientOrderId)) throw E.clientId();
    if (a.orders.some((o) => o.clientOrderId === clientOrderId && o.status === 'NEW')) throw E.duplicateId();

    const key = positionKey(k.symbol, positionSide);
    const pos = a.positions.get(key) ?? { symbol: k.symbol, positionSide, amt: new Big(0), entry: new Big(0), updateTime: 0 };
    const signed = side === 'BUY' ? qty : qty.times(-1);
    const after = pos.amt.plus(signed);
    // In hedge mode a BUY on SHORT or a SELL on LONG reduces; it may not cross zero.
    const reducing = !pos.amt.eq(0) && pos.amt.s !== signed.s;
    if (a.dualSidePosition) {
      if ((positionSide === 'SHORT' && after.gt(0)) || (positionSide === 'LONG' && after.lt(0))) throw E.reduceOnly();
    }
    if (reduceOnly && (!reducing || qty.gt(pos.amt.abs()))) throw E.reduceOnly();
    const price = type === 'LIMIT' ? new Big(p.price ?? '0') : this.fillPrice(k.symbol, side);
    if (type === 'LIMIT' && price.lte(0)) throw E.mandatory('price');
    const notional = qty.times(price);
    if (!reduceOnly && !reducing && notional.lt(k.minNotional)) throw E.notional(k.minNotional);
    const increase = reducing ? qty.minus(pos.amt.abs()).gt(0) ? qty.minus(pos.amt.abs()) : new Big(0) : qty;
    if (increase.gt(0)) {
      const need = increase.times(price).div(this.leverageOf(a, k.symbol)).plus(notional.times(a.takerRate));
      if (need.gt(this.totals(a).available)) throw E.margin();
    }

    const t = this.now();
    const order: Order = {
      orderId: this.nextOrderId++,
      symbol: k.symbol,
      status: 'NEW',
      clientOrderId,
      price: type === 'LIMIT' ? price.toFixed() : '0',
      avgPrice: '0',
      origQty: qty.toFixed(),
      executedQty: '0',
      cumQuote: '0',
      timeInForce: type === 'LIMIT' ? (p.timeInForce ?? 'GTC') : 'GTC',
      type,
      reduceOnly,
      closePosition: false,
      side,
      positionSide,
      workingType: 'CONTRACT_PRICE',
      priceProtect: false,
      origType: type,
      stopPrice: '0',
      priceMatch: 'NONE',
      selfTradePreventionMode: 'EXPIRE_MAKER',
      goodTillDate: 0,
      updateTime: t,
      time: t,
    };
    a.orders.push(order);
    if (type === 'MARKET') this.fill(a, order, pos, qty, price);
    return order;
  }

  private fillPrice(symbol: string, side: 'BUY' | 'SELL'): Big {
    const k = this.contractOf(symbol);
    const raw = this.mark(symbol).times(1 + ((side === 'BUY' ? 1 : -1) * this.slippageBps) / 10_000);
    return raw.div(k.tickSize).round(0, Big.roundHalfUp).times(k.tickSize);
  }

  private fill(a: Account, order: Order, pos: Position, qty: Big, price: Big): void {
    const signed = order.side === 'BUY' ? qty : qty.times(-1);
    const t = this.now();
    let realized = new Big(0);
    if (pos.amt.eq(0) || pos.amt.s === signed.s) {
      const total = pos.amt.abs().plus(qty);
      pos.entry = pos.amt.abs().times(pos.entry).plus(qty.times(price)).div(total);
    } else {
      const closed = qty.lt(pos.amt.abs()) ? qty : pos.amt.abs();
      realized = closed.times(price.minus(pos.entry)).times(pos.amt.s);
      if (qty.gt(pos.amt.abs())) pos.entry = price; // flipped through zero (one-way mode)
    }
    pos.amt = pos.amt.plus(signed);
    if (pos.amt.eq(0)) pos.entry = new Big(0);
    pos.updateTime = t;
    a.positions.set(positionKey(pos.symbol, pos.positionSide), pos);
    const commission = qty.times(price).times(a.takerRate);
    a.wallet = a.wallet.minus(commission).plus(realized);
    this.income(a, { symbol: order.symbol, incomeType: 'COMMISSION', income: commission.times(-1).toFixed() });
    if (!realized.eq(0)) this.income(a, { symbol: order.symbol, incomeType: 'REALIZED_PNL', income: realized.toFixed() });
    Object.assign(order, { status: 'FILLED', executedQty: qty.toFixed(), avgPrice: price.toFixed(), cumQuote: qty.times(price).toFixed(), updateTime: t });
    this.emit(a, {
      e: 'ORDER_TRADE_UPDATE',
      T: t,
      o: {
        s: order.symbol, c: order.clientOrderId, S: order.side, o: order.type, f: order.timeInForce, q: order.origQty, p: order.price, ap: order.avgPrice, x: 'TRADE', X: 'FILLED', i: order.orderId,
        l: order.executedQty, z: order.executedQty, L: order.avgPrice, N: 'USDT', n: commission.toFixed(), T: t, t: this.tradeId++, b: '0', a: '0', m: false, R: order.reduceOnly,
        wt: order.workingType, ot: order.origType, ps: order.positionSide, cp: false, pP: false, si: 0, ss: 0, rp: realized.toFixed(), V: order.selfTradePreventionMode, pm: order.priceMatch, gtd: 0, er: '0',
      },
    });
    this.accountUpdate(a, 'ORDER', [pos]);
  }

  accountUpdate(a: Account, reason: string, positions: Position[]): void {
    this.emit(a, {
      e: 'ACCOUNT_UPDATE',
      T: this.now(),
      a: {
        m: reason,
        B: [{ a: 'USDT', wb: a.wallet.toFixed(), cw: a.wallet.toFixed(), bc: '0' }],
        P: positions.map((p) => ({ s: p.symbol, pa: p.amt.toFixed(), ep: p.entry.toFixed(), bep: p.entry.toFixed(), cr: '0', up: this.positionMetrics(a, p).upnl.toFixed(), mt: a.marginType.get(p.symbol) === 'ISOLATED' ? 'isolated' : 'cross', iw: '0', ps: p.positionSide })),
      },
    });
  }

  /** Settles every funding that has fallen due by now. */
  settleFunding(): void {
    const t = this.now();
    for (const [symbol, m] of this.market) {
      const k = this.contractOf(symbol);
      while (m.nextFundingTime <= t) {
        for (const a of this.accounts.values()) {
          const touched: Position[] = [];
          for (const p of a.positions.values()) {
            if (p.symbol !== symbol || p.amt.eq(0)) continue;
            // Positive rate: longs pay shorts. A short (negative amt) receives.
            const amount = p.amt.times(m.mark).times(m.fundingRate).times(-1);
            a.wallet = a.wallet.plus(amount);
            this.income(a, { symbol, incomeType: 'FUNDING_FEE', income: amount.toFixed() });
            touched.push(p);
          }
          if (touched.length) this.accountUpdate(a, 'FUNDING_FEE', touched);
        }
        m.nextFundingTime += k.fundingIntervalHours * HOUR;
      }
    }
    this.checkMargins();
  }

  setMark(symbol: string, mark: string): void {
    this.contractOf(symbol);
    this.market.get(symbol)!.mark = new Big(mark);
    this.checkMargins();
  }

  /** MARGIN_CALL when the margin ratio reaches 80 %; liquidation when maintenance ≥ margin balance. */
  checkMargins(): void {
    for (const a of this.accounts.values()) {
      const t = this.totals(a);
      if (t.maint.eq(0)) {
        a.marginCallSent = false;
        continue;
      }
      const ratio = t.marginBalance.lte(0) ? new Big(1) : t.maint.div(t.marginBalance);
      if (ratio.gte(1)) this.liquidate(a);
      else if (ratio.gte(0.8) && !a.marginCallSent) {
        a.marginCallSent = true;
        this.emit(a, {
          e: 'MARGIN_CALL',
          cw: a.wallet.toFixed(),
          p: [...a.positions.values()].filter((p) => !p.amt.eq(0)).map((p) => ({ s: p.symbol, ps: p.positionSide, pa: p.amt.toFixed(), mt: 'CROSSED', iw: '0', mp: this.mark(p.symbol).toFixed(), up: this.positionMetrics(a, p).upnl.toFixed(), mm: this.positionMetrics(a, p).maint.toFixed() })),
        });
      } else if (ratio.lt(0.8)) a.marginCallSent = false;
    }
  }

  private liquidate(a: Account): void {
    for (const p of [...a.positions.values()]) {
      if (p.amt.eq(0)) continue;
      const t = this.now();
      const side = p.amt.gt(0) ? 'SELL' : 'BUY';
      const order: Order = {
        orderId: this.nextOrderId++, symbol: p.symbol, status: 'NEW', clientOrderId: `autoclose-${t}`, price: '0', avgPrice: '0', origQty: p.amt.abs().toFixed(), executedQty: '0', cumQuote: '0',
        timeInForce: 'IOC', type: 'MARKET', reduceOnly: true, closePosition: false, side, positionSide: p.positionSide, workingType: 'CONTRACT_PRICE', priceProtect: false, origType: 'MARKET', stopPrice: '0', priceMatch: 'NONE', selfTradePreventionMode: 'NONE', goodTillDate: 0, updateTime: t, time: t,
      };
      a.orders.push(order);
      this.fill(a, order, p, p.amt.abs(), this.mark(p.symbol));
    }
    if (a.wallet.lt(0)) a.wallet = new Big(0);
    a.marginCallSent = false;
  }

  transfer(a: Account, type: string, asset: string, amount: Big): number {
    const spot = a.spot.get(asset) ?? { free: new Big(0), locked: new Big(0) };
    if (type === 'MAIN_UMFUTURE') {
      if (spot.free.lt(amount)) throw E.balance();
      spot.free = spot.free.minus(amount);
      a.wallet = a.wallet.plus(amount);
    } else if (type === 'UMFUTURE_MAIN') {
      if (this.totals(a).available.lt(amount) || a.wallet.lt(amount)) throw E.balance();
      a.wallet = a.wallet.minus(amount);
      spot.free = spot.free.plus(amount);
    } else throw E.mandatory('type');
    a.spot.set(asset, spot);
    // A transfer between the account's wallets: balanceUpdate with the spot delta, then the new balance.
    const t = this.now();
    this.emitSpot(a, { e: 'balanceUpdate', E: t, a: asset, d: (type === 'MAIN_UMFUTURE' ? amount.times(-1) : amount).toFixed(8), T: t });
    this.spotChanged(a, [asset]);
    const tranId = this.tranId();
    a.transfers.push({ asset, amount: amount.toFixed(), type, status: 'CONFIRMED', tranId, timestamp: this.now() });
    a.income.push({ symbol: '', incomeType: 'TRANSFER', income: (type === 'MAIN_UMFUTURE' ? amount : amount.times(-1)).toFixed(), asset, info: 'TRANSFER', time: this.now(), tranId, tradeId: '' });
    this.accountUpdate(a, 'DEPOSIT', []);
    return tranId;
  }
}

export const SPOT_PRICE = (engine: Engine, coin: string): Big | null => {
  const k = CONTRACTS.find((c) => c.coin === coin);
  return k ? engine.mark(k.symbol).div(k.multiplier) : null;
};
