/**
 * Binance as it is, kept honest both ways. `documented/` holds reply bodies and stream events as
 * Binance's documentation or official connectors give them, each with its source. Every endpoint
 * and event the product reads has one; the product's own schemas must read each; and the
 * simulator's reply to the same request must have the same fields with the same JSON types, so
 * the simulator cannot drift from Binance unnoticed (the way the order reply once kept avgPrice).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as S from '../../src/binance/schemas';
import type { AccountSpec } from '../sim/account';
import { hmacHex } from '../sim/auth';
import { call } from '../sim/helpers';
import { startSimulator, type Sim } from '../sim/server';
import { demoAccount } from '../sim/seed';
import { compareShapes } from './shape';

interface Documented {
  id: string;
  source: string;
  note: string;
  request: { method?: string; path?: string; params?: Record<string, unknown>; stream?: string };
  body: unknown;
}

const ROOT = resolve(import.meta.dirname, 'documented');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
const DOCUMENTED: Documented[] = files(ROOT)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ id: relative(ROOT, f).replace(/\.json$/, ''), ...JSON.parse(readFileSync(f, 'utf8')) }));
const doc = (id: string): Documented => DOCUMENTED.find((d) => d.id === id) ?? (() => { throw new Error(`no documented body ${id}`); })();

interface Case {
  /** How the product reads it: its own schema (lists row by row). */
  read: v.GenericSchema;
  /** The simulator's reply to the same request, or the event it pushes; null with the reason it has none. */
  sim: ((s: Sim) => Promise<unknown>) | { none: string };
  /** Paths where the simulator may differ from the documented example, each with the reason. */
  allowed?: Record<string, string>;
}

const ACCOUNT: AccountSpec = {
  ...demoAccount(),
  spot: { BTC: '1.5', USDT: '100000' },
  futuresUSDT: '50000',
  positions: [{ symbol: 'ADAUSDT', positionAmt: '30', entryPrice: '0.85' }],
  earn: { flexible: { BTC: '0.5' }, locked: { ETH: '2' } },
  fundingWallet: { USDT: '25' },
  coinm: { balances: { BTC: '1', ETH: '10' }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-50', entryPrice: '95000' }] },
};

const get = (path: string, params: Record<string, string | number> = {}, sign = true) => async (s: Sim) => (await call(s, 'GET', path, params, { sign })).body;
const post = (path: string, params: Record<string, string | number>) => async (s: Sim) => (await call(s, 'POST', path, params)).body;
const TRAILING_ONLY = 'only trailing-stop orders carry it';
const ORDER_TYPES = {
  'symbols[].OrderType': 'the doc page writes "OrderType"; the connector model and live API say "orderTypes"',
  'symbols[].orderTypes': 'see OrderType',
};
const seed = (s: Sim, account: AccountSpec) => fetch(`${s.url}/__sim/seed`, { method: 'POST', body: JSON.stringify({ accounts: [account], marks: { BTCUSDT: '97000', BTCUSD_PERP: '97000' } }) });
/** The reply to a request made with `account` seeded; the shared ACCOUNT comes back afterwards. */
const seeded = (account: Partial<AccountSpec>, ask: (s: Sim) => Promise<unknown>) => async (s: Sim) => {
  await seed(s, { ...ACCOUNT, ...account });
  try {
    return await ask(s);
  } finally {
    await seed(s, ACCOUNT);
  }
};
/** A STOP_MARKET Close-All BUY on BTCUSDT (a short's stop) with its trigger above the seeded 97,000 mark. */
const algoStop = (clientAlgoId: string) => ({ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'BUY', type: 'STOP_MARKET', triggerPrice: '120000', workingType: 'MARK_PRICE', closePosition: 'true', priceProtect: 'true', clientAlgoId });
const dapiOrder = (s: Sim, p: Record<string, string | number> = {}) => call(s, 'POST', '/dapi/v1/order', { symbol: 'BTCUSD_PERP', side: 'SELL', type: 'MARKET', quantity: '10', ...p });

/** Every reply and event the product reads, with how it reads it and how the simulator answers it. */
const CASES: Record<string, Case> = {
  'spot/time': { read: v.object({ serverTime: v.number() }), sim: get('/api/v3/time', {}, false) },
  'spot/account': {
    read: S.SpotAccount,
    sim: get('/api/v3/account', { omitZeroBalances: 'true' }),
    allowed: { commissionRates: 'trading fees: never read here, not simulated', buyerCommission: 'not simulated', sellerCommission: 'not simulated', preventSor: 'not simulated' },
  },
  'spot/apiRestrictions': { read: S.ApiRestrictions, sim: get('/sapi/v1/account/apiRestrictions') },
  'spot/asset-transfer': { read: S.Transfer, sim: post('/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '1' }) },
  'spot/asset-transfer-history': {
    read: S.TransferHistory,
    sim: async (s) => {
      await call(s, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '2' });
      return (await call(s, 'GET', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE' })).body;
    },
  },
  'spot/error': { read: v.object({ code: v.number(), msg: v.string() }), sim: get('/api/v3/account', {}, false) },
  'usdm/time': { read: v.object({ serverTime: v.number() }), sim: get('/fapi/v1/time', {}, false) },
  'usdm/exchangeInfo': {
    read: S.FuturesExchangeInfo,
    sim: get('/fapi/v1/exchangeInfo', {}, false),
    allowed: {
      ...ORDER_TYPES,
      'symbols[].settlePlan': 'not simulated',
      'symbols[].maxMoveOrderLimit': 'a newer field than the doc copy (connector model has it)',
      'symbols[].marketTakeBound': 'a newer field than the doc copy (connector model has it)',
      'symbols[].liquidationFee': 'a newer field than the doc copy (connector model has it)',
      'symbols[].filters[].limit': 'MAX_NUM_ORDERS / MAX_NUM_ALGO_ORDERS: numbers in both',
      'assets[].autoAssetExchange': 'a string or null, as documented',
    },
  },
  'usdm/premiumIndex': { read: S.listOf(S.PremiumIndex), sim: get('/fapi/v1/premiumIndex', {}, false) },
  'usdm/premiumIndex-symbol': { read: S.PremiumIndex, sim: get('/fapi/v1/premiumIndex', { symbol: 'BTCUSDT' }, false) },
  'usdm/fundingInfo': { read: S.listOf(S.FundingInfo), sim: get('/fapi/v1/fundingInfo', {}, false) },
  'usdm/leverageBracket': { read: S.listOf(S.LeverageBracket), sim: get('/fapi/v1/leverageBracket') },
  'usdm/leverageBracket-symbol': { read: S.LeverageBracket, sim: get('/fapi/v1/leverageBracket', { symbol: 'ETHUSDT' }) },
  'usdm/commissionRate': { read: S.CommissionRate, sim: get('/fapi/v1/commissionRate', { symbol: 'BTCUSDT' }) },
  'usdm/accountConfig': { read: S.AccountConfig, sim: get('/fapi/v1/accountConfig') },
  'usdm/symbolConfig': { read: S.listOf(S.SymbolConfig), sim: get('/fapi/v1/symbolConfig', { symbol: 'BTCUSDT' }) },
  'usdm/account-v3': { read: S.FuturesAccount, sim: get('/fapi/v3/account') },
  'usdm/positionRisk-v3': { read: S.listOf(S.PositionRisk), sim: get('/fapi/v3/positionRisk') },
  'usdm/marginType': { read: S.Ok, sim: post('/fapi/v1/marginType', { symbol: 'ETHUSDT', marginType: 'ISOLATED' }) },
  'usdm/leverage': { read: S.Ok, sim: post('/fapi/v1/leverage', { symbol: 'ETHUSDT', leverage: 3 }) },
  'usdm/order-new': {
    read: S.OrderAck,
    sim: post('/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '90000', timeInForce: 'GTC' }),
  },
  'usdm/batchOrders': {
    read: S.BatchOrders,
    // A LIMIT order that rests and a reduce-only order with nothing to reduce: one acknowledgement, one refusal.
    sim: post('/fapi/v1/batchOrders', {
      batchOrders: JSON.stringify([
        { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '90000', timeInForce: 'GTC' },
        { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01', reduceOnly: 'true' },
      ]),
    }),
    allowed: {
      '[].avgPrice': 'deleted from the order replies on 2026-07-15 (connector v34.0.0); the stored doc example predates it',
      '[].cumQuote': 'deleted with avgPrice',
    },
  },
  'usdm/order-query': {
    read: S.Order,
    sim: async (s) => {
      await call(s, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01', newClientOrderId: 'conform-1' });
      return (await call(s, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'conform-1' })).body;
    },
    allowed: { activatePrice: TRAILING_ONLY, priceRate: TRAILING_ONLY },
  },
  // The Algo Service (conditional orders since 2025-12-09): a Close-All stop above a 97,000 mark, as the product places it.
  'usdm/algoOrder-new': { read: S.AlgoOrder, sim: post('/fapi/v1/algoOrder', algoStop('conform-algo-new')) },
  'usdm/algoOrder-query': {
    read: S.AlgoOrder,
    sim: async (s) => {
      await call(s, 'POST', '/fapi/v1/algoOrder', algoStop('conform-algo-query'));
      return (await call(s, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'conform-algo-query' })).body;
    },
  },
  'usdm/algoOrder-cancel': {
    read: S.Ok,
    sim: async (s) => {
      await call(s, 'POST', '/fapi/v1/algoOrder', algoStop('conform-algo-cancel'));
      return (await call(s, 'DELETE', '/fapi/v1/algoOrder', { clientAlgoId: 'conform-algo-cancel' })).body;
    },
  },
  'usdm/openAlgoOrders': {
    read: S.listOf(S.AlgoOrder),
    sim: async (s) => {
      await call(s, 'POST', '/fapi/v1/algoOrder', algoStop('conform-algo-open'));
      return (await call(s, 'GET', '/fapi/v1/openAlgoOrders')).body;
    },
  },
  // An error's shape is every error's shape: here the code and message themselves must be Binance's.
  'usdm/error-4120': {
    read: v.object({ code: v.number(), msg: v.string() }),
    sim: async (s) => {
      const refused = await call(s, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'STOP_MARKET', stopPrice: '105000', closePosition: 'true' });
      expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: doc('usdm/error-4120').body });
      return refused.body;
    },
  },
  'usdm/income': {
    read: S.listOf(S.Income),
    sim: async (s) => {
      await call(s, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '1' });
      return (await call(s, 'GET', '/fapi/v1/income', { incomeType: 'TRANSFER' })).body;
    },
  },
  'usdm/listenKey-post': { read: S.ListenKey, sim: async (s) => (await call(s, 'POST', '/fapi/v1/listenKey', {}, { sign: false })).body },
  'usdm/listenKey-put': {
    read: S.Ok,
    sim: async (s) => {
      await call(s, 'POST', '/fapi/v1/listenKey', {}, { sign: false });
      return (await call(s, 'PUT', '/fapi/v1/listenKey', {}, { sign: false })).body;
    },
  },
  'usdm/account-v3-multi-assets': { read: S.FuturesAccount, sim: seeded({ multiAssetsMargin: true, futures: { USDC: '1000', BTC: '0.5' } }, get('/fapi/v3/account')) },
  'usdm/multiAssetsMargin': { read: v.unknown(), sim: get('/fapi/v1/multiAssetsMargin') },
  'usdm/multiAssetsMargin-post': { read: v.unknown(), sim: seeded({}, post('/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' })) },
  // A BTC position: the simulator names its APR tiers after the asset, as the documented example's "0-5BTC".
  'earn/flexible-position': { read: S.EarnPositions(S.EarnFlexiblePosition), sim: seeded({ earn: { flexible: { BTC: '75.46' } } }, get('/sapi/v1/simple-earn/flexible/position')) },
  'earn/locked-position': { read: S.EarnPositions(S.EarnLockedPosition), sim: seeded({ earn: { locked: { AXS: '122.09202928' } } }, get('/sapi/v1/simple-earn/locked/position')) },
  'wallet/get-funding-asset': { read: S.listOf(S.FundingAsset), sim: seeded({ fundingWallet: { USDT: '1' } }, post('/sapi/v1/asset/get-funding-asset', { needBtcValuation: 'true' })) },
  'coinm/time': { read: v.object({ serverTime: v.number() }), sim: get('/dapi/v1/time', {}, false) },
  'coinm/exchangeInfo': { read: S.CoinmExchangeInfo, sim: get('/dapi/v1/exchangeInfo', {}, false), allowed: ORDER_TYPES },
  'coinm/premiumIndex': { read: S.listOf(S.CoinmPremiumIndex), sim: get('/dapi/v1/premiumIndex', {}, false) },
  // Read by no product code (the product reads COIN-M funding from premiumIndex and the mark stream,
  // brackets per symbol from v2, the position mode from fapi): the simulator is still kept to the docs.
  'coinm/fundingInfo': { read: v.unknown(), sim: get('/dapi/v1/fundingInfo', {}, false) },
  'coinm/fundingRate': { read: v.unknown(), sim: get('/dapi/v1/fundingRate', { symbol: 'BTCUSD_PERP' }, false) },
  'coinm/leverageBracket': { read: v.unknown(), sim: get('/dapi/v1/leverageBracket') },
  'coinm/leverageBracket-v2': { read: S.listOf(S.CoinmLeverageBracket), sim: get('/dapi/v2/leverageBracket', { symbol: 'BTCUSD_PERP' }) },
  'coinm/account': { read: S.CoinmAccount, sim: get('/dapi/v1/account') },
  'coinm/balance': { read: v.unknown(), sim: get('/dapi/v1/balance') },
  'coinm/positionRisk': { read: S.listOf(S.CoinmPosition), sim: get('/dapi/v1/positionRisk') },
  'coinm/positionSide-dual': { read: v.unknown(), sim: get('/dapi/v1/positionSide/dual') },
  'coinm/positionSide-dual-post': { read: v.unknown(), sim: seeded({ positions: [], coinm: {} }, post('/dapi/v1/positionSide/dual', { dualSidePosition: 'true' })) },
  'coinm/order-new': { read: S.OrderAck, sim: async (s) => (await dapiOrder(s)).body, allowed: { activatePrice: TRAILING_ONLY, priceRate: TRAILING_ONLY } },
  'coinm/order-query': {
    read: S.Order,
    sim: async (s) => {
      await dapiOrder(s, { newClientOrderId: 'conform-cm-1' });
      return (await call(s, 'GET', '/dapi/v1/order', { symbol: 'BTCUSD_PERP', origClientOrderId: 'conform-cm-1' })).body;
    },
    allowed: { activatePrice: TRAILING_ONLY, priceRate: TRAILING_ONLY },
  },
  'coinm/commissionRate': { read: S.CommissionRate, sim: get('/dapi/v1/commissionRate', { symbol: 'BTCUSD_PERP' }) },
  'coinm/income': {
    read: S.listOf(S.CoinmIncome),
    sim: async (s) => {
      await call(s, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_CMFUTURE', asset: 'BTC', amount: '0.1' });
      return (await call(s, 'GET', '/dapi/v1/income', { incomeType: 'TRANSFER' })).body;
    },
  },
  'coinm/leverage': { read: S.Ok, sim: post('/dapi/v1/leverage', { symbol: 'BTCUSD_PERP', leverage: 2 }) },
  'coinm/marginType': { read: S.Ok, sim: seeded({}, post('/dapi/v1/marginType', { symbol: 'ETHUSD_PERP', marginType: 'ISOLATED' })) },
  'coinm/listenKey-post': { read: S.ListenKey, sim: async (s) => (await call(s, 'POST', '/dapi/v1/listenKey', {}, { sign: false })).body },
  'coinm/listenKey-put': {
    read: S.Ok,
    sim: async (s) => {
      await call(s, 'POST', '/dapi/v1/listenKey', {}, { sign: false });
      return (await call(s, 'PUT', '/dapi/v1/listenKey', {}, { sign: false })).body;
    },
  },
  'coinm-ws/markPriceUpdate': { read: S.MarkPriceUpdate, sim: (s) => firstMessage(`${s.wsUrl}/ws/btcusd_perp@markPrice@1s`) },
  'coinm-ws/ORDER_TRADE_UPDATE': { read: S.OrderTradeUpdate, sim: (s) => userEvent(s, 'ORDER_TRADE_UPDATE', () => dapiOrder(s), {}, 'cm'), allowed: { 'o.AP': TRAILING_ONLY, 'o.cr': TRAILING_ONLY } },
  'coinm-ws/ACCOUNT_UPDATE': { read: S.AccountUpdate, sim: (s) => userEvent(s, 'ACCOUNT_UPDATE', () => dapiOrder(s), {}, 'cm') },
  'coinm-ws/MARGIN_CALL': {
    read: S.MarginCall,
    // 100 BTCUSD contracts short from 97,000 on 0.01 BTC: at 106,930 maintenance is 88 % of the margin balance.
    sim: (s) =>
      userEvent(s, 'MARGIN_CALL', () => fetch(`${s.url}/__sim/mark`, { method: 'POST', body: JSON.stringify({ symbol: 'BTCUSD_PERP', markPrice: '106930' }) }), {
        coinm: { balances: { BTC: '0.01' }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-100', entryPrice: '97000' }] },
      }, 'cm'),
  },
  'coinm-ws/listenKeyExpired': { read: S.ListenKeyExpired, sim: (s) => userEvent(s, 'listenKeyExpired', async () => s.expireListenKeys(), {}, 'cm') },
  'spot-ws/userDataStream.subscribe.signature': { read: S.WsApiReply, sim: (s) => wsApiReply(s, 'userDataStream.subscribe.signature', signedSpot(s)) },
  'spot-ws/userDataStream.subscribe.signature-error': {
    read: S.WsApiReply,
    sim: (s) => wsApiReply(s, 'userDataStream.subscribe.signature', { ...signedSpot(s), signature: '0'.repeat(64) }),
    allowed: { rateLimits: "the documented error example is another method's reply with rateLimits; the subscribe examples carry none" },
  },
  'spot-ws/userDataStream.unsubscribe': { read: S.WsApiReply, sim: (s) => wsApiReply(s, 'userDataStream.unsubscribe') },
  'spot-ws/session.subscriptions': { read: S.WsApiReply, sim: (s) => wsApiReply(s, 'session.subscriptions', undefined, true) },
  'spot-ws/outboundAccountPosition': { read: S.SpotUserEvent, sim: (s) => spotEvent(s, 'outboundAccountPosition') },
  'spot-ws/balanceUpdate': { read: S.SpotUserEvent, sim: (s) => spotEvent(s, 'balanceUpdate') },
  'spot-ws/eventStreamTerminated': { read: S.SpotUserEvent, sim: (s) => spotEvent(s, 'eventStreamTerminated') },
  'spot-ws/executionReport': { read: S.SpotUserEvent, sim: { none: 'the simulator has no spot trading; the product only reads the event\'s name (the wallet changed)' } },
  'usdm-ws/markPriceUpdate-combined': { read: S.CombinedMarkPrice, sim: (s) => firstMessage(`${s.wsUrl}/market/stream?streams=btcusdt@markPrice@1s`) },
  'usdm-ws/ORDER_TRADE_UPDATE': {
    read: S.OrderTradeUpdate,
    sim: (s) => userEvent(s, 'ORDER_TRADE_UPDATE', () => call(s, 'POST', '/fapi/v1/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '1' })),
    allowed: { 'o.sp': 'stop orders only', 'o.AP': TRAILING_ONLY, 'o.cr': TRAILING_ONLY },
  },
  'usdm-ws/ACCOUNT_UPDATE': {
    read: S.AccountUpdate,
    sim: (s) => userEvent(s, 'ACCOUNT_UPDATE', () => call(s, 'POST', '/fapi/v1/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '1' })),
  },
  'usdm-ws/MARGIN_CALL': {
    read: S.MarginCall,
    // 0.08 BTC short on 500 USDT at 20x: at 102,725 maintenance is 86 % of the margin balance.
    sim: (s) =>
      userEvent(s, 'MARGIN_CALL', async () => {
        await call(s, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.08' });
        await fetch(`${s.url}/__sim/mark`, { method: 'POST', body: JSON.stringify({ symbol: 'BTCUSDT', markPrice: '102725' }) });
      }, { futuresUSDT: '500', positions: [] }),
  },
  'usdm-ws/ALGO_UPDATE': { read: S.AlgoUpdate, sim: (s) => userEvent(s, 'ALGO_UPDATE', () => call(s, 'POST', '/fapi/v1/algoOrder', algoStop('conform-algo-ws'))) },
  'usdm-ws/listenKeyExpired': {
    read: S.ListenKeyExpired,
    sim: (s) => userEvent(s, 'listenKeyExpired', async () => s.expireListenKeys()),
    allowed: { E: 'the doc example writes E as a string; the connector model and every other event send a number' },
  },
};

let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator({ accounts: [ACCOUNT] });
});
afterAll(async () => sim.close());

/** The first message of a stream. */
function firstMessage(url: string): Promise<unknown> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('message', (m) => {
      resolve(JSON.parse(String(m)));
      ws.close();
    });
    ws.once('error', reject);
  });
}

/** `userDataStream.subscribe.signature`'s params for the simulator's demo key. */
function signedSpot(s: Sim): Record<string, string | number> {
  const timestamp = s.now();
  return { apiKey: s.apiKey, timestamp, signature: hmacHex(s.apiSecret, `apiKey=${s.apiKey}&timestamp=${timestamp}`) };
}

/** A WebSocket API connection to the simulator: send a request, get its reply (after subscribing first when asked). */
async function wsApiReply(s: Sim, method: string, params?: Record<string, unknown>, subscribeFirst = false): Promise<unknown> {
  const ws = new WebSocket(`${s.wsUrl}/ws-api/v3`);
  const replies = new Map<string, unknown>();
  ws.on('message', (m) => {
    const r = JSON.parse(String(m));
    if (r.id) replies.set(r.id, r);
  });
  await new Promise((r) => ws.once('open', r));
  const ask = async (id: string, method: string, params?: Record<string, unknown>) => {
    ws.send(JSON.stringify(params ? { id, method, params } : { id, method }));
    for (let i = 0; i < 200 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 5));
    return replies.get(id);
  };
  try {
    if (subscribeFirst) await ask('first', 'userDataStream.subscribe.signature', signedSpot(s));
    return await ask('d3df8a21-98ea-4fe0-8f4e-0fcea5d418b7', method, params);
  } finally {
    ws.close();
  }
}

/** The first spot user-data event `e` after a subscription: a balance set, a transfer, or the stream's end. */
async function spotEvent(s: Sim, e: string): Promise<unknown> {
  const ws = new WebSocket(`${s.wsUrl}/ws-api/v3`);
  let subscribed: () => void;
  const ready = new Promise<void>((r) => (subscribed = r));
  const event = new Promise<unknown>((resolve) =>
    ws.on('message', (m) => {
      const got = JSON.parse(String(m));
      if (got.id === 'sub') subscribed();
      if (got.event?.e === e) resolve(got);
    }),
  );
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ id: 'sub', method: 'userDataStream.subscribe.signature', params: signedSpot(s) }));
  await ready;
  if (e === 'eventStreamTerminated') s.endSpotStreams();
  else await call(s, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '1' });
  try {
    return await event;
  } finally {
    ws.close();
  }
}

/** The first user-data event `e` that `trigger` causes, on the USDⓈ-M (/private/ws) or COIN-M (dstream /ws) stream. */
async function userEvent(s: Sim, e: string, trigger: () => Promise<unknown>, account: Partial<AccountSpec> = {}, family: 'um' | 'cm' = 'um'): Promise<unknown> {
  await seed(s, { ...ACCOUNT, ...account });
  const { listenKey } = (await call(s, 'POST', family === 'um' ? '/fapi/v1/listenKey' : '/dapi/v1/listenKey', {}, { sign: false })).body;
  const ws = new WebSocket(family === 'um' ? `${s.wsUrl}/private/ws/${listenKey}` : `${s.wsUrl}/ws/${listenKey}`);
  await new Promise((r) => ws.once('open', r));
  const event = new Promise<unknown>((resolve) => ws.on('message', (m) => (JSON.parse(String(m)).e === e ? resolve(JSON.parse(String(m))) : undefined)));
  await trigger();
  try {
    return await event;
  } finally {
    ws.close();
  }
}

/** Ids of rows a list schema could not read, anywhere in a parsed reply. */
function unreadableIn(x: unknown): string[] {
  if (!x || typeof x !== 'object') return [];
  const own = 'unreadable' in x && Array.isArray((x as S.Listed<unknown>).unreadable) ? (x as S.Listed<unknown>).unreadable : [];
  return [...own, ...Object.values(x).flatMap(unreadableIn)];
}

describe('the documented bodies', () => {
  it('each names its source', () => {
    expect(DOCUMENTED.length).toBeGreaterThan(30);
    for (const d of DOCUMENTED) expect(d.source, d.id).toMatch(/^https:\/\/(developers\.binance\.com|github\.com\/binance)\//);
  });

  it('every Binance path the product calls has one', () => {
    const called = new Set<string>();
    const dir = resolve(import.meta.dirname, '../../src/binance');
    for (const f of readdirSync(dir)) for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(\/(?:api|sapi|fapi|dapi|papi)\/v\d+\/[A-Za-z/]+)'/g)) called.add(m[1]!);
    expect(called.size).toBeGreaterThan(15);
    const documented = new Set(DOCUMENTED.map((d) => d.request.path).filter(Boolean));
    expect([...called].filter((p) => !documented.has(p))).toEqual([]);
  });

  it('every documented reply the product reads is in the table below (none left unchecked)', () => {
    const readable = Object.keys(CASES);
    for (const id of readable) expect(doc(id).id).toBe(id);
    const productPaths = new Set(Object.keys(CASES).map((id) => doc(id).request.path));
    const uncovered = DOCUMENTED.filter((d) => d.request.path && productPaths.has(d.request.path) && !(d.id in CASES)).map((d) => d.id);
    expect(uncovered).toEqual([]);
  });
});

describe.each(Object.entries(CASES))('%s', (id, c) => {
  it("is read by the product's own schema, every row of it", () => {
    const parsed = v.safeParse(c.read, doc(id).body);
    expect(parsed.issues?.map((i) => `${i.path?.map((p) => p.key).join('.')}: ${i.message}`) ?? []).toEqual([]);
    expect(unreadableIn(parsed.output)).toEqual([]);
  });

  it('is answered by the simulator with the same fields and JSON types', async () => {
    if (!(c.sim instanceof Function)) return expect(c.sim.none.length, 'why the simulator sends none').toBeGreaterThan(20);
    const reply = await c.sim(sim);
    expect(compareShapes(doc(id).body, reply, c.allowed)).toEqual([]);
  });
});
