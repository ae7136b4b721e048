/** The CoinmExchange interface over the REST client (host 'coinm'): one function per /dapi endpoint. */
import * as v from 'valibot';
import type { Client, Params, Write } from './client';
import type { CoinmExchange } from './coinm';
import { codeOf } from './errors';
import { marketOrder, orNone } from './orders';
import * as S from './schemas';

export function coinmExchange(client: Client): CoinmExchange {
  /** The rows each list endpoint could not read last time, by path: a clean read clears them. */
  const unreadable = new Map<string, string[]>();
  const get = <T>(path: string, schema: v.GenericSchema<unknown, T>, params: Params = {}, signed = true) =>
    client.request({ method: 'GET', host: 'coinm', path, params, signed, schema });
  const rowsOf = <T>(path: string, listed: S.Listed<T>): T[] => {
    unreadable.set(path, listed.unreadable);
    return listed.rows;
  };
  const list = async <T>(path: string, row: v.GenericSchema<unknown, T>, params: Params = {}, signed = true): Promise<T[]> =>
    rowsOf(path, await get(path, S.listOf(row), params, signed));
  const write = <T>(write: Write, path: string, schema: v.GenericSchema<unknown, T>, params: Params) =>
    client.request({ method: 'POST', host: 'coinm', path, params, signed: true, schema, write });

  return {
    // Perpetuals and quarterlies alike: the caller picks by contractType.
    symbols: async () => {
      const info = await get('/dapi/v1/exchangeInfo', S.CoinmExchangeInfo, {}, false);
      const weight = info.rateLimits?.find((r) => r.rateLimitType === 'REQUEST_WEIGHT' && r.interval === 'MINUTE' && r.intervalNum === 1);
      if (weight) client.budget.setLimit('coinm', weight.limit);
      return rowsOf('/dapi/v1/exchangeInfo', info.symbols);
    },
    premiumIndex: () => list('/dapi/v1/premiumIndex', S.CoinmPremiumIndex, {}, false),
    account: async () => ({ assets: rowsOf('/dapi/v1/account', (await get('/dapi/v1/account', S.CoinmAccount)).assets) }),
    positionRisk: () => list('/dapi/v1/positionRisk', S.CoinmPosition),
    leverageBrackets: () => list('/dapi/v2/leverageBracket', S.CoinmLeverageBracket),
    commissionRate: (symbol) => get('/dapi/v1/commissionRate', S.CommissionRate, { symbol }),
    setLeverage: async (symbol, leverage) => {
      await write('setting', '/dapi/v1/leverage', S.Ok, { symbol, leverage });
    },
    setMarginType: async (symbol, marginType) => {
      try {
        await write('setting', '/dapi/v1/marginType', S.Ok, { symbol, marginType });
      } catch (err) {
        if (codeOf(err) !== -4046) throw err; // -4046: already so
      }
    },
    newOrder: (o) => write('order', '/dapi/v1/order', S.OrderAck, marketOrder(o)),
    getOrder: (symbol, origClientOrderId) => orNone(() => get('/dapi/v1/order', S.Order, { symbol, origClientOrderId })),
    listenKey: async () => (await client.request({ method: 'POST', host: 'coinm', path: '/dapi/v1/listenKey', keyed: true, schema: S.ListenKey })).listenKey,
    keepAliveListenKey: async () => {
      await client.request({ method: 'PUT', host: 'coinm', path: '/dapi/v1/listenKey', keyed: true, schema: S.Ok });
    },
    income: (params) => list('/dapi/v1/income', S.CoinmIncome, params),
    unreadable: (path) => unreadable.get(path) ?? [],
  };
}
