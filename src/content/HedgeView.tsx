import { Countdown } from '../shared/Countdown';
import { fmt, pct, price, trimZeros } from '../shared/format';
import type { AssetView, HedgeStatus } from '../shared/hedge-types';

const STATUS_LABEL: Record<HedgeStatus, string> = {
  hedged: 'Hedged',
  under: 'Under-hedged',
  over: 'Over-hedged',
  orphan: 'Orphan short',
  'no-perp': 'No perpetual',
  'below-min': 'Below minimum',
  unreadable: 'Reply unreadable',
  stablecoin: 'Stablecoin',
};

export function HedgeView({ view }: { view: AssetView }) {
  const rate = view.lastFundingRate;
  return (
    <dl class="rows" data-testid="view">
      <dt>Spot</dt>
      <dd data-testid="spot">{fmt(view.exposure, 8)} {view.asset}</dd>
      <dt>Short</dt>
      <dd data-testid="short">{fmt(view.hedge, 8)} {view.asset}</dd>
      <dt>Hedge</dt>
      <dd>
        <span class={`badge s-${view.status}`} data-testid="hedge-status">{STATUS_LABEL[view.status]}</span>
        {view.ratio !== null && <span data-testid="ratio"> {pct(view.ratio, 1)}</span>}
      </dd>
      <dd class="reason" data-testid="reason">{view.reason}</dd>
      {view.symbol && (
        <>
          <dt>Perpetual</dt>
          <dd data-testid="symbol">
            {view.symbol}
            {view.multiplier !== '1' && <span class="muted"> (1 = {trimZeros(view.multiplier)} {view.asset})</span>}
          </dd>
          <dt>Mark</dt>
          <dd data-testid="mark">{price(view.markPrice)}</dd>
          <dt>Funding</dt>
          <dd data-testid="funding">
            <span class={rate && rate.startsWith('-') ? 'down' : 'up'}>{pct(rate, 4)}</span>
            {view.nextFundingTime !== null && <span class="muted"> · next in <Countdown time={view.nextFundingTime} /></span>}
            {view.fundingIntervalHours !== null && view.fundingIntervalHours !== 8 && <span class="muted"> · every {view.fundingIntervalHours} h</span>}
          </dd>
          {view.fundingText && <dd class="reason" data-testid="funding-text">{view.fundingText}</dd>}
          <dt>Liquidation</dt>
          <dd data-testid="liquidation">
            {view.liquidationPrice ? `${price(view.liquidationPrice)} (${pct(view.liquidationDistance, 1)} away)` : '—'}
          </dd>
        </>
      )}
    </dl>
  );
}
