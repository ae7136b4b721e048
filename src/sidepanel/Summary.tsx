/**
 * The futures account at a glance, above the holdings: margin ratio, margin balance, what is
 * available, and the next funding of all hedges together (positive: received).
 */
import { pct, tone, usdt } from '../shared/format';
import type { Dashboard } from '../shared/hedge-types';

export function Summary({ dashboard: d }: { dashboard: Dashboard }) {
  return (
    <div class="summary">
      <div data-testid="margin-ratio"><span>Margin ratio</span>{pct(d.marginRatio)}</div>
      <div><span>Margin balance</span>{usdt(d.account?.totalMarginBalance)} USDT</div>
      <div><span>Available</span>{usdt(d.account?.availableBalance)} USDT</div>
      <div><span>Next funding, all hedges</span><span class={tone(d.nextFunding)}>{usdt(d.nextFunding)} USDT</span></div>
    </div>
  );
}
