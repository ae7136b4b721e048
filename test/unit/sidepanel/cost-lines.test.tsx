// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HedgeView } from '../../../src/content/HedgeView';
import type { AssetView, Dashboard } from '../../../src/shared/hedge-types';
import { HoldingDetails } from '../../../src/sidepanel/HoldingDetails';

vi.mock('webextension-polyfill', () => ({ default: {} }));
afterEach(cleanup);

const DELIVERY = Date.UTC(2027, 2, 26, 8);
const view: AssetView = {
  asset: 'BTC', symbol: 'BTCUSDT', multiplier: '1', tickSize: '0.10', coinStep: '0.001', exposure: '1', holdings: [{ wallet: 'spot', amount: '1' }],
  targetRatio: '1', hedge: '1', ratio: '1', status: 'hedged', reason: { id: 'reasonOnTarget' }, markPrice: '6000', lastFundingRate: '-0.0001', nextFundingTime: null,
  fundingIntervalHours: 8, fundingText: null, quarterly: { symbol: 'BTCUSDT_270326', deliveryDate: DELIVERY, basisAnnual: '0.041' }, liquidationPrice: null, liquidationDistance: null, action: null, updatedAt: 0,
};
const row: Dashboard['assets'][number] = {
  ...view, fundingTotal: '-31.2', annualizedFunding: '-0.1095', pnl: null, guard: '6600', until: null,
  cost: { funding7d: '12.4', funding30d: '-31.2', funding30dAnnual: '-0.063267', rateAnnual30d: '-0.021', paidShare30d: '0.4' },
};

describe('the cost of protection in words', () => {
  it('the side panel puts the short\'s funding, the month\'s rates and the quarterly side by side', () => {
    const { getByTestId } = render(<HoldingDetails row={row} />);
    expect(getByTestId('cost-funding').textContent).toBe('Funding: +12.40 USDT over 7 days, -31.20 over 30 days (-6.3% a year)');
    expect(getByTestId('cost-rates').textContent).toBe('Rates of the last 30 days: -2.1% a year on average; the short paid in 40% of intervals');
    expect(getByTestId('quarterly').textContent).toBe('A quarterly short (BTCUSDT_270326) locks in +4.1% a year to Mar 26');
  });

  it('the panel adds the quarterly to the funding line only while the short pays', () => {
    expect(render(<HedgeView view={view} />).getByTestId('quarterly').textContent).toBe('A quarterly short (BTCUSDT_270326) locks in +4.1% a year to Mar 26');
    expect(render(<HedgeView view={{ ...view, lastFundingRate: '0.0001' }} />).container.querySelectorAll('[data-testid="quarterly"]')).toHaveLength(0);
  });
});
