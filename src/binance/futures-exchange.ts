/** The Exchange interface over the REST client: one function per Binance endpoint the product uses. */
import * as v from 'valibot';
import type { Client, Params, Write } from './client';
import type { BatchOutcome, Exchange } from './exchange';
import { marketOrder, orNone } from './orders';
import * as S from './schemas';

export function futuresExchange(client: Client): Exchange {
  /** The rows each list endpoint could not read last time, by path: a clean read clears them. */
  const unreadable = new Map<string, string[]>();
  const get = <T>(path: string, schema: v.GenericSchema<unknown, T>, params: Params = {}, signed = true) =>
    client.request({ method: 'GET', host: 'futures', path, params, signed, schema });
  const list = async <T>(path: string, row: v.GenericSchema<unknown, T>, params: Params = {}, signed = true): Promise<T[]> =>
    rowsOf(path, await get(path, S.listOf(row), params, signed));
  const rowsOf = <T>(path: string, listed: S.Listed<T>): T[] => {
    unreadable.set(path, listed.unreadable);
    return listed.rows;
  };
  /** Every page of a Simple Earn position list (100 a page, the most Binance gives). */
  const earnPages = async <T>(path: string, row: v.GenericSchema<unknown, T>): Promise<T[]> => {
    const rows: T[] = [];
    const unread: string[] = [];
    for (let current = 1; ; current++) {
      const page = await client.request({ method: 'GET', host: 'spot', path, params: { current, size: 100 }, signed: true, schema: S.EarnPositions(row) });
      rows.push(...page.rows.rows);
      unread.push(...page.rows.unreadable);
      if (page.rows.rows.length + page.rows.unreadable.length < 100 || rows.length + unread.length >= page.total) break;
    }
    unreadable.set(path, unread);
    return rows;
  };
  const write = <T>(write: Write, path: string, schema: v.GenericSchema<unknown, T>, params: Params) =>
    client.request({ method: 'POST', host: path.startsWith('/sapi/') ? 'spot' : 'futures', path, params, signed: true, schema, write });

  return {
    spotBalances: async () =>
      rowsOf('/api/v3/account', (await client.request({ method: 'GET', host: 'spot', path: '/api/v3/account', params: { omitZeroBalances: true }, signed: true, schema: S.SpotAccount })).balances),
    futuresSymbols: async () => {
      const info = await get('/fapi/v1/exchangeInfo', S.FuturesExchangeInfo, {}, false);
      const weight = info.rateLimits?.find((r) => r.rateLimitType === 'REQUEST_WEIGHT' && r.interval === 'MINUTE' && r.intervalNum === 1);
      if (weight) client.budget.setLimit('futures', weight.limit);
      return rowsOf('/fapi/v1/exchangeInfo', info.symbols);
    },
    premiumIndex: () => list('/fapi/v1/premiumIndex', S.PremiumIndex, {}, false),
    fundingInfo: () => list('/fapi/v1/fundingInfo', S.FundingInfo, {}, false),
    leverageBrackets: () => list('/fapi/v1/leverageBracket', S.LeverageBracket),
    commissionRate: (symbol) => get('/fapi/v1/commissionRate', S.CommissionRate, { symbol }),
    accountConfig: async () => {
      const { dualSidePosition, multiAssetsMargin } = await get('/fapi/v1/accountConfig', S.AccountConfig);
      return { dualSidePosition, multiAssetsMargin };
    },
    earnFlexible: () => earnPages('/sapi/v1/simple-earn/flexible/position', S.EarnFlexiblePosition),
    earnLocked: () => earnPages('/sapi/v1/simple-earn/locked/position', S.EarnLockedPosition),
    fundingAssets: async () =>
      rowsOf('/sapi/v1/asset/get-funding-asset', await client.request({ method: 'POST', host: 'spot', path: '/sapi/v1/asset/get-funding-asset', signed: true, schema: S.listOf(S.FundingAsset) })),
    symbolConfig: async (symbol) => (await list('/fapi/v1/symbolConfig', S.SymbolConfig, { symbol })).find((c) => c.symbol === symbol) ?? null,
    account: () => get('/fapi/v3/account', S.FuturesAccount),
    positionRisk: () => list('/fapi/v3/positionRisk', S.PositionRisk),
    setMarginType: async (symbol, marginType) => {
      await write('setting', '/fapi/v1/marginType', S.Ok, { symbol, marginType });
    },
    setLeverage: async (symbol, leverage) => {
      await write('setting', '/fapi/v1/leverage', S.Ok, { symbol, leverage });
    },
    transfer: (type, asset, amount) => write('transfer', '/sapi/v1/asset/transfer', S.Transfer, { type, asset, amount }),
    transfers: async (type, startTime) =>
      (await client.request({ method: 'GET', host: 'spot', path: '/sapi/v1/asset/transfer', params: { type, startTime, size: 100 }, signed: true, schema: S.TransferHistory })).rows ?? [],
    newOrder: (o) => write('order', '/fapi/v1/order', S.OrderAck, marketOrder(o)),
    newOrders: async (orders) => {
      const reply = await write('order', '/fapi/v1/batchOrders', S.BatchOrders, { batchOrders: JSON.stringify(orders.map(marketOrder)) });
      return orders.map((_, i): BatchOutcome => {
        const ack = v.safeParse(S.OrderAck, reply[i]);
        if (ack.success) return { ack: ack.output };
        const refused = v.safeParse(S.BatchRefusal, reply[i]);
        return refused.success ? { refused: refused.output } : 'unread';
      });
    },
    getOrder: (symbol, origClientOrderId) => orNone(() => get('/fapi/v1/order', S.Order, { symbol, origClientOrderId })),
    fundingRateHistory: (symbol, startTime) => list('/fapi/v1/fundingRate', S.FundingRateRecord, { symbol, startTime, limit: 1000 }, false),
    newAlgoOrder: (o) =>
      write('order', '/fapi/v1/algoOrder', S.AlgoOrder, {
        algoType: 'CONDITIONAL',
        symbol: o.symbol,
        side: o.side,
        positionSide: o.positionSide,
        type: 'STOP_MARKET',
        triggerPrice: o.triggerPrice,
        // The mark, not the last trade: liquidation follows the mark, and a wick must not fire it.
        workingType: 'MARK_PRICE',
        closePosition: 'true',
        priceProtect: 'true',
        clientAlgoId: o.clientAlgoId,
      }),
    getAlgoOrder: (clientAlgoId) => orNone(() => get('/fapi/v1/algoOrder', S.AlgoOrder, { clientAlgoId })),
    cancelAlgoOrder: async (clientAlgoId) => {
      await client.request({ method: 'DELETE', host: 'futures', path: '/fapi/v1/algoOrder', params: { clientAlgoId }, signed: true, schema: S.Ok, write: 'order' });
    },
    openAlgoOrders: (symbol) => list('/fapi/v1/openAlgoOrders', S.AlgoOrder, { symbol }),
    apiRestrictions: () =>
      client.request({ method: 'GET', host: 'spot', path: '/sapi/v1/account/apiRestrictions', signed: true, schema: S.ApiRestrictions }),
    income: (params) => list('/fapi/v1/income', S.Income, params),
    listenKey: async () => (await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/listenKey', keyed: true, schema: S.ListenKey })).listenKey,
    keepAliveListenKey: async () => {
      await client.request({ method: 'PUT', host: 'futures', path: '/fapi/v1/listenKey', keyed: true, schema: S.Ok });
    },
    spotStreamParams: () => client.signedWsParams(),
    unreadable: (path) => unreadable.get(path) ?? [],
  };
}
