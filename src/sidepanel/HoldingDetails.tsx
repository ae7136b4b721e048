/**
 * One holding's details, opened from its row: the reason in words, spot and short, and for an
 * asset with a perpetual its mark, funding, next funding, funding so far, the cost of protection
 * (the short's funding over 7 and 30 days, the rates of the month, a quarterly beside it),
 * liquidation and P&L.
 */
import { say, t } from '../shared/i18n';
import { Countdown } from '../shared/Countdown';
import { coins, fee, pct, price, rate, signedFee, signedPct, tone } from '../shared/format';
import type { Row } from './Holdings';
import { PnlLine } from './Pnl';
import { HedgeUntil } from './HedgeUntil';
import { TargetRatio } from './TargetRatio';
import { heldLabel, holdingsText } from '../shared/holdings';
import { quarterlyText } from '../shared/quarterly';

export function HoldingDetails({ row: r }: { row: Row }) {
  return (
    <dl class="rows details" data-testid={`details-${r.asset}`}>
      <dd class="reason">{say(r.reason)}</dd>
      <dt>{heldLabel(r)}</dt>
      <dd data-testid="spot">{coins(r.exposure, r.coinStep)} {r.asset}</dd>
      {holdingsText(r) && <dd class="reason" data-testid="holdings">= {holdingsText(r)}</dd>}
      <dt>{t('commonShort')}</dt>
      <dd data-testid="short">{coins(r.hedge, r.coinStep)} {r.asset}</dd>
      {r.symbol && (
        <>
          <dt>{t('sideTarget')}</dt>
          <dd><TargetRatio asset={r.asset} ratio={r.targetRatio} /></dd>
          <dt>{t('sideUntil')}</dt>
          <dd><HedgeUntil asset={r.asset} day={r.until} /></dd>
        </>
      )}
      {r.symbol && (
        <>
          <dt>{t('commonMark')}</dt>
          <dd data-testid="mark">{price(r.markPrice, r.tickSize)}</dd>
          <dt>{t('commonFunding')}</dt>
          <dd data-testid="funding">
            <span class={tone(r.lastFundingRate)}>{rate(r.lastFundingRate)}</span>
            {r.annualizedFunding && <span class="muted"> {t('sideFundingYear', pct(r.annualizedFunding))}</span>}
          </dd>
          <dt>{t('sideNextFunding')}</dt>
          <dd>{r.nextFundingTime ? <Countdown time={r.nextFundingTime} sentence={(left) => t('sideFundingIn', left)} /> : '—'}</dd>
          <dt>{t('sideFundingSoFar')}</dt>
          <dd class={tone(r.fundingTotal)}>{fee(r.fundingTotal)} USDT</dd>
          {(r.cost || r.quarterly) && <dt>{t('sideCost')}</dt>}
          {r.cost && (
            <dd data-testid="cost-funding">{t('sideCostFunding', signedFee(r.cost.funding7d), signedFee(r.cost.funding30d), signedPct(r.cost.funding30dAnnual))}</dd>
          )}
          {r.cost?.rateAnnual30d && r.cost.paidShare30d && (
            <dd class="reason" data-testid="cost-rates">{t('sideCostRates', signedPct(r.cost.rateAnnual30d), pct(r.cost.paidShare30d, 0))}</dd>
          )}
          {r.quarterly && <dd class="reason" data-testid="quarterly">{quarterlyText(r.quarterly)}</dd>}
          <dt>{t('commonLiquidation')}</dt>
          <dd data-testid="liquidation">{r.liquidationPrice ? t('commonLiquidationAway', price(r.liquidationPrice, r.tickSize), pct(r.liquidationDistance)) : '—'}</dd>
          {r.guard && (
            <>
              <dt>{t('sideGuard')}</dt>
              <dd data-testid="guard">{t('sideGuardAt', price(r.guard, r.tickSize))}</dd>
            </>
          )}
        </>
      )}
      {r.pnl && (
        <>
          <dt>{t('sidePnl')}</dt>
          <dd><PnlLine pnl={r.pnl} /></dd>
        </>
      )}
    </dl>
  );
}
