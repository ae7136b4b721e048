/**
 * POST /fapi/v1/batchOrders (Binance's "Place Multiple Orders"): up to 5 orders in one request,
 * `batchOrders` a JSON list of order objects with string values. The reply lists one entry per
 * order in the same order: the order as POST /fapi/v1/order answers it, or `{code, msg}` for the
 * one Binance refused — the others go through.
 */
import { ApiError, E } from './errors';
import { acct, orderReply, type Ctx, type Route } from './routes';

const MAX_ORDERS = 5;

export const BATCH_ROUTES: Record<string, Route> = {
  'POST /fapi/v1/batchOrders': {
    weight: 5,
    auth: 'futures',
    handle: (ctx: Ctx) => {
      let orders: unknown;
      try {
        orders = JSON.parse(ctx.params.batchOrders ?? '');
      } catch {
        throw E.mandatory('batchOrders');
      }
      if (!Array.isArray(orders) || orders.length === 0) throw E.mandatory('batchOrders');
      if (orders.length > MAX_ORDERS) throw new ApiError(-1130, 'Data sent for parameter \'batchOrders\' is not valid.');
      return orders.map((raw: Record<string, unknown>) => {
        const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
        // A fault armed for one order (`refused`, matched as POST /fapi/v1/order) refuses just that one.
        const fault = ctx.faults?.take('POST', '/fapi/v1/order', params);
        if (fault?.kind === 'refused') return { code: fault.code ?? -1000, msg: fault.msg ?? 'Refused.' };
        try {
          const { avgPrice: _avgPrice, cumQuote: _cumQuote, time: _time, ...placed } = ctx.engine.placeOrder(acct(ctx), params);
          return orderReply({ ...ctx, params }, placed);
        } catch (err) {
          if (err instanceof ApiError) return { code: err.code, msg: err.message };
          throw err;
        }
      });
    },
  },
};
