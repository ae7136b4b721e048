/**
 * The futures account at a glance, above the holdings: margin ratio, margin balance, what is
 * available, and the next funding of all hedges together (positive: received).
 */
import { pct, tone, usdt } from '../shared/format';
import type { Dashboard } from '../shared/hedge-types';
import { t } from '../shared/i18n';

const MODE = { 'multi-assets': 'sideModeMulti', credits: 'sideModeCredits' } as const;

export function Summary({ dashboard: d }: { dashboard: Dashboard }) {
  // Binance's totals are USDT in Single-Asset mode, USD over every margin asset otherwise.
  const unit = !d.account || d.account.marginMode === 'single-asset' ? 'USDT' : 'USD';
  return (
    <div class="summary">
      <div data-testid="margin-ratio"><span>{t('commonMarginRatio')}</span>{pct(d.marginRatio)}</div>
      {/* Single-Asset is Binance's default: the mode is named when it is another. */}
      {d.account && d.account.marginMode !== 'single-asset' && <div data-testid="margin-mode"><span>{t('sideMarginMode')}</span>{t(MODE[d.account.marginMode])}</div>}
      <div><span>{t('sideMarginBalance')}</span>{usdt(d.account?.totalMarginBalance)} {unit}</div>
      <div><span>{t('sideAvailable')}</span>{usdt(d.account?.availableBalance)} {unit}</div>
      <div><span>{t('commonNextFundingAll')}</span><span class={tone(d.nextFunding)}>{usdt(d.nextFunding)} USDT</span></div>
    </div>
  );
}
