/**
 * Binance's REST endpoints over the engine, with each endpoint's request weight and whether it is
 * signed (and what permission it needs). Field names and types as Binance sends them.
 */
import Big from 'big.js';
import type { Account } from './account';
import type { Permission } from './auth';
import { bracketOf, SPOT_PRICE, type Engine } from './engine';
import { E } from './errors';
import { CONTRACTS, DELIVERY, SPOT_QUOTES } from './market';

export interface Ctx {
  engine: Engine;
  params: Record<string, string>;
  account: Account | null;
  now: number;
  listenKeys: Map<string, { apiKey: string; expires: number }>;
}

export interface Route {
  weight: number | ((p: Record<string, string>) => number);
  /** Signed endpoints name the permission they need; 'key' = API key header only (listenKey). */
  auth: Permission | 'key' | null;
  handle: (ctx: Ctx) => unknown;
}

const acct = (ctx: Ctx): Account => ctx.account!;
const HOUR = 3_600_000;

function symbolInfo(k: (typeof CONTRACTS)[number]) {
  return {
    symbol: k.symbol, pair: k.symbol, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000, status: 'TRADING',
    maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: k.baseAsset, quoteAsset: 'USDT', marginAsset: 'USDT',
    pricePrecision: 2, quantityPrecision: 3, baseAssetPrecision: 8, quotePrecision: 8, underlyingType: 'COIN', underlyingSubType: [], triggerProtect: '0.0500', liquidationFee: '0.012500', marketTakeBound: '0.05', maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: k.tickSize, maxPrice: '4529764', tickSize: k.tickSize },
      { filterType: 'LOT_SIZE', minQty: k.minQty, maxQty: k.maxQty, stepSize: k.stepSize },
      { filterType: 'MARKET_LOT_SIZE', minQty: k.minQty, maxQty: k.marketMaxQty, stepSize: k.stepSize },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
      { filterType: 'MIN_NOTIONAL', notional: k.minNotional },
      { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

/** A quarterly: listed with the perpetuals, no funding (Binance sends lastFundingRate "" for these). */
function deliveryInfo(d: (typeof DELIVERY)[number]) {
  const perp = CONTRACTS.find((k) => k.symbol === d.pair)!;
  return { ...symbolInfo(perp), symbol: d.symbol, pair: d.pair, contractType: d.contractType, deliveryDate: d.deliveryDate };
}

function deliveryPremium(ctx: Ctx, d: (typeof DELIVERY)[number]) {
  const mark = ctx.engine.mark(d.pair).times(d.basis).round(1);
  return { symbol: d.symbol, markPrice: mark.toFixed(8), indexPrice: ctx.engine.mark(d.pair).toFixed(8), estimatedSettlePrice: mark.toFixed(8), lastFundingRate: '', interestRate: '', nextFundingTime: 0, time: ctx.now };
}

function premium(ctx: Ctx, symbol: string) {
  const m = ctx.engine.market.get(symbol)!;
  return { symbol, markPrice: m.mark.toFixed(8), indexPrice: m.mark.toFixed(8), estimatedSettlePrice: m.mark.toFixed(8), lastFundingRate: m.fundingRate.toFixed(8), interestRate: '0.00010000', nextFundingTime: m.nextFundingTime, time: ctx.now };
}

function positionRows(ctx: Ctx, a: Account) {
  return [...a.positions.values()]
    .filter((p) => !p.amt.eq(0) || a.orders.some((o) => o.symbol === p.symbol && o.status === 'NEW'))
    .filter((p) => !ctx.params.symbol || p.symbol === ctx.params.symbol)
    .map((p) => {
      const m = ctx.engine.positionMetrics(a, p);
      const mark = ctx.engine.mark(p.symbol);
      return {
        symbol: p.symbol, positionSide: p.positionSide, positionAmt: p.amt.toFixed(), entryPrice: p.entry.toFixed(), breakEvenPrice: p.entry.toFixed(), markPrice: mark.toFixed(8),
        unRealizedProfit: m.upnl.toFixed(8), liquidationPrice: liquidationPrice(ctx, a, p.symbol, p.positionSide), isolatedMargin: '0', notional: p.amt.times(mark).toFixed(8), marginAsset: 'USDT',
        isolatedWallet: '0', initialMargin: m.initial.toFixed(8), maintMargin: m.maint.toFixed(8), positionInitialMargin: m.initial.toFixed(8), openOrderInitialMargin: '0', adl: 1, bidNotional: '0', askNotional: '0', updateTime: p.updateTime,
      };
    });
}

/** Cross margin: the price at which the account's margin balance meets its maintenance margin, other positions held. */
function liquidationPrice(ctx: Ctx, a: Account, symbol: string, side: string): string {
  const p = a.positions.get(`${symbol}|${side}`)!;
  if (p.amt.eq(0)) return '0';
  const k = ctx.engine.contractOf(symbol);
  let otherMaint = new Big(0);
  let otherUpnl = new Big(0);
  for (const o of a.positions.values()) {
    if (o === p || o.amt.eq(0)) continue;
    const m = ctx.engine.positionMetrics(a, o);
    otherMaint = otherMaint.plus(m.maint);
    otherUpnl = otherUpnl.plus(m.upnl);
  }
  const s = p.amt.gt(0) ? 1 : -1;
  const q = p.amt.abs();
  let b = bracketOf(q.times(ctx.engine.mark(symbol)), k.brackets);
  let lp = new Big(0);
  for (let i = 0; i < 3; i++) {
    lp = a.wallet.minus(otherMaint).plus(otherUpnl).plus(b.cum).minus(q.times(p.entry).times(s)).div(q.times(b.maintMarginRatio).minus(q.times(s)));
    const nb = bracketOf(q.times(lp.abs()), k.brackets);
    if (nb.bracket === b.bracket) break;
    b = nb;
  }
  return lp.gt(0) ? lp.round(8, 0).toFixed() : '0';
}

const need = (ctx: Ctx, ...names: string[]): void => {
  for (const n of names) if (!ctx.params[n]) throw E.mandatory(n);
};

export const SPOT: Record<string, Route> = {
  'GET /api/v3/ping': { weight: 1, auth: null, handle: () => ({}) },
  'GET /api/v3/time': { weight: 1, auth: null, handle: (ctx) => ({ serverTime: ctx.now }) },
  'GET /api/v3/exchangeInfo': {
    weight: 20,
    auth: null,
    handle: () => ({
      timezone: 'UTC',
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
      symbols: CONTRACTS.flatMap((k) => SPOT_QUOTES.map((q) => ({ symbol: `${k.coin}${q}`, status: 'TRADING', baseAsset: k.coin, quoteAsset: q }))),
    }),
  },
  'GET /api/v3/ticker/price': {
    weight: (p) => (p.symbol ? 2 : 4),
    auth: null,
    handle: (ctx) => {
      const rows = CONTRACTS.map((k) => ({ symbol: `${k.coin}USDT`, price: SPOT_PRICE(ctx.engine, k.coin)!.toFixed(8) }));
      if (!ctx.params.symbol) return rows;
      const row = rows.find((r) => r.symbol === ctx.params.symbol);
      if (!row) throw E.badSymbol();
      return row;
    },
  },
  'GET /api/v3/account': {
    weight: 20,
    auth: 'reading',
    handle: (ctx) => {
      const a = acct(ctx);
      const balances = [...a.spot].map(([asset, b]) => ({ asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8) }));
      return {
        makerCommission: 10, takerCommission: 10, canTrade: true, canWithdraw: a.permissions.enableWithdrawals, canDeposit: true, brokered: false, requireSelfTradePrevention: false, updateTime: ctx.now, accountType: 'SPOT',
        balances: ctx.params.omitZeroBalances === 'true' ? balances.filter((b) => Number(b.free) + Number(b.locked) > 0) : balances,
        permissions: ['SPOT'], uid: 354937868,
      };
    },
  },
  'GET /sapi/v1/account/apiRestrictions': {
    weight: 1,
    auth: 'reading',
    handle: (ctx) => ({ ...acct(ctx).permissions, enableInternalTransfer: false, enableMargin: false, enableVanillaOptions: false, enableFixApiTrade: false, enableFixReadOnly: false, createTime: 1_700_000_000_000 }),
  },
  'POST /sapi/v1/asset/transfer': {
    weight: 900,
    auth: 'transfer',
    handle: (ctx) => {
      need(ctx, 'type', 'asset', 'amount');
      const amount = new Big(ctx.params.amount!);
      if (amount.lte(0)) throw E.mandatory('amount');
      return { tranId: ctx.engine.transfer(acct(ctx), ctx.params.type!, ctx.params.asset!, amount) };
    },
  },
  'GET /sapi/v1/asset/transfer': {
    weight: 1,
    auth: 'reading',
    handle: (ctx) => {
      need(ctx, 'type');
      const p = ctx.params;
      const end = p.endTime ? Number(p.endTime) : ctx.now;
      const start = p.startTime ? Number(p.startTime) : end - 7 * 24 * HOUR;
      const size = Math.min(Number(p.size ?? 10), 100);
      const page = Math.max(1, Number(p.current ?? 1));
      const rows = acct(ctx).transfers.filter((t) => t.type === p.type && t.timestamp >= start && t.timestamp <= end).reverse();
      // Binance leaves `rows` out when there are none.
      return rows.length ? { total: rows.length, rows: rows.slice((page - 1) * size, page * size) } : { total: 0 };
    },
  },
  'GET /sapi/v1/margin/account': {
    weight: 10,
    auth: 'reading',
    handle: (ctx) => ({
      borrowEnabled: true, marginLevel: '999', totalAssetOfBtc: '0', totalLiabilityOfBtc: '0', totalNetAssetOfBtc: '0', tradeEnabled: true, transferEnabled: true,
      userAssets: [...acct(ctx).marginNet].map(([asset, net]) => ({ asset, borrowed: net.lt(0) ? net.abs().toFixed(8) : '0', free: net.gt(0) ? net.toFixed(8) : '0', interest: '0', locked: '0', netAsset: net.toFixed(8) })),
    }),
  },
};

export const FUTURES: Record<string, Route> = {
  'GET /fapi/v1/ping': { weight: 1, auth: null, handle: () => ({}) },
  'GET /fapi/v1/time': { weight: 1, auth: null, handle: (ctx) => ({ serverTime: ctx.now }) },
  'GET /fapi/v1/exchangeInfo': {
    weight: 1,
    auth: null,
    handle: (ctx) => ({
      timezone: 'UTC', serverTime: ctx.now,
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
        { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
      ],
      exchangeFilters: [],
      assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
      symbols: [...CONTRACTS.map(symbolInfo), ...DELIVERY.map(deliveryInfo)],
    }),
  },
  'GET /fapi/v1/premiumIndex': {
    weight: (p) => (p.symbol ? 1 : 10),
    auth: null,
    handle: (ctx) => {
      if (!ctx.params.symbol) return [...CONTRACTS.map((k) => premium(ctx, k.symbol)), ...DELIVERY.map((d) => deliveryPremium(ctx, d))];
      const delivery = DELIVERY.find((d) => d.symbol === ctx.params.symbol);
      if (delivery) return deliveryPremium(ctx, delivery);
      ctx.engine.contractOf(ctx.params.symbol);
      return premium(ctx, ctx.params.symbol);
    },
  },
  'GET /fapi/v1/fundingRate': {
    weight: 1,
    auth: null,
    handle: (ctx) => {
      const symbols = ctx.params.symbol ? [ctx.engine.contractOf(ctx.params.symbol)] : CONTRACTS;
      return symbols.flatMap((k) => {
        const m = ctx.engine.market.get(k.symbol)!;
        return [1, 2, 3].map((i) => ({ symbol: k.symbol, fundingRate: m.fundingRate.toFixed(8), fundingTime: m.nextFundingTime - i * k.fundingIntervalHours * HOUR, markPrice: m.mark.toFixed(8) })).reverse();
      });
    },
  },
  'GET /fapi/v1/fundingInfo': {
    weight: 0,
    auth: null,
    handle: () => CONTRACTS.filter((k) => k.fundingIntervalHours !== 8).map((k) => ({ symbol: k.symbol, adjustedFundingRateCap: '0.02000000', adjustedFundingRateFloor: '-0.02000000', fundingIntervalHours: k.fundingIntervalHours, disclaimer: false })),
  },
  'GET /fapi/v1/leverageBracket': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      const rows = CONTRACTS.map((k) => ({ symbol: k.symbol, notionalCoef: 1.0, brackets: k.brackets }));
      if (!ctx.params.symbol) return rows;
      ctx.engine.contractOf(ctx.params.symbol);
      return rows.find((r) => r.symbol === ctx.params.symbol); // one object, not a list, when a symbol is named
    },
  },
  'GET /fapi/v1/commissionRate': {
    weight: 20,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol');
      ctx.engine.contractOf(ctx.params.symbol);
      return { symbol: ctx.params.symbol, makerCommissionRate: acct(ctx).makerRate.toFixed(4), takerCommissionRate: acct(ctx).takerRate.toFixed(4), rpiCommissionRate: '0' };
    },
  },
  'GET /fapi/v1/positionSide/dual': { weight: 30, auth: 'futures', handle: (ctx) => ({ dualSidePosition: acct(ctx).dualSidePosition }) },
  'POST /fapi/v1/positionSide/dual': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'dualSidePosition');
      const a = acct(ctx);
      const want = ctx.params.dualSidePosition === 'true';
      if (want === a.dualSidePosition) throw E.positionModeSame();
      if ([...a.positions.values()].some((p) => !p.amt.eq(0))) throw E.positionModeBlocked();
      a.dualSidePosition = want;
      return { code: 200, msg: 'success' };
    },
  },
  'GET /fapi/v1/accountConfig': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => ({ feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, dualSidePosition: acct(ctx).dualSidePosition, updateTime: 0, multiAssetsMargin: false, tradeGroupId: -1 }),
  },
  'GET /fapi/v1/symbolConfig': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => {
      const a = acct(ctx);
      const symbols = ctx.params.symbol ? [ctx.engine.contractOf(ctx.params.symbol)] : CONTRACTS;
      return symbols.map((k) => {
        const lev = ctx.engine.leverageOf(a, k.symbol);
        const cap = k.brackets.filter((b) => b.initialLeverage >= lev).at(-1)?.notionalCap ?? 0;
        return { symbol: k.symbol, marginType: a.marginType.get(k.symbol) ?? 'CROSSED', isAutoAddMargin: false, leverage: lev, maxNotionalValue: String(cap) };
      });
    },
  },
  'GET /fapi/v1/multiAssetsMargin': { weight: 30, auth: 'futures', handle: () => ({ multiAssetsMargin: false }) },
  'POST /fapi/v1/marginType': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'marginType');
      const a = acct(ctx);
      const k = ctx.engine.contractOf(ctx.params.symbol);
      const want = ctx.params.marginType!.toUpperCase();
      if (want !== 'ISOLATED' && want !== 'CROSSED') throw E.mandatory('marginType');
      if ((a.marginType.get(k.symbol) ?? 'CROSSED') === want) throw E.marginTypeSame();
      if ([...a.positions.values()].some((p) => p.symbol === k.symbol && !p.amt.eq(0))) throw E.marginTypePosition();
      a.marginType.set(k.symbol, want);
      return { code: 200, msg: 'success' };
    },
  },
  'POST /fapi/v1/leverage': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'leverage');
      const a = acct(ctx);
      const k = ctx.engine.contractOf(ctx.params.symbol);
      const lev = Number(ctx.params.leverage);
      const max = k.brackets[0]!.initialLeverage;
      if (!Number.isInteger(lev) || lev < 1 || lev > max) throw E.leverage(ctx.params.leverage!);
      // A position larger than the bracket allowed at this leverage is refused too.
      const open = [...a.positions.values()].filter((p) => p.symbol === k.symbol).reduce((s, p) => s.plus(p.amt.abs().times(ctx.engine.mark(k.symbol))), new Big(0));
      const cap = k.brackets.filter((b) => b.initialLeverage >= lev).at(-1)?.notionalCap ?? 0;
      if (open.gt(cap)) throw E.leverage(ctx.params.leverage!);
      a.leverage.set(k.symbol, lev);
      return { leverage: lev, maxNotionalValue: String(cap), symbol: k.symbol };
    },
  },
  'POST /fapi/v1/order': {
    weight: 0,
    auth: 'futures',
    handle: (ctx) => {
      // The reply as Binance documents it since 2026-07-15: no avgPrice and no cumQuote (the fill's
      // price comes from GET /fapi/v1/order or ORDER_TRADE_UPDATE). ACK (the default) answers before
      // the fill is known; RESULT with the filled state.
      const { avgPrice: _avgPrice, cumQuote: _cumQuote, time: _time, ...placed } = ctx.engine.placeOrder(acct(ctx), ctx.params);
      const reply = { ...placed, cumQty: placed.executedQty };
      return ctx.params.newOrderRespType === 'RESULT' ? reply : { ...reply, status: 'NEW', executedQty: '0', cumQty: '0' };
    },
  },
  'GET /fapi/v1/order': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol');
      if (!ctx.params.orderId && !ctx.params.origClientOrderId) throw E.mandatory('orderId');
      const o = acct(ctx).orders.filter((x) => x.symbol === ctx.params.symbol).reverse().find((x) => (ctx.params.orderId ? String(x.orderId) === ctx.params.orderId : x.clientOrderId === ctx.params.origClientOrderId));
      if (!o) throw E.noOrder();
      return o;
    },
  },
  'GET /fapi/v2/balance': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => {
      const a = acct(ctx);
      const t = ctx.engine.totals(a);
      return [{ accountAlias: 'SgsR', asset: 'USDT', balance: a.wallet.toFixed(8), crossWalletBalance: a.wallet.toFixed(8), crossUnPnl: t.upnl.toFixed(8), availableBalance: t.available.toFixed(8), maxWithdrawAmount: t.available.toFixed(8), marginAvailable: true, updateTime: ctx.now }];
    },
  },
  'GET /fapi/v3/account': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => {
      const a = acct(ctx);
      const t = ctx.engine.totals(a);
      const f = (x: Big) => x.toFixed(8);
      return {
        totalInitialMargin: f(t.initial), totalMaintMargin: f(t.maint), totalWalletBalance: f(a.wallet), totalUnrealizedProfit: f(t.upnl), totalMarginBalance: f(t.marginBalance),
        totalPositionInitialMargin: f(t.initial), totalOpenOrderInitialMargin: '0.00000000', totalCrossWalletBalance: f(a.wallet), totalCrossUnPnl: f(t.upnl), availableBalance: f(t.available), maxWithdrawAmount: f(t.available),
        assets: [{ asset: 'USDT', walletBalance: f(a.wallet), unrealizedProfit: f(t.upnl), marginBalance: f(t.marginBalance), maintMargin: f(t.maint), initialMargin: f(t.initial), positionInitialMargin: f(t.initial), openOrderInitialMargin: '0', crossWalletBalance: f(a.wallet), crossUnPnl: f(t.upnl), availableBalance: f(t.available), maxWithdrawAmount: f(t.available), updateTime: ctx.now }],
        positions: positionRows(ctx, a).map((p) => ({ symbol: p.symbol, positionSide: p.positionSide, positionAmt: p.positionAmt, unrealizedProfit: p.unRealizedProfit, isolatedMargin: '0', notional: p.notional, isolatedWallet: '0', initialMargin: p.initialMargin, maintMargin: p.maintMargin, updateTime: p.updateTime })),
      };
    },
  },
  'GET /fapi/v3/positionRisk': { weight: 5, auth: 'futures', handle: (ctx) => positionRows(ctx, acct(ctx)) },
  'GET /fapi/v1/income': {
    weight: 30,
    auth: 'futures',
    handle: (ctx) => {
      const p = ctx.params;
      const end = p.endTime ? Number(p.endTime) : ctx.now;
      const start = p.startTime ? Number(p.startTime) : end - 7 * 24 * HOUR;
      const limit = Math.min(Number(p.limit ?? 100), 1000);
      return acct(ctx)
        .income.filter((r) => (!p.incomeType || r.incomeType === p.incomeType) && (!p.symbol || r.symbol === p.symbol) && r.time >= start && r.time <= end)
        .slice(0, limit);
    },
  },
  'POST /fapi/v1/positionMargin': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'amount', 'type');
      const a = acct(ctx);
      if ((a.marginType.get(ctx.params.symbol!) ?? 'CROSSED') !== 'ISOLATED') throw E.notIsolated();
      return { amount: Number(ctx.params.amount), code: 200, msg: 'Successfully modify position margin.', type: Number(ctx.params.type) };
    },
  },
  'POST /fapi/v1/listenKey': {
    weight: 1,
    auth: 'key',
    handle: (ctx) => {
      const existing = [...ctx.listenKeys].find(([, v]) => v.apiKey === ctx.account!.apiKey && v.expires > ctx.now);
      const key = existing?.[0] ?? `sim${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.slice(0, 60);
      ctx.listenKeys.set(key, { apiKey: ctx.account!.apiKey, expires: ctx.now + 60 * 60_000 });
      return { listenKey: key };
    },
  },
  'PUT /fapi/v1/listenKey': {
    weight: 1,
    auth: 'key',
    handle: (ctx) => {
      const entry = [...ctx.listenKeys].find(([, v]) => v.apiKey === ctx.account!.apiKey && v.expires > ctx.now);
      if (!entry) throw E.noListenKey();
      entry[1].expires = ctx.now + 60 * 60_000;
      return { listenKey: entry[0] };
    },
  },
  'DELETE /fapi/v1/listenKey': {
    weight: 1,
    auth: 'key',
    handle: (ctx) => {
      for (const [k, v] of ctx.listenKeys) if (v.apiKey === ctx.account!.apiKey) ctx.listenKeys.delete(k);
      return {};
    },
  },
};
