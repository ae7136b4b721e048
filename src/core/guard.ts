/**
 * Where a liquidation guard's trigger sits: a stop on the mark that closes the hedge before Binance
 * would liquidate it. `distance` is the share of the way from the mark to the liquidation price
 * (0.5: halfway); the trigger is rounded to the tick towards the mark, so it never lies past the
 * liquidation price, and it must lie strictly between the two.
 */
import { dec, str } from './decimal';

export interface GuardInput {
  /** The hedge's side: a short is guarded by a BUY stop above the mark, a long by a SELL stop below. */
  positionSide: 'SHORT' | 'LONG';
  markPrice: string;
  liquidationPrice: string;
  distance: string;
  tickSize: string;
}

/** The trigger price, or null when there is no liquidation price to guard against (or no room before it). */
export function guardTrigger({ positionSide, markPrice, liquidationPrice, distance, tickSize }: GuardInput): string | null {
  const mark = dec(markPrice, 'markPrice');
  const liq = dec(liquidationPrice, 'liquidationPrice');
  const share = dec(distance, 'distance');
  const tick = dec(tickSize, 'tickSize');
  if (liq.lte(0) || mark.lte(0) || tick.lte(0) || share.lte(0) || share.gte(1)) return null;
  const short = positionSide === 'SHORT';
  if (short ? liq.lte(mark) : liq.gte(mark)) return null; // already past: nothing a stop can do
  const raw = mark.plus(liq.minus(mark).times(share));
  // Towards the mark: down for a short's BUY stop, up for a long's SELL stop.
  const trigger = raw.div(tick).round(0, short ? 0 : 3).times(tick);
  const between = short ? trigger.gt(mark) && trigger.lt(liq) : trigger.lt(mark) && trigger.gt(liq);
  return between ? str(trigger) : null;
}

/** Whether a guard's trigger is off its place by more than `tolerance` of the way to liquidation: time to move it. */
export function guardMoved(current: string, wanted: string, markPrice: string, tolerance = '0.1'): boolean {
  const gap = dec(wanted, 'wanted').minus(dec(markPrice, 'markPrice')).abs();
  return dec(current, 'current').minus(wanted).abs().gt(gap.times(dec(tolerance, 'tolerance')));
}
