/**
 * The panel's live view of one asset's hedge: spot and short, the status with its reason, and for
 * an asset with a perpetual its mark, funding (while the short pays, with what a quarterly would
 * lock in instead) and liquidation — numbers at the contract's tick and step, as Binance shows them.
 */
import { say, t } from '../shared/i18n';
import { Countdown } from '../shared/Countdown';
import { coins, pct, plain, price, rate, tone } from '../shared/format';
import type { AssetView } from '../shared/hedge-types';
import { heldLabel, holdingsText } from '../shared/holdings';
import { quarterlyText } from '../shared/quarterly';
import { StatusBadge } from '../shared/StatusBadge';

export function HedgeView({ view }: { view: AssetView }) {
  return (
    <dl class="rows" data-testid="view">
      <dt>{heldLabel(view)}</dt>
      <dd data-testid="spot">{coins(view.exposure, view.coinStep)} {view.asset}</dd>
      {holdingsText(view) && <dd class="reason" data-testid="holdings">= {holdingsText(view)}</dd>}
      <dt>{t('commonShort')}</dt>
      <dd data-testid="short">{coins(view.hedge, view.coinStep)} {view.asset}</dd>
      <dt>{t('panelHedge')}</dt>
      <dd>
        <StatusBadge status={view.status} />
        {view.ratio !== null && <span data-testid="ratio"> {pct(view.ratio)}</span>}
      </dd>
      <dd class="reason" data-testid="reason">{say(view.reason)}</dd>
      {view.symbol && (
        <>
          <dt>{t('panelPerpetual')}</dt>
          <dd data-testid="symbol">
            {view.symbol}
            {/* Written as in the contract's name (1000PEPEUSDT), not grouped. */}
            {view.multiplier !== '1' && <span class="muted"> {t('panelMultiplier', view.multiplier, view.asset)}</span>}
          </dd>
          <dt>{t('commonMark')}</dt>
          <dd data-testid="mark">{price(view.markPrice, view.tickSize)}</dd>
          <dt>{t('commonFunding')}</dt>
          <dd data-testid="funding">
            <span class={tone(view.lastFundingRate)}>{rate(view.lastFundingRate)}</span>
            {view.nextFundingTime !== null && <span class="muted"> · <Countdown time={view.nextFundingTime} sentence={(left) => t('panelFundingNextIn', left)} /></span>}
            {view.fundingIntervalHours !== null && view.fundingIntervalHours !== 8 && <span class="muted"> · {t('panelFundingEvery', plain(String(view.fundingIntervalHours)))}</span>}
          </dd>
          {view.fundingText && <dd class="reason" data-testid="funding-text">{say(view.fundingText)}</dd>}
          {/* A negative rate: the short pays, and a quarterly may be the cheaper protection. */}
          {view.quarterly && view.lastFundingRate?.startsWith('-') && <dd class="reason" data-testid="quarterly">{quarterlyText(view.quarterly)}</dd>}
          <dt>{t('commonLiquidation')}</dt>
          <dd data-testid="liquidation">
            {view.liquidationPrice ? t('commonLiquidationAway', price(view.liquidationPrice, view.tickSize), pct(view.liquidationDistance)) : '—'}
          </dd>
        </>
      )}
    </dl>
  );
}
