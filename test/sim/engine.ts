/**
 * The matching and margin engine: market orders fill at the mark price (plus optional slippage),
 * commission at the taker rate, weighted entry prices, realized PnL on reduce, funding at each
 * symbol's nextFundingTime (positive rate: longs pay shorts), MARGIN_CALL and liquidation.
 *
 * USDⓈ-M margin lives in pools: in Single-Asset mode one per margin asset (USDT, and USDC for the
 * USDC-margined perpetuals), each counting only its own wallet and positions; in Multi-Assets mode
 * (and the EEA credits mode) one USD pool where every margin asset counts at its USD value with the
 * haircut of market.ts COLLATERAL. In credits mode PnL, fees and funding settle in BNFCR. The COIN-M
 * engine (coinm.ts) keeps a wallet per coin.
 */
import Big from 'big.js';
import { AlgoService } from './algo';
import { makeAccount, positionKey, type Account, type AccountSpec, type IncomeRow, type Order, type Position } from './account';
import { CoinmEngine } from './coinm';
import { E } from './errors';
import { COLLATERAL, CONTRACTS, CREDITS_TRANSFERABLE, USDT_CONTRACTS, contract, type Bracket, type Contract } from './market';
import {
  LINEAR, applyFill, dueFundings, firstFunding, listedOrThrow, liquidationIntent, maintenance, orderRecord, readOrder, sizeUp, toTick, tradeFields, watchMargin, type MarketState, type OrderIntent,
} from './trading';

export type { MarketState } from './trading';
export type UserEvent = Record<string, unknown> & { e: string };
/** Which user-data stream an event belongs to: USDⓈ-M (fstream) or COIN-M (dstream). */
export type Family = 'um' | 'cm';
/** A USDⓈ-M margin pool: a margin asset in Single-Asset mode, or USD in Multi-Assets mode. */
export type Pool = 'USDT' | 'USDC' | 'USD';

export function bracketOf(notional: Big, brackets: Bracket[]): Bracket {
  return brackets.find((b) => notional.gte(b.notionalFloor) && notional.lt(b.notionalCap)) ?? brackets[brackets.length - 1]!;
}

const STABLE = new Set(['USDT', 'USDC', 'BNFCR', 'FDUSD']);
const zero = (): Big => new Big(0);
const sum = (xs: Big[]): Big => xs.reduce((s, x) => s.plus(x), zero());

export class Engine {
  accounts = new Map<string, Account>();
  market = new Map<string, MarketState>();
  slippageBps = 0;
  readonly coinm: CoinmEngine;
  /** Conditional orders on Binance's Algo Service (POST /fapi/v1/algoOrder), triggered by mark moves. */
  readonly algo: AlgoService;
  private nextOrderId = 1_000_001;
  private nextTranId = 9_000_001;
  private nextTradeId = 5_000_001;
  private listeners = new Set<(apiKey: string, event: UserEvent, family: Family) => void>();
  private spotListeners = new Set<(apiKey: string, event: UserEvent) => void>();

  constructor(readonly now: () => number) {
    this.coinm = new CoinmEngine(this);
    this.algo = new AlgoService(this);
    this.resetMarket();
  }

  resetMarket(): void {
    const t = this.now();
    for (const k of CONTRACTS) this.market.set(k.symbol, { mark: new Big(k.mark), fundingRate: new Big(k.fundingRate), nextFundingTime: firstFunding(t, k.fundingIntervalHours) });
    this.coinm.resetMarket();
  }

  seed(specs: AccountSpec[]): void {
    this.accounts = new Map(specs.map((s) => [s.apiKey, makeAccount(s, this.now())]));
  }

  /** User-data events of both futures families; `family` says which stream carries them. */
  onUserEvent(fn: (apiKey: string, event: UserEvent, family: Family) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(account: Account, event: UserEvent, family: Family = 'um'): void {
    for (const fn of this.listeners) fn(account.apiKey, { ...event, E: this.now() }, family);
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
      const b = a.spot.get(asset) ?? { free: zero(), locked: zero() };
      return { a: asset, f: b.free.toFixed(8), l: b.locked.toFixed(8) };
    });
    this.emitSpot(a, { e: 'outboundAccountPosition', E: t, u: t, B });
  }

  /** A spot balance set from outside (a buy, a sale, a deposit or a withdrawal the user made). */
  /**
   * Coins moved between Spot and Earn or the Funding wallet (`delta` into that wallet): Binance's
   * spot user stream reports such a move as a balanceUpdate with the spot side of it.
   */
  walletMoved(a: Account, asset: string, delta: Big): void {
    const t = this.now();
    this.emitSpot(a, { e: 'balanceUpdate', E: t, a: asset, d: delta.times(-1).toFixed(8), T: t });
  }

  setSpot(a: Account, asset: string, free: Big, locked: Big): void {
    a.spot.set(asset, { free, locked });
    this.spotChanged(a, [asset]);
  }

  tranId(): number {
    return this.nextTranId++;
  }

  orderId(): number {
    return this.nextOrderId++;
  }

  /** The id the next order will get (its default client order id is `sim_<id>`). */
  peekOrderId(): number {
    return this.nextOrderId;
  }

  tradeId(): number {
    return this.nextTradeId++;
  }

  contractOf(symbol: string | undefined): Contract {
    return listedOrThrow(symbol, contract);
  }

  mark(symbol: string): Big {
    return this.market.get(symbol)!.mark;
  }

  leverageOf(a: Account, symbol: string): number {
    return a.leverage.get(symbol) ?? 20;
  }

  // --- wallets and valuation -------------------------------------------------------------------

  /** The USDⓈ-M futures wallet's balance of `asset`. */
  umBalance(a: Account, asset: string): Big {
    return a.futures.get(asset) ?? zero();
  }

  private credit(a: Account, asset: string, amount: Big): void {
    a.futures.set(asset, this.umBalance(a, asset).plus(amount));
  }

  /** Multi-Assets mode (or credits mode, which works in it): one USD pool. */
  pooled(a: Account): boolean {
    return a.multiAssetsMargin || a.credits;
  }

  /** The asset a contract's PnL, fees and funding settle in: its margin asset, BNFCR in credits mode. */
  settleAsset(a: Account, k: Contract): string {
    return a.credits ? 'BNFCR' : k.quoteAsset;
  }

  poolOf(a: Account, k: Contract): Pool {
    return this.pooled(a) ? 'USD' : k.quoteAsset;
  }

  /** The pool /fapi/v3/account totals describe: USDT in Single-Asset mode, USD in Multi-Assets mode. */
  mainPool(a: Account): Pool {
    return this.pooled(a) ? 'USD' : 'USDT';
  }

  /** USD index price of an asset: 1 for the stablecoins and credits, its USDT perpetual's mark for a coin. */
  usdPrice(asset: string): Big | null {
    return STABLE.has(asset) ? new Big(1) : SPOT_PRICE(this, asset);
  }

  /** An amount's value as Multi-Assets margin: USD value × collateral ratio (positive amounts; debts count in full). */
  collateralUsd(asset: string, amount: Big): Big {
    const price = this.usdPrice(asset);
    const ratio = COLLATERAL[asset];
    if (!price || (!ratio && amount.gt(0))) return zero();
    return amount.times(price).times(amount.gt(0) ? ratio! : 1);
  }

  /** Unrealized PnL, maintenance and initial margin of one position at the mark (in its quote asset). */
  positionMetrics(a: Account, p: Position) {
    const k = this.contractOf(p.symbol);
    const mark = this.mark(p.symbol);
    const notional = p.amt.abs().times(mark);
    return {
      upnl: p.amt.times(mark.minus(p.entry)),
      maint: maintenance(notional, bracketOf(notional, k.brackets)),
      initial: notional.div(this.leverageOf(a, p.symbol)),
      notional,
    };
  }

  /** Open positions margined in `pool`. */
  positionsIn(a: Account, pool: Pool): Position[] {
    return [...a.positions.values()].filter((p) => !p.amt.eq(0) && this.poolOf(a, this.contractOf(p.symbol)) === pool);
  }

  /**
   * A pool's wallet, unrealized PnL, maintenance and initial margin, margin balance and available
   * balance. Single-Asset pools count their asset only; the USD pool counts every asset with its haircut.
   */
  totals(a: Account, pool: Pool = this.mainPool(a)) {
    const positions = this.positionsIn(a, pool);
    const metrics = positions.map((p) => this.positionMetrics(a, p));
    const upnl = sum(metrics.map((m) => m.upnl));
    const maint = sum(metrics.map((m) => m.maint));
    const initial = sum(metrics.map((m) => m.initial));
    let wallet: Big;
    let marginBalance: Big;
    if (pool !== 'USD') {
      wallet = this.umBalance(a, pool);
      marginBalance = wallet.plus(upnl);
    } else {
      const pnlIn = new Map<string, Big>();
      positions.forEach((p, i) => {
        const asset = this.settleAsset(a, this.contractOf(p.symbol));
        pnlIn.set(asset, (pnlIn.get(asset) ?? zero()).plus(metrics[i]!.upnl));
      });
      const assets = new Set([...a.futures.keys(), ...pnlIn.keys()]);
      wallet = sum([...assets].map((x) => this.collateralUsd(x, this.umBalance(a, x))));
      marginBalance = sum([...assets].map((x) => this.collateralUsd(x, this.umBalance(a, x).plus(pnlIn.get(x) ?? 0))));
    }
    const available = marginBalance.minus(initial);
    return { wallet, upnl, maint, initial, marginBalance, available: available.gt(0) ? available : zero() };
  }

  /** How much of `asset` may leave the USDⓈ-M wallet now. */
  withdrawable(a: Account, asset: string): Big {
    const balance = this.umBalance(a, asset);
    const pool: Pool | null = this.pooled(a) ? (COLLATERAL[asset] ? 'USD' : null) : asset === 'USDT' || asset === 'USDC' ? asset : null;
    if (!pool) return balance.gt(0) ? balance : zero();
    const available = this.totals(a, pool).available;
    const most = pool === 'USD' ? available.div(this.usdPrice(asset)!.times(COLLATERAL[asset]!)) : available;
    const can = most.lt(balance) ? most : balance;
    return can.gt(0) ? can : zero();
  }

  /**
   * Cross-margin liquidation price of one position, the others held: the mark at which the pool's margin
   * balance meets its maintenance. Collateral in the position's own coin (Multi-Assets mode) moves with
   * the price: with B its haircut units per contract unit and C the rest of the margin balance,
   * C + B·P + S·Q·(P − EP) = Q·P·MMR − cum + TMM1, so P = (TMM1 − cum − C + S·Q·EP) / (B + S·Q − Q·MMR).
   * In Single-Asset mode B = 0 and C = WB + UPNL1: Binance's published formula.
   */
  liquidationPrice(a: Account, p: Position): Big {
    if (p.amt.eq(0)) return zero();
    const k = this.contractOf(p.symbol);
    const pool = this.poolOf(a, k);
    const others = this.positionsIn(a, pool).filter((o) => o !== p);
    const otherMaint = sum(others.map((o) => this.positionMetrics(a, o).maint));
    const mark = this.mark(p.symbol);
    const coins = pool === 'USD' ? this.umBalance(a, k.coin) : zero();
    const perUnit = coins.gt(0) && COLLATERAL[k.coin] ? coins.times(COLLATERAL[k.coin]!) : coins;
    const B = perUnit.div(k.multiplier);
    const C = this.totals(a, pool).marginBalance.minus(this.positionMetrics(a, p).upnl).minus(B.times(mark));
    const s = p.amt.gt(0) ? 1 : -1;
    const q = p.amt.abs();
    let b = bracketOf(q.times(mark), k.brackets);
    let lp = zero();
    for (let i = 0; i < 3; i++) {
      const den = B.plus(q.times(s)).minus(q.times(b.maintMarginRatio));
      if (den.eq(0)) return zero();
      lp = otherMaint.minus(b.cum).minus(C).plus(q.times(p.entry).times(s)).div(den);
      const nb = bracketOf(q.times(lp.abs()), k.brackets);
      if (nb.bracket === b.bracket) break;
      b = nb;
    }
    return lp.gt(0) ? lp.round(8, 0) : zero();
  }

  private income(a: Account, asset: string, row: Omit<IncomeRow, 'tranId' | 'time' | 'tradeId' | 'asset' | 'info'> & { info?: string }): void {
    a.income.push({ asset, info: row.info ?? '', tradeId: '', time: this.now(), tranId: this.tranId(), ...row });
  }

  // --- orders ----------------------------------------------------------------------------------

  /**
   * POST /fapi/v1/order, after the request is authenticated; also the order a triggered algo order
   * places (`accepted` runs once the order is recorded, before it fills).
   */
  placeOrder(a: Account, p: Record<string, string>, accepted?: (order: Order) => void): Order {
    const k = this.contractOf(p.symbol);
    const o = readOrder(p, a.dualSidePosition, k, a.orders, `sim_${this.peekOrderId()}`);
    const pos = a.positions.get(positionKey(k.symbol, o.positionSide)) ?? { symbol: k.symbol, positionSide: o.positionSide, amt: zero(), entry: zero(), updateTime: 0 };
    const { reducing, increase } = sizeUp(o, pos, a.dualSidePosition);
    const price = o.type === 'LIMIT' ? new Big(p.price ?? '0') : this.fillPrice(k, o.side);
    if (o.type === 'LIMIT' && price.lte(0)) throw E.mandatory('price');
    const notional = o.qty.times(price);
    if (!o.reduceOnly && !reducing && notional.lt(k.minNotional)) throw E.notional(k.minNotional);
    if (increase.gt(0)) {
      const need = increase.times(price).div(this.leverageOf(a, k.symbol)).plus(notional.times(a.takerRate));
      if (need.gt(this.totals(a, this.poolOf(a, k)).available)) throw E.margin();
    }
    const order: Order = { ...orderRecord(this.orderId(), k.symbol, o, price, this.now()), cumQuote: '0' };
    a.orders.push(order);
    accepted?.(order);
    if (o.type === 'MARKET') this.fill(a, order, pos, o, price);
    return order;
  }

  private fillPrice(k: Contract, side: 'BUY' | 'SELL'): Big {
    return toTick(this.mark(k.symbol).times(1 + ((side === 'BUY' ? 1 : -1) * this.slippageBps) / 10_000), k.tickSize);
  }

  private fill(a: Account, order: Order, pos: Position, o: OrderIntent, price: Big): void {
    const k = this.contractOf(order.symbol);
    const asset = this.settleAsset(a, k);
    const t = this.now();
    const realized = applyFill(pos, o.side === 'BUY' ? o.qty : o.qty.times(-1), price, LINEAR, t);
    a.positions.set(positionKey(pos.symbol, pos.positionSide), pos);
    const commission = o.qty.times(price).times(a.takerRate);
    this.credit(a, asset, realized.minus(commission));
    this.income(a, asset, { symbol: order.symbol, incomeType: 'COMMISSION', income: commission.times(-1).toFixed() });
    if (!realized.eq(0)) this.income(a, asset, { symbol: order.symbol, incomeType: 'REALIZED_PNL', income: realized.toFixed() });
    Object.assign(order, { status: 'FILLED', executedQty: o.qty.toFixed(), avgPrice: price.toFixed(), cumQuote: o.qty.times(price).toFixed(), updateTime: t });
    this.emit(a, { e: 'ORDER_TRADE_UPDATE', T: t, o: { ...tradeFields(order, asset, commission, realized, this.tradeId(), t), si: 0, ss: 0, gtd: 0 } });
    this.accountUpdate(a, 'ORDER', [pos], [asset]);
    this.algo.positionMoved(a, pos);
  }

  /** ACCOUNT_UPDATE with the balances of `assets` (`bc`: their change other than PnL and fees) and `positions`. */
  accountUpdate(a: Account, reason: string, positions: Position[], assets: string[] = [a.credits ? 'BNFCR' : 'USDT'], bc: Big = zero()): void {
    this.emit(a, {
      e: 'ACCOUNT_UPDATE',
      T: this.now(),
      a: {
        m: reason,
        B: assets.map((x) => ({ a: x, wb: this.umBalance(a, x).toFixed(), cw: this.umBalance(a, x).toFixed(), bc: bc.toFixed() })),
        P: positions.map((p) => ({ s: p.symbol, pa: p.amt.toFixed(), ep: p.entry.toFixed(), bep: p.entry.toFixed(), cr: '0', up: this.positionMetrics(a, p).upnl.toFixed(), mt: a.marginType.get(p.symbol) === 'ISOLATED' ? 'isolated' : 'cross', iw: '0', ps: p.positionSide })),
      },
    });
  }

  /** Settles every funding that has fallen due by now, USDⓈ-M and COIN-M. */
  settleFunding(): void {
    dueFundings(this.market, (symbol) => this.contractOf(symbol).fundingIntervalHours, this.now(), (symbol, m) => {
      const k = this.contractOf(symbol);
      for (const a of this.accounts.values()) {
        const touched = [...a.positions.values()].filter((p) => p.symbol === symbol && !p.amt.eq(0));
        if (!touched.length) continue;
        const asset = this.settleAsset(a, k);
        for (const p of touched) {
          // Positive rate: longs pay shorts. A short (negative amt) receives.
          const amount = p.amt.times(m.mark).times(m.fundingRate).times(-1);
          this.credit(a, asset, amount);
          this.income(a, asset, { symbol, incomeType: 'FUNDING_FEE', income: amount.toFixed() });
        }
        this.accountUpdate(a, 'FUNDING_FEE', touched, [asset]);
      }
    });
    this.coinm.settleFunding();
    this.checkMargins();
  }

  /** Moves a USDⓈ-M or COIN-M mark (algo orders whose trigger it reaches fire; margin calls and liquidation follow). */
  setMark(symbol: string, mark: string): void {
    if (this.coinm.has(symbol)) return this.coinm.setMark(symbol, mark);
    this.contractOf(symbol);
    this.market.get(symbol)!.mark = new Big(mark);
    this.algo.marksMoved();
    this.checkMargins();
  }

  /** Moves every perpetual of a coin to `price` (USD per coin): USDT and USDC perpetuals and the COIN-M one. */
  setCoinPrice(coin: string, price: string): void {
    for (const k of CONTRACTS.filter((x) => x.coin === coin)) this.market.get(k.symbol)!.mark = toTick(new Big(price).times(k.multiplier), k.tickSize);
    this.coinm.setCoinPrice(coin, price);
    this.algo.marksMoved();
    this.checkMargins();
  }

  /** MARGIN_CALL when a pool's margin ratio reaches 80 %; liquidation when maintenance ≥ margin balance. */
  checkMargins(): void {
    for (const a of this.accounts.values()) {
      const pools: Pool[] = this.pooled(a) ? ['USD'] : ['USDT', 'USDC'];
      for (const pool of pools) {
        const t = this.totals(a, pool);
        watchMargin(pool, t, a.marginCallSent, () => this.marginCall(a, pool, t.wallet), () => this.liquidate(a, pool));
      }
    }
    this.coinm.checkMargins();
  }

  private marginCall(a: Account, pool: Pool, wallet: Big): void {
    this.emit(a, {
      e: 'MARGIN_CALL',
      cw: wallet.toFixed(),
      p: this.positionsIn(a, pool).map((p) => {
        const m = this.positionMetrics(a, p);
        return { s: p.symbol, ps: p.positionSide, pa: p.amt.toFixed(), mt: 'CROSSED', iw: '0', mp: this.mark(p.symbol).toFixed(), up: m.upnl.toFixed(), mm: m.maint.toFixed() };
      }),
    });
  }

  /** Closes every position of the pool at the mark; a stablecoin or credit balance left negative is cleared (the insurance fund's loss). */
  private liquidate(a: Account, pool: Pool): void {
    for (const p of this.positionsIn(a, pool)) {
      const t = this.now();
      const o = liquidationIntent(p, t);
      const order: Order = { ...orderRecord(this.orderId(), p.symbol, o, zero(), t), selfTradePreventionMode: 'NONE', cumQuote: '0' };
      a.orders.push(order);
      this.fill(a, order, p, o, this.mark(p.symbol));
    }
    for (const asset of pool === 'USD' ? ['USDT', 'USDC', 'BNFCR'] : [pool]) if (this.umBalance(a, asset).lt(0)) a.futures.set(asset, zero());
  }

  // --- transfers -------------------------------------------------------------------------------

  /** POST /sapi/v1/asset/transfer between the spot wallet and the USDⓈ-M or COIN-M futures wallet. */
  transfer(a: Account, type: string, asset: string, amount: Big): number {
    const spot = a.spot.get(asset) ?? { free: zero(), locked: zero() };
    const inward = type === 'MAIN_UMFUTURE' || type === 'MAIN_CMFUTURE';
    if (type === 'MAIN_UMFUTURE' || type === 'UMFUTURE_MAIN') {
      // Credits mode (EEA): only BTC, ETH, BNB and USDC move in or out of the USDⓈ-M wallet.
      if (a.credits && !CREDITS_TRANSFERABLE.includes(asset)) throw E.transferFail();
      if (inward ? spot.free.lt(amount) : this.withdrawable(a, asset).lt(amount)) throw E.balance();
      this.credit(a, asset, inward ? amount : amount.times(-1));
    } else if (type === 'MAIN_CMFUTURE' || type === 'CMFUTURE_MAIN') {
      if (!this.coinm.coins().includes(asset)) throw E.transferFail();
      if (inward ? spot.free.lt(amount) : this.coinm.withdrawable(a, asset).lt(amount)) throw E.balance();
      this.coinm.credit(a, asset, inward ? amount : amount.times(-1));
    } else throw E.mandatory('type');
    spot.free = inward ? spot.free.minus(amount) : spot.free.plus(amount);
    a.spot.set(asset, spot);
    // A transfer between the account's wallets: balanceUpdate with the spot delta, then the new balance.
    const t = this.now();
    this.emitSpot(a, { e: 'balanceUpdate', E: t, a: asset, d: (inward ? amount.times(-1) : amount).toFixed(8), T: t });
    this.spotChanged(a, [asset]);
    const tranId = this.tranId();
    a.transfers.push({ asset, amount: amount.toFixed(), type, status: 'CONFIRMED', tranId, timestamp: t });
    const delta = inward ? amount : amount.times(-1);
    const row = { symbol: '', incomeType: 'TRANSFER' as const, income: delta.toFixed(), asset, info: 'TRANSFER', time: t, tradeId: '' };
    if (type.includes('UMFUTURE')) {
      a.income.push({ ...row, tranId });
      this.accountUpdate(a, inward ? 'DEPOSIT' : 'WITHDRAW', [], [asset], delta);
    } else {
      a.coinm.income.push({ ...row, tranId: String(tranId) });
      this.coinm.accountUpdate(a, inward ? 'DEPOSIT' : 'WITHDRAW', [], [asset], delta);
    }
    return tranId;
  }
}

/** A coin's spot price: its USDT perpetual's mark per coin. */
export const SPOT_PRICE = (engine: Engine, coin: string): Big | null => {
  const k = USDT_CONTRACTS.find((c) => c.coin === coin);
  return k ? engine.mark(k.symbol).div(k.multiplier) : null;
};
