/** What USDⓈ-M (/fapi) and COIN-M (/dapi) orders share: the MARKET order's parameters and "no such order". */
import { codeOf } from './errors';
import type { NewOrder } from './exchange';

/** A MARKET order's parameters, the same on both: the fill comes back in the reply (RESULT). */
export const marketOrder = (o: NewOrder) => ({
  symbol: o.symbol,
  side: o.side,
  positionSide: o.positionSide,
  type: 'MARKET',
  quantity: o.quantity,
  // Hedge mode refuses the field entirely, so it is only sent when true.
  reduceOnly: o.reduceOnly ? 'true' : undefined,
  newClientOrderId: o.newClientOrderId,
  newOrderRespType: 'RESULT',
});

/** The read's answer, or null when Binance has no such order (-2013). */
export async function orNone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (codeOf(err) === -2013) return null;
    throw err;
  }
}
