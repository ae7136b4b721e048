/**
 * A hedge's statement since its short was opened: what the spot coins gained or lost from the
 * short's entry price to the mark, what the futures leg made (unrealized + realized), funding,
 * and fees. When the hedge is exact, the first two cancel and the net is funding − fees.
 */
import { dec, str } from './decimal';

export interface PnlInput {
  /** Coins hedged (the exposure). */
  exposure: string;
  multiplier: string;
  /** The perpetual's entry and mark prices, per contract unit. */
  entryPrice: string;
  markPrice: string;
  unRealizedProfit: string;
  /** Sums from /fapi/v1/income for the symbol: REALIZED_PNL, FUNDING_FEE, COMMISSION (negative). */
  realizedPnl: string;
  funding: string;
  commission: string;
}

export interface PnlStatement {
  spotMove: string;
  futuresPnl: string;
  funding: string;
  fees: string;
  net: string;
}

export function hedgePnl(p: PnlInput): PnlStatement {
  const spotMove = dec(p.exposure, 'exposure').times(dec(p.markPrice, 'markPrice').minus(dec(p.entryPrice, 'entryPrice'))).div(dec(p.multiplier, 'multiplier'));
  const futures = dec(p.unRealizedProfit, 'unRealizedProfit').plus(dec(p.realizedPnl, 'realizedPnl'));
  const funding = dec(p.funding, 'funding');
  const fees = dec(p.commission, 'commission');
  const r2 = (x: ReturnType<typeof dec>) => str(x.round(2));
  return { spotMove: r2(spotMove), futuresPnl: r2(futures), funding: r2(funding), fees: r2(fees), net: r2(spotMove.plus(futures).plus(funding).plus(fees)) };
}
