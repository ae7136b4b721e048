/**
 * The panel's live view of one asset's hedge: spot and short, the status with its reason, and for
 * an asset with a perpetual its mark, funding and liquidation — numbers at the contract's tick and
 * step, as Binance shows them.
 */
import { Countdown } from '../shared/Countdown';
import { coins, pct, price, rate, tone } from '../shared/format';
import type { AssetView } from '../shared/hedge-types';
import { StatusBadge } from '../shared/StatusBadge';

export function HedgeView({ view }: { view: AssetView }) {
  return (
    <dl class="rows" data-testid="view">
      <dt>Spot</dt>
      <dd data-testid="spot">{coins(view.exposure, view.coinStep)} {view.asset}</dd>
      <dt>Short</dt>
      <dd data-testid="short">{coins(view.hedge, view.coinStep)} {view.asset}</dd>
      <dt>Hedge</dt>
      <dd>
        <StatusBadge status={view.status} />
        {view.ratio !== null && <span data-testid="ratio"> {pct(view.ratio)}</span>}
      </dd>
      <dd class="reason" data-testid="reason">{view.reason}</dd>
      {view.symbol && (
        <>
          <dt>Perpetual</dt>
          <dd data-testid="symbol">
            {view.symbol}
            {/* Written as in the contract's name (1000PEPEUSDT), not grouped. */}
            {view.multiplier !== '1' && <span class="muted"> (1 = {view.multiplier} {view.asset})</span>}
          </dd>
          <dt>Mark</dt>
          <dd data-testid="mark">{price(view.markPrice, view.tickSize)}</dd>
          <dt>Funding</dt>
          <dd data-testid="funding">
            <span class={tone(view.lastFundingRate)}>{rate(view.lastFundingRate)}</span>
            {view.nextFundingTime !== null && <span class="muted"> · next in <Countdown time={view.nextFundingTime} /></span>}
            {view.fundingIntervalHours !== null && view.fundingIntervalHours !== 8 && <span class="muted"> · every {view.fundingIntervalHours} h</span>}
          </dd>
          {view.fundingText && <dd class="reason" data-testid="funding-text">{view.fundingText}</dd>}
          <dt>Liquidation</dt>
          <dd data-testid="liquidation">
            {view.liquidationPrice ? `${price(view.liquidationPrice, view.tickSize)} (${pct(view.liquidationDistance)} away)` : '—'}
          </dd>
        </>
      )}
    </dl>
  );
}
