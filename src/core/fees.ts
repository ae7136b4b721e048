/** Trading fees: what an order costs at the account's commission rate. */
import { dec, str } from './decimal';

/** Trading fee for a fill of `notional` at `commissionRate` (the taker rate for market orders). */
export const estimateFees = (notional: string, commissionRate: string): string =>
  str(dec(notional, 'notional').abs().times(dec(commissionRate, 'commissionRate')));
