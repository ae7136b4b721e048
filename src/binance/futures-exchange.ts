/** The Exchange interface over the REST client: one function per Binance endpoint the product uses. */
import * as v from 'valibot';
import type { Client } from './client';
import { BinanceError } from './errors';
import type { Exchange } from './exchange';
import * as S from './schemas';

export function futuresExchange(client: Client): Exchange {
  const get = <T>(path: string, schema: v.GenericSchema<unknown, T>, params = {}, signed = true) =>
    client.request({ method: 'GET', host: 'futures', path, params, signed, schema });
  const post = <T>(path: string, schema: v.GenericSchema<unknown, T>, params = {}) =>
    client.request({ method: 'POST', host: 'futures', path, params, signed: true, schema });

  return {
    spotBalances: async () =>
      (await client.request({ method: 'GET', host: 'spot', path: '/api/v3/account', params: { omitZeroBalances: true }, signed: true, schema: S.SpotAccount })).balances,
    futuresSymbols: async () => {
      const info = await get('/fapi/v1/exchangeInfo', S.FuturesExchangeInfo, {}, false);
      const weight = info.rateLimits?.find((r) => r.rateLimitType === 'REQUEST_WEIGHT' && r.interval === 'MINUTE' && r.intervalNum === 1);
      if (weight) client.budget.setLimit('futures', weight.limit);
      return info.symbols;
    },
    premiumIndex: () => get('/fapi/v1/premiumIndex', v.array(S.PremiumIndex), {}, false),
    fundingInfo: () => get('/fapi/v1/fundingInfo', v.array(S.FundingInfo), {}, false),
    leverageBrackets: () => get('/fapi/v1/leverageBracket', v.array(S.LeverageBracket)),
    commissionRate: (symbol) => get('/fapi/v1/commissionRate', S.CommissionRate, { symbol }),
    dualSidePosition: async () => (await get('/fapi/v1/accountConfig', S.AccountConfig)).dualSidePosition,
    symbolConfig: async (symbol) => (await get('/fapi/v1/symbolConfig', v.array(S.SymbolConfig), { symbol }))[0] ?? null,
    account: () => get('/fapi/v3/account', S.FuturesAccount),
    positionRisk: () => get('/fapi/v3/positionRisk', v.array(S.PositionRisk)),
    setMarginType: async (symbol, marginType) => {
      await post('/fapi/v1/marginType', S.Ok, { symbol, marginType });
    },
    setLeverage: async (symbol, leverage) => {
      await post('/fapi/v1/leverage', S.Ok, { symbol, leverage });
    },
    transfer: (type, asset, amount) =>
      client.request({ method: 'POST', host: 'spot', path: '/sapi/v1/asset/transfer', params: { type, asset, amount }, signed: true, schema: S.Transfer }),
    newOrder: (o) =>
      client.request({
        method: 'POST',
        host: 'futures',
        path: '/fapi/v1/order',
        order: true,
        signed: true,
        schema: S.Order,
        params: {
          symbol: o.symbol,
          side: o.side,
          positionSide: o.positionSide,
          type: 'MARKET',
          quantity: o.quantity,
          // Hedge mode refuses the field entirely, so it is only sent when true.
          reduceOnly: o.reduceOnly ? 'true' : undefined,
          newClientOrderId: o.newClientOrderId,
          newOrderRespType: 'RESULT',
        },
      }),
    getOrder: async (symbol, origClientOrderId) => {
      try {
        return await get('/fapi/v1/order', S.Order, { symbol, origClientOrderId });
      } catch (err) {
        if (err instanceof BinanceError && err.code === -2013) return null;
        throw err;
      }
    },
    apiRestrictions: () =>
      client.request({ method: 'GET', host: 'spot', path: '/sapi/v1/account/apiRestrictions', signed: true, schema: S.ApiRestrictions }),
    income: (params) => get('/fapi/v1/income', v.array(S.Income), params),
    listenKey: async () => (await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/listenKey', keyed: true, schema: S.ListenKey })).listenKey,
    keepAliveListenKey: async () => {
      await client.request({ method: 'PUT', host: 'futures', path: '/fapi/v1/listenKey', keyed: true, schema: S.Ok });
    },
  };
}
