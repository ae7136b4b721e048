/**
 * The COIN-M (inverse) engine. A contract is worth `contractSize` USD; quantities are whole
 * contracts; margin, PnL, fees and funding are in the coin, each coin its own cross-margin wallet.
 *
 * - notional in the coin = |contracts| × size / mark (USD notional = contracts × size)
 * - unrealized PnL in the coin = contracts × size × (1/entry − 1/mark) (negative contracts: a short)
 * - maintenance = notional × maintMarginRatio − cum, bracket by notional in the coin (qtyCap/qtylFloor)
 * - funding in the coin = contracts × size / mark × rate, paid by longs to shorts when the rate is positive
 * - liquidation when a coin's maintenance reaches its margin balance (wallet + unrealized PnL)
 *
 * A short whose wallet holds the coins it hedges (wallet ≥ contracts × size / entry) is never
 * liquidated by a rally: its margin balance is contracts × size / mark, above maintenance at any mark.
 */
import Big from 'big.js';
import { positionKey, type Account, type CoinmOrder, type Position } from './account';
import type { Engine } from './engine';
import { E } from './errors';
import { COINM, COINM_DELIVERY, coinmContract, type CoinmBracket, type CoinmContract } from './market';
import {
  applyFill, dueFundings, firstFunding, listedOrThrow, inverse, liquidationIntent, maintenance, orderRecord, readOrder, sizeUp, toTick, tradeFields, watchMargin, type MarketState, type OrderIntent,
} from './trading';

const zero = (): Big => new Big(0);

export function coinmBracketOf(qty: Big, brackets: CoinmBracket[]): CoinmBracket {
  return brackets.find((b) => qty.gte(b.qtylFloor) && qty.lt(b.qtyCap)) ?? brackets[brackets.length - 1]!;
}

export class CoinmEngine {
  market = new Map<string, MarketState>();

  constructor(private readonly um: Engine) {}

  resetMarket(): void {
    const t = this.um.now();
    for (const k of COINM) this.market.set(k.symbol, { mark: new Big(k.mark), fundingRate: new Big(k.fundingRate), nextFundingTime: firstFunding(t, k.fundingIntervalHours) });
  }

  has(symbol: string): boolean {
    return this.market.has(symbol);
  }

  /** Coins with a COIN-M wallet (those with a listed contract). */
  coins(): string[] {
    return [...new Set(COINM.map((k) => k.coin))];
  }

  contractOf(symbol: string | undefined): CoinmContract {
    return listedOrThrow(symbol, coinmContract);
  }

  mark(symbol: string): Big {
    return this.market.get(symbol)!.mark;
  }

  /** A quarterly's mark: its perpetual's mark times the seeded basis. */
  deliveryMark(d: (typeof COINM_DELIVERY)[number]): Big {
    return this.mark(`${d.pair}_PERP`).times(d.basis).round(1);
  }

  leverageOf(a: Account, symbol: string): number {
    return a.coinm.leverage.get(symbol) ?? 20;
  }

  balance(a: Account, coin: string): Big {
    return a.coinm.balances.get(coin) ?? zero();
  }

  credit(a: Account, coin: string, amount: Big): void {
    a.coinm.balances.set(coin, this.balance(a, coin).plus(amount));
  }

  /** PnL, notional, maintenance and initial margin of one position, all in the coin. */
  metrics(a: Account, p: Position) {
    const k = this.contractOf(p.symbol);
    const mark = this.mark(p.symbol);
    const notional = p.amt.abs().times(k.contractSize).div(mark);
    return {
      upnl: p.amt.eq(0) ? zero() : inverse(k.contractSize).pnl(p.amt, p.entry, mark),
      notional,
      notionalValue: p.amt.times(k.contractSize).div(mark),
      maint: maintenance(notional, coinmBracketOf(notional, k.brackets)),
      initial: notional.div(this.leverageOf(a, p.symbol)),
    };
  }

  positionsIn(a: Account, coin: string): Position[] {
    return [...a.coinm.positions.values()].filter((p) => !p.amt.eq(0) && this.contractOf(p.symbol).coin === coin);
  }

  /** One coin's wallet, unrealized PnL, maintenance, initial margin, margin balance and available balance. */
  totals(a: Account, coin: string) {
    const ms = this.positionsIn(a, coin).map((p) => this.metrics(a, p));
    const add = (f: (m: (typeof ms)[number]) => Big) => ms.reduce((s, m) => s.plus(f(m)), zero());
    const wallet = this.balance(a, coin);
    const upnl = add((m) => m.upnl);
    const initial = add((m) => m.initial);
    const marginBalance = wallet.plus(upnl);
    const available = marginBalance.minus(initial);
    return { wallet, upnl, maint: add((m) => m.maint), initial, marginBalance, available: available.gt(0) ? available : zero() };
  }

  withdrawable(a: Account, coin: string): Big {
    const t = this.totals(a, coin);
    const can = t.available.lt(t.wallet) ? t.available : t.wallet;
    return can.gt(0) ? can : zero();
  }

  /**
   * Cross-margin liquidation price, the coin's other positions held. With WB the wallet plus the other
   * positions' PnL less their maintenance, S = ±1 and Q contracts of size s:
   * WB + S·Q·s·(1/EP − 1/P) = Q·s·MMR/P − cum  ⇒  P = Q·s·(MMR + S) / (WB + cum + S·Q·s/EP).
   * No positive solution (a short fully backed by the coin): "0".
   */
  liquidationPrice(a: Account, p: Position): Big {
    if (p.amt.eq(0)) return zero();
    const k = this.contractOf(p.symbol);
    const others = this.positionsIn(a, k.coin).filter((o) => o !== p).map((o) => this.metrics(a, o));
    const wb = others.reduce((s, m) => s.plus(m.upnl).minus(m.maint), this.balance(a, k.coin));
    const s = p.amt.gt(0) ? 1 : -1;
    const qs = p.amt.abs().times(k.contractSize);
    let b = coinmBracketOf(this.metrics(a, p).notional, k.brackets);
    let lp = zero();
    for (let i = 0; i < 3; i++) {
      const den = wb.plus(b.cum).plus(qs.times(s).div(p.entry));
      if (den.eq(0)) return zero();
      lp = qs.times(b.maintMarginRatio + s).div(den);
      if (lp.lte(0)) return zero();
      const nb = coinmBracketOf(qs.div(lp), k.brackets);
      if (nb.bracket === b.bracket) break;
      b = nb;
    }
    return lp.gt(0) ? lp.round(8, 0) : zero();
  }

  private income(a: Account, coin: string, row: { symbol: string; incomeType: 'FUNDING_FEE' | 'COMMISSION' | 'REALIZED_PNL'; income: string }): void {
    a.coinm.income.push({ ...row, asset: coin, info: '', tradeId: '', time: this.um.now(), tranId: String(this.um.tranId()) });
  }

  /** POST /dapi/v1/order: MARKET fills at the mark; whole contracts; margin and fees in the coin. */
  placeOrder(a: Account, p: Record<string, string>): CoinmOrder {
    const k = this.contractOf(p.symbol);
    const lot = { stepSize: '1', minQty: '1', maxQty: k.maxQty, marketMaxQty: k.marketMaxQty };
    const o = readOrder(p, a.dualSidePosition, lot, a.coinm.orders, `sim_${this.um.peekOrderId()}`);
    const pos = a.coinm.positions.get(positionKey(k.symbol, o.positionSide)) ?? { symbol: k.symbol, positionSide: o.positionSide, amt: zero(), entry: zero(), updateTime: 0 };
    const { increase } = sizeUp(o, pos, a.dualSidePosition);
    const price = o.type === 'LIMIT' ? new Big(p.price ?? '0') : toTick(this.mark(k.symbol).times(1 + ((o.side === 'BUY' ? 1 : -1) * this.um.slippageBps) / 10_000), k.tickSize);
    if (o.type === 'LIMIT' && price.lte(0)) throw E.mandatory('price');
    if (increase.gt(0)) {
      const need = increase.times(k.contractSize).div(price).div(this.leverageOf(a, k.symbol)).plus(o.qty.times(k.contractSize).div(price).times(a.takerRate));
      if (need.gt(this.totals(a, k.coin).available)) throw E.margin();
    }
    const order: CoinmOrder = { ...orderRecord(this.um.orderId(), k.symbol, o, price, this.um.now()), pair: k.pair, cumBase: '0' };
    a.coinm.orders.push(order);
    if (o.type === 'MARKET') this.fill(a, order, pos, o, price);
    return order;
  }

  private fill(a: Account, order: CoinmOrder, pos: Position, o: OrderIntent, price: Big): void {
    const k = this.contractOf(order.symbol);
    const t = this.um.now();
    const realized = applyFill(pos, o.side === 'BUY' ? o.qty : o.qty.times(-1), price, inverse(k.contractSize), t);
    a.coinm.positions.set(positionKey(pos.symbol, pos.positionSide), pos);
    const base = o.qty.times(k.contractSize).div(price);
    const commission = base.times(a.takerRate);
    this.credit(a, k.coin, realized.minus(commission));
    this.income(a, k.coin, { symbol: order.symbol, incomeType: 'COMMISSION', income: commission.times(-1).toFixed() });
    if (!realized.eq(0)) this.income(a, k.coin, { symbol: order.symbol, incomeType: 'REALIZED_PNL', income: realized.toFixed() });
    Object.assign(order, { status: 'FILLED', executedQty: o.qty.toFixed(), avgPrice: price.toFixed(), cumBase: base.toFixed(8), updateTime: t });
    this.um.emit(a, { e: 'ORDER_TRADE_UPDATE', T: t, i: 'SfsR', o: { ...tradeFields(order, k.coin, commission, realized, this.um.tradeId(), t), sp: '0', ma: k.coin } }, 'cm');
    this.accountUpdate(a, 'ORDER', [pos], [k.coin]);
  }

  /** COIN-M ACCOUNT_UPDATE (with the account alias `i`). */
  accountUpdate(a: Account, reason: string, positions: Position[], coins: string[], bc: Big = zero()): void {
    this.um.emit(
      a,
      {
        e: 'ACCOUNT_UPDATE',
        T: this.um.now(),
        i: 'SfsR',
        a: {
          m: reason,
          B: coins.map((c) => ({ a: c, wb: this.balance(a, c).toFixed(), cw: this.balance(a, c).toFixed(), bc: bc.toFixed() })),
          P: positions.map((p) => ({ s: p.symbol, pa: p.amt.toFixed(), ep: p.entry.toFixed(), bep: p.entry.toFixed(), cr: '0', up: this.metrics(a, p).upnl.toFixed(8), mt: a.coinm.marginType.get(p.symbol) === 'ISOLATED' ? 'isolated' : 'cross', iw: '0', ps: p.positionSide })),
        },
      },
      'cm',
    );
  }

  /** Funding in the coin: contracts × size / mark × rate; a positive rate moves it from longs to shorts. */
  settleFunding(): void {
    dueFundings(this.market, (symbol) => this.contractOf(symbol).fundingIntervalHours, this.um.now(), (symbol, m) => {
      const k = this.contractOf(symbol);
      for (const a of this.um.accounts.values()) {
        const touched = [...a.coinm.positions.values()].filter((p) => p.symbol === symbol && !p.amt.eq(0));
        if (!touched.length) continue;
        for (const p of touched) {
          const amount = p.amt.times(k.contractSize).div(m.mark).times(m.fundingRate).times(-1);
          this.credit(a, k.coin, amount);
          this.income(a, k.coin, { symbol, incomeType: 'FUNDING_FEE', income: amount.toFixed(8) });
        }
        this.accountUpdate(a, 'FUNDING_FEE', touched, [k.coin]);
      }
    });
  }

  setMark(symbol: string, mark: string): void {
    this.contractOf(symbol);
    this.market.get(symbol)!.mark = new Big(mark);
    this.checkMargins();
  }

  /** The coin's COIN-M perpetual to `price` USD (margins are checked by the caller). */
  setCoinPrice(coin: string, price: string): void {
    for (const k of COINM.filter((x) => x.coin === coin)) this.market.get(k.symbol)!.mark = toTick(new Big(price), k.tickSize);
  }

  checkMargins(): void {
    for (const a of this.um.accounts.values()) {
      for (const coin of new Set([...a.coinm.positions.values()].filter((p) => !p.amt.eq(0)).map((p) => this.contractOf(p.symbol).coin))) {
        const t = this.totals(a, coin);
        watchMargin(coin, t, a.coinm.marginCallSent, () => this.marginCall(a, coin, t.wallet), () => this.liquidate(a, coin));
      }
    }
  }

  private marginCall(a: Account, coin: string, wallet: Big): void {
    this.um.emit(
      a,
      {
        e: 'MARGIN_CALL',
        i: 'SfsR',
        cw: wallet.toFixed(8),
        p: this.positionsIn(a, coin).map((p) => {
          const m = this.metrics(a, p);
          return { s: p.symbol, ps: p.positionSide, pa: p.amt.toFixed(), mt: 'CROSSED', iw: '0', mp: this.mark(p.symbol).toFixed(), up: m.upnl.toFixed(8), mm: m.maint.toFixed(8) };
        }),
      },
      'cm',
    );
  }

  /** Closes the coin's positions at the mark (autoclose- orders); a wallet left negative is cleared. */
  private liquidate(a: Account, coin: string): void {
    for (const p of this.positionsIn(a, coin)) {
      const t = this.um.now();
      const o = liquidationIntent(p, t);
      const k = this.contractOf(p.symbol);
      const order: CoinmOrder = { ...orderRecord(this.um.orderId(), p.symbol, o, zero(), t), selfTradePreventionMode: 'NONE', pair: k.pair, cumBase: '0' };
      a.coinm.orders.push(order);
      this.fill(a, order, p, o, this.mark(p.symbol));
    }
    if (this.balance(a, coin).lt(0)) a.coinm.balances.set(coin, zero());
  }
}
