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
