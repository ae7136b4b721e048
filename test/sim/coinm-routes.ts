/**
 * Binance's COIN-M REST endpoints (host dapi.binance.com, paths /dapi/...) over the COIN-M engine,
 * with each endpoint's request weight. Field names and types as Binance documents them (see
 * test/conformance/documented/coinm/).
 */
import Big from 'big.js';
import type { Account, Position } from './account';
import { COINM, COINM_DELIVERY, type CoinmContract } from './market';
import { FUTURES, acct, changeMarginType, checkLeverage, findOrder, incomeRows, listenKeyRoutes, need, orderReply, type Ctx, type Route } from './routes';

const HOUR = 3_600_000;
const f8 = (x: Big): string => x.toFixed(8);

const filters = (k: { tickSize: string; maxQty: string; marketMaxQty: string }) => [
  { filterType: 'PRICE_FILTER', minPrice: k.tickSize, maxPrice: '4529764', tickSize: k.tickSize },
  { filterType: 'LOT_SIZE', minQty: '1', maxQty: k.maxQty, stepSize: '1' },
  { filterType: 'MARKET_LOT_SIZE', minQty: '1', maxQty: k.marketMaxQty, stepSize: '1' },
  { filterType: 'MAX_NUM_ORDERS', limit: 200 },
  { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
];

function symbolInfo(k: CoinmContract, listed: { symbol: string; contractType: string; deliveryDate: number } = { symbol: k.symbol, contractType: 'PERPETUAL', deliveryDate: 4133404800000 }) {
  return {
    ...listed, pair: k.pair, onboardDate: 1597042800000, contractStatus: 'TRADING', contractSize: k.contractSize, quoteAsset: 'USD', baseAsset: k.coin, marginAsset: k.coin,
    pricePrecision: k.pricePrecision, quantityPrecision: 0, baseAssetPrecision: 8, quotePrecision: 8, equalQtyPrecision: 4, triggerProtect: '0.0500', maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000',
    underlyingType: 'COIN', underlyingSubType: [], liquidationFee: '0.010000', marketTakeBound: '0.05', filters: filters(k),
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'], timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
  };
}

const perpOf = (pair: string): CoinmContract => COINM.find((k) => k.pair === pair)!;

/** Every listed symbol (perpetuals and quarterlies) with its contract and current mark. */
function listed(ctx: Ctx) {
  const cm = ctx.engine.coinm;
  return [
    ...COINM.map((k) => ({ symbol: k.symbol, k, mark: cm.mark(k.symbol), delivery: false })),
    ...COINM_DELIVERY.map((d) => ({ symbol: d.symbol, k: perpOf(d.pair), mark: cm.deliveryMark(d), delivery: true })),
  ];
}

/** The most contracts' worth of coin allowed at the symbol's leverage (the bracket cap). */
const maxQty = (k: CoinmContract, lev: number): number => k.brackets.filter((b) => b.initialLeverage >= lev).at(-1)?.qtyCap ?? 0;

/** A position row's common figures; symbols without a position answer zeros, as Binance lists every TRADING symbol. */
function positionFigures(ctx: Ctx, a: Account, symbol: string, k: CoinmContract, side: Position['positionSide']) {
  const cm = ctx.engine.coinm;
  const p = a.coinm.positions.get(`${symbol}|${side}`);
  const open = p && !p.amt.eq(0) ? p : null;
  const m = open ? cm.metrics(a, open) : null;
  const lev = cm.leverageOf(a, k.symbol);
  return {
    p: open, lev, side, marginType: a.coinm.marginType.get(k.symbol) ?? 'CROSSED',
    amt: open ? open.amt.toFixed() : '0', entry: open ? open.entry.toFixed() : '0.0', upnl: m ? f8(m.upnl) : '0.00000000', maint: m ? f8(m.maint) : '0', initial: m ? f8(m.initial) : '0',
    notionalValue: m ? f8(m.notionalValue) : '0', maxQty: String(maxQty(k, lev)), updateTime: open ? open.updateTime : 0,
  };
}

function positions(ctx: Ctx, a: Account) {
  const sides: Position['positionSide'][] = a.dualSidePosition ? ['BOTH', 'LONG', 'SHORT'] : ['BOTH'];
  return listed(ctx)
    .filter((r) => (!ctx.params.pair || r.k.pair === ctx.params.pair) && (!ctx.params.marginAsset || r.k.coin === ctx.params.marginAsset))
    .flatMap((r) => sides.map((side) => ({ ...r, ...positionFigures(ctx, a, r.symbol, r.k, side) })));
}

/** Each coin's COIN-M wallet: its totals and what may leave it. */
const wallets = (ctx: Ctx, a: Account) => ctx.engine.coinm.coins().map((coin) => ({ coin, t: ctx.engine.coinm.totals(a, coin), withdraw: f8(ctx.engine.coinm.withdrawable(a, coin)) }));

function premium(ctx: Ctx) {
  const cm = ctx.engine.coinm;
  return listed(ctx).map((r) => {
    const m = cm.market.get(r.symbol);
    const index = f8(cm.mark(r.k.symbol));
    return {
      symbol: r.symbol, pair: r.k.pair, markPrice: f8(r.mark), indexPrice: index, estimatedSettlePrice: index, lastFundingRate: m ? f8(m.fundingRate) : '', interestRate: m ? '0.00010000' : '',
      nextFundingTime: m ? m.nextFundingTime : 0, time: ctx.now,
    };
  });
}

export const COINM_ROUTES: Record<string, Route> = {
  'GET /dapi/v1/ping': FUTURES['GET /fapi/v1/ping']!,
  'GET /dapi/v1/time': FUTURES['GET /fapi/v1/time']!,
  'GET /dapi/v1/exchangeInfo': {
    weight: 1,
    auth: null,
    handle: (ctx) => ({
      exchangeFilters: [],
      rateLimits: [
        { interval: 'MINUTE', intervalNum: 1, limit: 2400, rateLimitType: 'REQUEST_WEIGHT' },
        { interval: 'MINUTE', intervalNum: 1, limit: 1200, rateLimitType: 'ORDERS' },
      ],
      serverTime: ctx.now,
      symbols: [...COINM.map((k) => symbolInfo(k)), ...COINM_DELIVERY.map((d) => symbolInfo(perpOf(d.pair), { symbol: d.symbol, contractType: d.contractType, deliveryDate: d.deliveryDate }))],
      timezone: 'UTC',
    }),
  },
  'GET /dapi/v1/premiumIndex': {
    weight: 10,
    auth: null,
    // Always a list, filtered by symbol or pair; quarterlies carry lastFundingRate "" (documented).
    handle: (ctx) => premium(ctx).filter((r) => (!ctx.params.symbol || r.symbol === ctx.params.symbol) && (!ctx.params.pair || r.pair === ctx.params.pair)),
  },
  'GET /dapi/v1/fundingInfo': {
    weight: 1,
    auth: null,
    handle: () => COINM.filter((k) => k.fundingIntervalHours !== 8).map((k) => ({ symbol: k.symbol, adjustedFundingRateCap: '0.02500000', adjustedFundingRateFloor: '-0.02500000', fundingIntervalHours: k.fundingIntervalHours, disclaimer: false })),
  },
  'GET /dapi/v1/fundingRate': {
    weight: 1,
    auth: null,
    handle: (ctx) => {
      need(ctx, 'symbol');
      const k = ctx.engine.coinm.contractOf(ctx.params.symbol);
      const m = ctx.engine.coinm.market.get(k.symbol)!;
      return [3, 2, 1].map((i) => ({ symbol: k.symbol, fundingTime: m.nextFundingTime - i * k.fundingIntervalHours * HOUR, fundingRate: f8(m.fundingRate) }));
    },
  },
  'GET /dapi/v1/leverageBracket': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => COINM.filter((k) => !ctx.params.pair || k.pair === ctx.params.pair).map((k) => ({ pair: k.pair, brackets: k.brackets })),
  },
  'GET /dapi/v2/leverageBracket': {
    weight: (p) => (p.symbol ? 1 : 2),
    auth: 'futures',
    handle: (ctx) => {
      if (ctx.params.symbol) ctx.engine.coinm.contractOf(ctx.params.symbol);
      return COINM.filter((k) => !ctx.params.symbol || k.symbol === ctx.params.symbol).map((k) => ({ symbol: k.symbol, notionalCoef: 1.0, brackets: k.brackets }));
    },
  },
  'GET /dapi/v1/account': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => {
      const a = acct(ctx);
      return {
        assets: wallets(ctx, a).map(({ coin, t, withdraw }) => ({
          asset: coin, walletBalance: f8(t.wallet), unrealizedProfit: f8(t.upnl), marginBalance: f8(t.marginBalance), maintMargin: f8(t.maint), initialMargin: f8(t.initial), positionInitialMargin: f8(t.initial),
          openOrderInitialMargin: '0.00000000', maxWithdrawAmount: withdraw, crossWalletBalance: f8(t.wallet), crossUnPnl: f8(t.upnl), availableBalance: f8(t.available), updateTime: ctx.now,
        })),
        positions: positions(ctx, a).map((r) => ({
          symbol: r.symbol, positionAmt: r.amt, initialMargin: r.initial, maintMargin: r.maint, unrealizedProfit: r.upnl, positionInitialMargin: r.initial, openOrderInitialMargin: '0', leverage: String(r.lev),
          isolated: r.marginType === 'ISOLATED', positionSide: r.side, entryPrice: r.entry, breakEvenPrice: r.entry, maxQty: r.maxQty, updateTime: r.updateTime, notionalValue: r.notionalValue,
        })),
        canDeposit: true, canTrade: true, canWithdraw: true, feeTier: 0, updateTime: 0,
      };
    },
  },
  'GET /dapi/v1/balance': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) =>
      wallets(ctx, acct(ctx)).map(({ coin, t, withdraw }) => ({
        accountAlias: 'SgsR', asset: coin, balance: f8(t.wallet), withdrawAvailable: withdraw, crossWalletBalance: f8(t.wallet), crossUnPnl: f8(t.upnl), availableBalance: f8(t.available), updateTime: ctx.now,
      })),
  },
  'GET /dapi/v1/positionRisk': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      const a = acct(ctx);
      return positions(ctx, a).map((r) => {
        const lp = r.p ? ctx.engine.coinm.liquidationPrice(a, r.p) : new Big(0);
        return {
          symbol: r.symbol, positionAmt: r.amt, entryPrice: r.entry, breakEvenPrice: r.entry, markPrice: f8(r.mark), unRealizedProfit: r.upnl, liquidationPrice: lp.gt(0) ? lp.toFixed() : '0',
          leverage: String(r.lev), maxQty: r.maxQty, marginType: r.marginType === 'ISOLATED' ? 'isolated' : 'cross', isolatedMargin: '0.00000000', isAutoAddMargin: 'false', positionSide: r.side, updateTime: r.updateTime,
        };
      });
    },
  },
  'POST /dapi/v1/order': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      // As documented since 2026-07-15: no avgPrice and no cumBase in the reply (GET /dapi/v1/order has them).
      const { avgPrice: _a, cumBase: _c, time: _t, goodTillDate: _g, ...placed } = ctx.engine.coinm.placeOrder(acct(ctx), ctx.params);
      return orderReply(ctx, placed);
    },
  },
  'GET /dapi/v1/order': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      const { goodTillDate: _g, ...order } = findOrder(ctx, acct(ctx).coinm.orders);
      return order;
    },
  },
  'GET /dapi/v1/income': { weight: 20, auth: 'futures', handle: (ctx) => incomeRows(ctx, acct(ctx).coinm.income) },
  'GET /dapi/v1/commissionRate': {
    weight: 20,
    auth: 'futures',
    // The account's rates, as on USDⓈ-M (the fee a fill pays); no rpiCommissionRate on COIN-M.
    handle: (ctx) => {
      need(ctx, 'symbol');
      const k = ctx.engine.coinm.contractOf(ctx.params.symbol);
      return { symbol: k.symbol, makerCommissionRate: acct(ctx).makerRate.toFixed(4), takerCommissionRate: acct(ctx).takerRate.toFixed(4) };
    },
  },
  'POST /dapi/v1/leverage': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'leverage');
      const a = acct(ctx);
      const cm = ctx.engine.coinm;
      const k = cm.contractOf(ctx.params.symbol);
      const open = cm.positionsIn(a, k.coin).filter((p) => p.symbol === k.symbol).reduce((s, p) => s.plus(cm.metrics(a, p).notional), new Big(0));
      const lev = checkLeverage(ctx, k.brackets[0]!.initialLeverage, open, (l) => maxQty(k, l));
      a.coinm.leverage.set(k.symbol, lev);
      return { leverage: lev, maxQty: String(maxQty(k, lev)), symbol: k.symbol };
    },
  },
  'POST /dapi/v1/marginType': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'marginType');
      const a = acct(ctx);
      const k = ctx.engine.coinm.contractOf(ctx.params.symbol);
      return changeMarginType(ctx, k.symbol, a.coinm.marginType, ctx.engine.coinm.positionsIn(a, k.coin).some((p) => p.symbol === k.symbol));
    },
  },
  // One position mode for USDⓈ-M and COIN-M (Binance: shared since the CM migration).
  'GET /dapi/v1/positionSide/dual': FUTURES['GET /fapi/v1/positionSide/dual']!,
  'POST /dapi/v1/positionSide/dual': FUTURES['POST /fapi/v1/positionSide/dual']!,
  ...listenKeyRoutes('/dapi/v1/listenKey', 'cm'),
};

/** The COIN-M mark price event (markPriceUpdate; `st` 2 marks a COIN-M symbol since the CM migration). */
export function coinmMarkEvent(ctx: { engine: Ctx['engine']; now: number }, symbol: string) {
  const m = ctx.engine.coinm.market.get(symbol)!;
  return { e: 'markPriceUpdate', E: ctx.now, s: symbol, p: f8(m.mark), P: f8(m.mark), i: f8(m.mark), r: f8(m.fundingRate), T: m.nextFundingTime, st: 2 };
}
