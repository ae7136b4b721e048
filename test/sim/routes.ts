/**
 * Binance's REST endpoints over the engine, with each endpoint's request weight and whether it is
 * signed (and what permission it needs). Field names and types as Binance sends them.
 */
import Big from 'big.js';
import type { Account } from './account';
import type { Permission } from './auth';
import { ALGO_ROUTES, CONDITIONAL_TYPES } from './algo';
import { BATCH_ROUTES } from './batch';
import type { Faults } from './faults';
import { SPOT_PRICE, type Engine, type Family } from './engine';
import { E } from './errors';
import { AUTO_EXCHANGE, COLLATERAL, CONTRACTS, DELIVERY, SPOT_QUOTES, USDT_CONTRACTS } from './market';

export interface Ctx {
  engine: Engine;
  params: Record<string, string>;
  account: Account | null;
  now: number;
  /** Live listenKeys; `family` says whether the USDⓈ-M or the COIN-M stream uses it. */
  listenKeys: Map<string, { apiKey: string; expires: number; family: Family }>;
  /** The armed faults: a batch consults them for each of its orders (as POST /fapi/v1/order). */
  faults?: Faults;
}

export interface Route {
  weight: number | ((p: Record<string, string>) => number);
  /** Signed endpoints name the permission they need; 'key' = API key header only (listenKey). */
  auth: Permission | 'key' | null;
  handle: (ctx: Ctx) => unknown;
}

export const acct = (ctx: Ctx): Account => ctx.account!;
const HOUR = 3_600_000;
const f8 = (x: Big): string => x.toFixed(8);

function symbolInfo(k: (typeof CONTRACTS)[number]) {
  return {
    symbol: k.symbol, pair: k.symbol, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000, status: 'TRADING',
    maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: k.baseAsset, quoteAsset: k.quoteAsset, marginAsset: k.quoteAsset,
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
      const lp = ctx.engine.liquidationPrice(a, p);
      return {
        symbol: p.symbol, positionSide: p.positionSide, positionAmt: p.amt.toFixed(), entryPrice: p.entry.toFixed(), breakEvenPrice: p.entry.toFixed(), markPrice: mark.toFixed(8),
        unRealizedProfit: m.upnl.toFixed(8), liquidationPrice: lp.gt(0) ? lp.toFixed() : '0', isolatedMargin: '0', notional: p.amt.times(mark).toFixed(8), marginAsset: ctx.engine.contractOf(p.symbol).quoteAsset,
        isolatedWallet: '0', initialMargin: m.initial.toFixed(8), maintMargin: m.maint.toFixed(8), positionInitialMargin: m.initial.toFixed(8), openOrderInitialMargin: '0', adl: 1, bidNotional: '0', askNotional: '0', updateTime: p.updateTime,
      };
    });
}

/**
 * The USDⓈ-M wallet's assets as /fapi/v2/balance and /fapi/v3/account list them: USDT (BNFCR in credits
 * mode) first, then every other asset held. Per asset, in its own units: the positions that settle in it,
 * and what can be used or moved. In Multi-Assets mode the available balance is the account's USD
 * available balance in the asset's units (as the documented example shows for each stablecoin).
 */
function assetRows(e: Engine, a: Account) {
  const first = a.credits ? 'BNFCR' : 'USDT';
  const assets = [first, ...[...a.futures.keys()].filter((x) => x !== first && !e.umBalance(a, x).eq(0))];
  const usd = e.pooled(a) ? e.totals(a, 'USD') : null;
  return assets.map((asset) => {
    const wallet = e.umBalance(a, asset);
    const own = [...a.positions.values()].filter((p) => !p.amt.eq(0) && e.settleAsset(a, e.contractOf(p.symbol)) === asset).map((p) => e.positionMetrics(a, p));
    const add = (f: (m: (typeof own)[number]) => Big) => own.reduce((s, m) => s.plus(f(m)), new Big(0));
    const upnl = add((m) => m.upnl);
    const initial = add((m) => m.initial);
    const price = e.usdPrice(asset);
    const available = usd ? (price ? usd.available.div(price) : new Big(0)) : asset === 'USDT' || asset === 'USDC' ? e.totals(a, asset).available : wallet;
    return {
      asset, walletBalance: f8(wallet), unrealizedProfit: f8(upnl), marginBalance: f8(wallet.plus(upnl)), maintMargin: f8(add((m) => m.maint)), initialMargin: f8(initial), positionInitialMargin: f8(initial),
      openOrderInitialMargin: '0.00000000', crossWalletBalance: f8(wallet), crossUnPnl: f8(upnl), availableBalance: f8(available), maxWithdrawAmount: f8(usd ? e.withdrawable(a, asset) : available),
      marginAvailable: usd ? Boolean(COLLATERAL[asset]) : asset === 'USDT' || asset === 'USDC',
    };
  });
}

export const need = (ctx: Ctx, ...names: string[]): void => {
  for (const n of names) if (!ctx.params[n]) throw E.mandatory(n);
};

/** A placed order's reply: ACK (the default) answers before the fill is known, RESULT with the filled state. */
export const orderReply = <T extends { executedQty: string }>(ctx: Ctx, placed: T) => {
  const reply = { ...placed, cumQty: placed.executedQty };
  return ctx.params.newOrderRespType === 'RESULT' ? reply : { ...reply, status: 'NEW', executedQty: '0', cumQty: '0' };
};

/** GET …/order: the latest order of `symbol` by orderId or origClientOrderId (-2013 when none). */
export const findOrder = <T extends { symbol: string; orderId: number; clientOrderId: string }>(ctx: Ctx, orders: T[]): T => {
  need(ctx, 'symbol');
  const p = ctx.params;
  if (!p.orderId && !p.origClientOrderId) throw E.mandatory('orderId');
  const o = orders.filter((x) => x.symbol === p.symbol).reverse().find((x) => (p.orderId ? String(x.orderId) === p.orderId : x.clientOrderId === p.origClientOrderId));
  if (!o) throw E.noOrder();
  return o;
};

/** GET …/income: rows by incomeType and symbol, between startTime and endTime (default the last 7 days), at most `limit`. */
export const incomeRows = <T extends { incomeType: string; symbol: string; time: number }>(ctx: Ctx, rows: T[]): T[] => {
  const p = ctx.params;
  const end = p.endTime ? Number(p.endTime) : ctx.now;
  const start = p.startTime ? Number(p.startTime) : end - 7 * 24 * HOUR;
  const limit = Math.min(Number(p.limit ?? 100), 1000);
  return rows.filter((r) => (!p.incomeType || r.incomeType === p.incomeType) && (!p.symbol || r.symbol === p.symbol) && r.time >= start && r.time <= end).slice(0, limit);
};

/** POST …/marginType on `types` (-4046 unchanged, -4048 with a position, `also` for the family's own refusals). */
export const changeMarginType = (ctx: Ctx, symbol: string, types: Map<string, 'CROSSED' | 'ISOLATED'>, hasPosition: boolean, also: (want: string) => void = () => {}) => {
  const want = ctx.params.marginType!.toUpperCase();
  if (want !== 'ISOLATED' && want !== 'CROSSED') throw E.mandatory('marginType');
  if ((types.get(symbol) ?? 'CROSSED') === want) throw E.marginTypeSame();
  also(want);
  if (hasPosition) throw E.marginTypePosition();
  types.set(symbol, want);
  return { code: 200, msg: 'success' };
};

/** POST …/leverage: an integer from 1 to the first bracket's, not below what the open size needs (-4028). */
export const checkLeverage = (ctx: Ctx, max: number, open: Big, cap: (lev: number) => number): number => {
  const lev = Number(ctx.params.leverage);
  if (!Number.isInteger(lev) || lev < 1 || lev > max || open.gt(cap(lev))) throw E.leverage(ctx.params.leverage!);
  return lev;
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
      symbols: USDT_CONTRACTS.flatMap((k) => SPOT_QUOTES.map((q) => ({ symbol: `${k.coin}${q}`, status: 'TRADING', baseAsset: k.coin, quoteAsset: q }))),
    }),
  },
  'GET /api/v3/ticker/price': {
    weight: (p) => (p.symbol ? 2 : 4),
    auth: null,
    handle: (ctx) => {
      const rows = USDT_CONTRACTS.map((k) => ({ symbol: `${k.coin}USDT`, price: SPOT_PRICE(ctx.engine, k.coin)!.toFixed(8) }));
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
  ...earnRoutes(),
  'POST /sapi/v1/asset/get-funding-asset': {
    weight: 1,
    auth: 'reading',
    handle: (ctx) => {
      // Only assets with a balance; btcValuation when needBtcValuation=true (else "0").
      const btc = SPOT_PRICE(ctx.engine, 'BTC')!;
      return [...acct(ctx).funding]
        .filter(([asset, v]) => v.gt(0) && (!ctx.params.asset || asset === ctx.params.asset))
        .map(([asset, v]) => {
          const usd = ctx.engine.usdPrice(asset);
          const value = ctx.params.needBtcValuation === 'true' && usd ? v.times(usd).div(btc).toFixed(8) : '0';
          return { asset, free: v.toFixed(8), locked: '0', freeze: '0', withdrawing: '0', btcValuation: value };
        });
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
      // Multi-Assets mode margin assets with their Auto-Exchange thresholds (market.ts AUTO_EXCHANGE).
      assets: Object.entries(AUTO_EXCHANGE).map(([asset, autoAssetExchange]) => ({ asset, marginAvailable: true, autoAssetExchange })),
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
      // One setting for USDⓈ-M and COIN-M (Binance: since the CM migration they flip together).
      if ([...a.positions.values(), ...a.coinm.positions.values()].some((p) => !p.amt.eq(0))) throw E.positionModeBlocked();
      a.dualSidePosition = want;
      return { code: 200, msg: 'success' };
    },
  },
  'GET /fapi/v1/accountConfig': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => ({ feeTier: 0, canTrade: true, canDeposit: true, canWithdraw: true, dualSidePosition: acct(ctx).dualSidePosition, updateTime: 0, multiAssetsMargin: ctx.engine.pooled(acct(ctx)), tradeGroupId: -1 }),
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
  'GET /fapi/v1/multiAssetsMargin': { weight: 30, auth: 'futures', handle: (ctx) => ({ multiAssetsMargin: ctx.engine.pooled(acct(ctx)) }) },
  'POST /fapi/v1/multiAssetsMargin': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'multiAssetsMargin');
      const e = ctx.engine;
      const a = acct(ctx);
      const want = ctx.params.multiAssetsMargin === 'true';
      if (want === e.pooled(a)) throw E.multiAssetsSame();
      if (want && [...a.marginType.values()].includes('ISOLATED')) throw E.multiAssetsIsolated();
      if (a.orders.some((o) => o.status === 'NEW')) throw E.multiAssetsOpenOrders();
      if ([...a.futures].some(([asset, v]) => COLLATERAL[asset] && v.lt(0))) throw E.multiAssetsNegative();
      // Credits mode has no USDT to hold Single-Asset margin (the code is our choice; Binance publishes none).
      if (!want && a.credits) throw E.multiAssetsMargin();
      a.multiAssetsMargin = want;
      if (!want && (['USDT', 'USDC'] as const).some((pool) => e.totals(a, pool).marginBalance.lt(e.totals(a, pool).initial))) {
        a.multiAssetsMargin = true;
        throw E.multiAssetsMargin();
      }
      return { code: 200, msg: 'success' };
    },
  },
  'POST /fapi/v1/marginType': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'marginType');
      const a = acct(ctx);
      const k = ctx.engine.contractOf(ctx.params.symbol);
      const open = [...a.positions.values()].some((p) => p.symbol === k.symbol && !p.amt.eq(0));
      return changeMarginType(ctx, k.symbol, a.marginType, open, (want) => {
        if (want === 'ISOLATED' && ctx.engine.pooled(a)) throw E.isolatedInMultiAssets();
      });
    },
  },
  'POST /fapi/v1/leverage': {
    weight: 1,
    auth: 'futures',
    handle: (ctx) => {
      need(ctx, 'symbol', 'leverage');
      const a = acct(ctx);
      const k = ctx.engine.contractOf(ctx.params.symbol);
      // A position larger than the bracket allowed at this leverage is refused too.
      const open = [...a.positions.values()].filter((p) => p.symbol === k.symbol).reduce((s, p) => s.plus(p.amt.abs().times(ctx.engine.mark(k.symbol))), new Big(0));
      const cap = (l: number) => k.brackets.filter((b) => b.initialLeverage >= l).at(-1)?.notionalCap ?? 0;
      const lev = checkLeverage(ctx, k.brackets[0]!.initialLeverage, open, cap);
      a.leverage.set(k.symbol, lev);
      return { leverage: lev, maxNotionalValue: String(cap(lev)), symbol: k.symbol };
    },
  },
  'POST /fapi/v1/order': {
    weight: 0,
    auth: 'futures',
    handle: (ctx) => {
      // Conditional types moved to the Algo Service on 2025-12-09 (POST /fapi/v1/algoOrder): -4120 here.
      if (CONDITIONAL_TYPES.includes(ctx.params.type ?? '')) throw E.useAlgoOrder();
      // The reply as Binance documents it since 2026-07-15: no avgPrice and no cumQuote (the fill's
      // price comes from GET /fapi/v1/order or ORDER_TRADE_UPDATE).
      const { avgPrice: _avgPrice, cumQuote: _cumQuote, time: _time, ...placed } = ctx.engine.placeOrder(acct(ctx), ctx.params);
      return orderReply(ctx, placed);
    },
  },
  'GET /fapi/v1/order': { weight: 1, auth: 'futures', handle: (ctx) => findOrder(ctx, acct(ctx).orders) },
  'GET /fapi/v2/balance': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) =>
      assetRows(ctx.engine, acct(ctx)).map((r) => ({
        accountAlias: 'SgsR', asset: r.asset, balance: r.walletBalance, crossWalletBalance: r.crossWalletBalance, crossUnPnl: r.crossUnPnl, availableBalance: r.availableBalance,
        maxWithdrawAmount: r.maxWithdrawAmount, marginAvailable: r.marginAvailable, updateTime: ctx.now,
      })),
  },
  'GET /fapi/v3/account': {
    weight: 5,
    auth: 'futures',
    handle: (ctx) => {
      // Single-Asset mode: the totals count USDT only; Multi-Assets mode: USD value of every margin
      // asset with its haircut (Binance's doc comments: "only for USDT asset" / "in USD").
      const a = acct(ctx);
      const t = ctx.engine.totals(a);
      return {
        totalInitialMargin: f8(t.initial), totalMaintMargin: f8(t.maint), totalWalletBalance: f8(t.wallet), totalUnrealizedProfit: f8(t.upnl), totalMarginBalance: f8(t.marginBalance),
        totalPositionInitialMargin: f8(t.initial), totalOpenOrderInitialMargin: '0.00000000', totalCrossWalletBalance: f8(t.wallet), totalCrossUnPnl: f8(t.upnl), availableBalance: f8(t.available), maxWithdrawAmount: f8(t.available),
        assets: assetRows(ctx.engine, a).map(({ marginAvailable: _m, ...r }) => ({ ...r, updateTime: ctx.now })),
        positions: positionRows(ctx, a).map((p) => ({ symbol: p.symbol, positionSide: p.positionSide, positionAmt: p.positionAmt, unrealizedProfit: p.unRealizedProfit, isolatedMargin: '0', notional: p.notional, isolatedWallet: '0', initialMargin: p.initialMargin, maintMargin: p.maintMargin, updateTime: p.updateTime })),
      };
    },
  },
  'GET /fapi/v3/positionRisk': { weight: 5, auth: 'futures', handle: (ctx) => positionRows(ctx, acct(ctx)) },
  'GET /fapi/v1/income': { weight: 30, auth: 'futures', handle: (ctx) => incomeRows(ctx, acct(ctx).income) },
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
  ...ALGO_ROUTES,
  ...BATCH_ROUTES,
  ...listenKeyRoutes('/fapi/v1/listenKey', 'um'),
};

/**
 * POST / PUT / DELETE of a user-data listenKey (USDⓈ-M /fapi/v1/listenKey, COIN-M /dapi/v1/listenKey):
 * POST returns the live key (extended 60 min), PUT extends it (-1125 when there is none), DELETE ends it.
 */
export function listenKeyRoutes(path: string, family: Family): Record<string, Route> {
  const live = (ctx: Ctx) => [...ctx.listenKeys].find(([, v]) => v.apiKey === ctx.account!.apiKey && v.family === family && v.expires > ctx.now);
  return {
    [`POST ${path}`]: {
      weight: 1,
      auth: 'key',
      handle: (ctx) => {
        const key = live(ctx)?.[0] ?? `sim${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`.slice(0, 60);
        ctx.listenKeys.set(key, { apiKey: ctx.account!.apiKey, expires: ctx.now + 60 * 60_000, family });
        return { listenKey: key };
      },
    },
    [`PUT ${path}`]: {
      weight: 1,
      auth: 'key',
      handle: (ctx) => {
        const entry = live(ctx);
        if (!entry) throw E.noListenKey();
        entry[1].expires = ctx.now + 60 * 60_000;
        return { listenKey: entry[0] };
      },
    },
    [`DELETE ${path}`]: {
      weight: 1,
      auth: 'key',
      handle: (ctx) => {
        for (const [k, v] of ctx.listenKeys) if (v.apiKey === ctx.account!.apiKey && v.family === family) ctx.listenKeys.delete(k);
        return {};
      },
    },
  };
}

/**
 * Simple Earn positions (weight 150 each): flexible and locked rows per asset with a balance, filtered
 * by `asset`, paged by `current` (from 1) and `size` (default 10, at most 100), as `{rows, total}`.
 * Rates and rewards are fixed illustrative values; amounts are the account's.
 */
function earnRoutes(): Record<string, Route> {
  const page = (ctx: Ctx, kind: 'flexible' | 'locked') => {
    const p = ctx.params;
    const size = Math.min(Number(p.size ?? 10), 100);
    const current = Math.max(1, Number(p.current ?? 1));
    const held = [...acct(ctx).earn[kind]].filter(([asset, v]) => v.gt(0) && (!p.asset || asset === p.asset));
    return { held: held.slice((current - 1) * size, current * size), total: held.length };
  };
  const t0 = 1_700_000_000_000;
  const DAY = 24 * HOUR;
  return {
    'GET /sapi/v1/simple-earn/flexible/position': {
      weight: 150,
      auth: 'reading',
      handle: (ctx) => {
        const { held, total } = page(ctx, 'flexible');
        const rows = held.map(([asset, v]) => ({
          totalAmount: f8(v), tierAnnualPercentageRate: { [`0-5${asset}`]: 0.05, [`5-10${asset}`]: 0.03 }, latestAnnualPercentageRate: '0.02599895', yesterdayAirdropPercentageRate: '0.00000000',
          asset, airDropAsset: asset, canRedeem: true, collateralAmount: '0.00000000', productId: `${asset}001`, yesterdayRealTimeRewards: '0.00000000', cumulativeBonusRewards: '0.00000000',
          cumulativeRealTimeRewards: '0.00000000', cumulativeTotalRewards: '0.00000000', autoSubscribe: true,
        }));
        return { rows, total };
      },
    },
    'GET /sapi/v1/simple-earn/locked/position': {
      weight: 150,
      auth: 'reading',
      handle: (ctx) => {
        const { held, total } = page(ctx, 'locked');
        const rows = held.map(([asset, v], i) => ({
          positionId: 123_123 + i, parentPositionId: 123_122 + i, projectId: `${asset}*90`, asset, amount: f8(v), purchaseTime: t0, duration: '90', accrualDays: '4', rewardAsset: asset, APY: '0.0500',
          rewardAmt: '0.00000000', extraRewardAsset: asset, extraRewardAPR: '0.0000', estExtraRewardAmt: '0.00000000', boostRewardAsset: asset, boostApr: '0.0000', totalBoostRewardAmt: '0.00000000',
          nextPay: '0.00000000', nextPayDate: t0 + DAY, payPeriod: '1', redeemAmountEarly: f8(v), rewardsEndDate: t0 + 90 * DAY, deliverDate: t0 + 91 * DAY, redeemPeriod: '1', redeemingAmt: '0',
          redeemTo: 'SPOT', partialAmtDeliverDate: t0 + 91 * DAY, canRedeemEarly: true, canFastRedemption: false, autoSubscribe: true, type: 'NORMAL', status: 'HOLDING', canReStake: true,
        }));
        return { rows, total };
      },
    },
  };
}
