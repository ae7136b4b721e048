/**
 * Binance's USDⓈ-M liquidation price, one-way mode (Binance FAQ "How to Calculate Liquidation
 * Price of USDⓈ-M Contracts"), with Side = +1 long, −1 short:
 *   LP = (WB − TMM1 + UPNL1 + cum − Side·Q·EP) / (Q·MMR − Side·Q)
 * Isolated: WB = the isolated margin, TMM1 = UPNL1 = 0. Cross: WB = the cross wallet balance and
 * TMM1/UPNL1 the maintenance margin and unrealized PnL of the account's other positions.
 * MMR and cum come from the leverage bracket the notional falls in; when the notional at the
 * liquidation price falls in another bracket, the price is computed again with that one.
 */
import { CoreInputError, D, dec, str, type Dec } from './decimal';
import type { Bracket } from './types';

export interface LiquidationInput {
  side: 'LONG' | 'SHORT';
  /** Contract units, positive. */
  quantity: string;
  entryPrice: string;
  walletBalance: string;
  brackets: Bracket[];
  mode: 'isolated' | 'cross';
  /** Cross only: maintenance margin of the other positions (TMM1). */
  otherMaintMargin?: string;
  /** Cross only: unrealized PnL of the other positions (UPNL1). */
  otherUnrealizedPnl?: string;
}

export function bracketFor(notional: Dec, brackets: Bracket[]): Bracket {
  if (brackets.length === 0) throw new CoreInputError('The symbol has no leverage brackets.');
  const sorted = [...brackets].sort((a, b) => a.notionalFloor - b.notionalFloor);
  return sorted.find((b) => notional.gte(b.notionalFloor) && notional.lt(b.notionalCap)) ?? sorted[sorted.length - 1]!;
}

/** The estimated liquidation price, or null when the position cannot be liquidated (the formula gives ≤ 0). */
export function estimateLiquidationPrice(input: LiquidationInput): string | null {
  const s = input.side === 'LONG' ? 1 : -1;
  const q = dec(input.quantity, 'quantity');
  if (q.lte(0)) throw new CoreInputError('quantity must be positive.');
  const ep = dec(input.entryPrice, 'entryPrice');
  const wb = dec(input.walletBalance, 'walletBalance');
  const cross = input.mode === 'cross';
  const tmm1 = cross ? dec(input.otherMaintMargin ?? '0', 'otherMaintMargin') : D(0);
  const upnl1 = cross ? dec(input.otherUnrealizedPnl ?? '0', 'otherUnrealizedPnl') : D(0);

  const solve = (b: Bracket): Dec => {
    const mmr = D(b.maintMarginRatio);
    const numerator = wb.minus(tmm1).plus(upnl1).plus(b.cum).minus(q.times(ep).times(s));
    return numerator.div(q.times(mmr).minus(q.times(s)));
  };

  let bracket = bracketFor(q.times(ep), input.brackets);
  let lp = solve(bracket);
  for (let i = 0; i < input.brackets.length && lp.gt(0); i++) {
    const at = bracketFor(q.times(lp), input.brackets);
    if (at.bracket === bracket.bracket) break;
    bracket = at;
    lp = solve(bracket);
  }
  return lp.gt(0) ? str(lp.round(8, 0)) : null;
}
