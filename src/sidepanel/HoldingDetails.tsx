/**
 * One holding's details, opened from its row: the reason in words, spot and short, and for an
 * asset with a perpetual its mark, funding, next funding, funding so far, liquidation and P&L.
 */
import { Countdown } from '../shared/Countdown';
import { coins, fee, pct, price, rate, tone } from '../shared/format';
import type { Row } from './Holdings';
import { PnlLine } from './Pnl';

export function HoldingDetails({ row: r }: { row: Row }) {
  return (
    <dl class="rows details" data-testid={`details-${r.asset}`}>
      <dd class="reason">{r.reason}</dd>
      <dt>Spot</dt>
      <dd data-testid="spot">{coins(r.exposure, r.coinStep)} {r.asset}</dd>
      <dt>Short</dt>
      <dd data-testid="short">{coins(r.hedge, r.coinStep)} {r.asset}</dd>
      {r.symbol && (
        <>
          <dt>Mark</dt>
          <dd data-testid="mark">{price(r.markPrice, r.tickSize)}</dd>
          <dt>Funding</dt>
          <dd data-testid="funding">
            <span class={tone(r.lastFundingRate)}>{rate(r.lastFundingRate)}</span>
            {r.annualizedFunding && <span class="muted"> ({pct(r.annualizedFunding)} a year)</span>}
          </dd>
          <dt>Next funding</dt>
          <dd>{r.nextFundingTime ? <>in <Countdown time={r.nextFundingTime} /></> : '—'}</dd>
          <dt>Funding so far</dt>
          <dd class={tone(r.fundingTotal)}>{fee(r.fundingTotal)} USDT</dd>
          <dt>Liquidation</dt>
          <dd data-testid="liquidation">{r.liquidationPrice ? `${price(r.liquidationPrice, r.tickSize)} (${pct(r.liquidationDistance)} away)` : '—'}</dd>
        </>
      )}
      {r.pnl && (
        <>
          <dt>P&amp;L</dt>
          <dd><PnlLine pnl={r.pnl} /></dd>
        </>
      )}
    </dl>
  );
}
