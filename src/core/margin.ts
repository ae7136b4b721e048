/** Margin ratio and the USDT a top-up needs: Binance's account-level liquidation measure, in decimals. */
import { dec, str } from './decimal';
import type { FuturesAccount } from './types';

/**
 * Binance's account margin ratio: maintenance margin over margin balance. At 1 (100 %) the
 * account is liquidated. With no margin balance but margin required, that is already 1.
 */
export function marginRatio(account: Pick<FuturesAccount, 'totalMaintMargin' | 'totalMarginBalance'>): string {
  const maint = dec(account.totalMaintMargin, 'totalMaintMargin');
  const balance = dec(account.totalMarginBalance, 'totalMarginBalance');
  if (balance.lte(0)) return maint.gt(0) ? '1' : '0';
  return str(maint.div(balance));
}

/**
 * USDT to add to the futures wallet so the margin ratio falls to `targetRatio`:
 * maint / (balance + x) = target  →  x = maint / target − balance. Rounded up to the cent;
 * null when the ratio is already at or under the target.
 */
export function topUpAmount(account: Pick<FuturesAccount, 'totalMaintMargin' | 'totalMarginBalance'>, targetRatio: string): string | null {
  const maint = dec(account.totalMaintMargin, 'totalMaintMargin');
  const balance = dec(account.totalMarginBalance, 'totalMarginBalance');
  const target = dec(targetRatio, 'targetRatio');
  if (target.lte(0)) throw new RangeError('targetRatio must be positive');
  const x = maint.div(target).minus(balance);
  return x.gt(0) ? x.round(2, 3).toFixed(2) : null;
}
