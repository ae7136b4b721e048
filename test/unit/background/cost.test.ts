import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount } from '../../sim/seed';
import { startSimulator } from '../../sim/server';
import { backgroundOnSim } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The simulator's BTCUSDT_261225 delivers on 25 Dec 2026 08:00 UTC: 60 days after this clock starts.
const START = Date.UTC(2026, 9, 26, 8);
const DELIVERY = Date.UTC(2026, 11, 25, 8);

let bg: Awaited<ReturnType<typeof backgroundOnSim>>;
beforeEach(async () => {
  const t0 = Date.now();
  const sim = await startSimulator({ now: () => START + Date.now() - t0 });
  // The background on the simulator's clock: funding settled 8 h ahead is in its windows.
  bg = await backgroundOnSim(sim, sim.now);
  // 1 BTC spot, hedged by 1 BTCUSDT short at 97,000.
  await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { BTC: '1', USDT: '1000' }, futuresUSDT: '50000', positions: [{ symbol: 'BTCUSDT', positionAmt: '-1', entryPrice: '97000' }], leverage: { BTCUSDT: 2 } }] });
});
afterEach(async () => bg.sim.close());

const refresh = () => bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: true });
const rateReads = () => bg.sim.requests.filter((r) => r.path === '/fapi/v1/fundingRate').length;

describe('the cost of protection', () => {
  it('a short paying funding: its 7 and 30 days, the month\'s rates read once an hour, and the quarterly beside it', async () => {
    await bg.control('funding', { symbol: 'BTCUSDT', rate: '-0.0002' });
    await bg.control('clock', { advanceMs: 8 * HOUR });
    const btc = (await refresh())!.assets.find((a) => a.asset === 'BTC')!;
    // One event: −1 × 97,000 × −0.0002 → the short pays 19.4; −19.4 / 97,000 × 365 / 30 = −0.002433.
    // The simulator's history: three events at −0.0002 → −0.0002 × 3 × 365 = −0.219, all paid by the short.
    expect(btc.cost).toEqual({ funding7d: '-19.4', funding30d: '-19.4', funding30dAnnual: '-0.002433', rateAnnual30d: '-0.219', paidShare30d: '1' });
    // mark 97,000 × 1.012 = 98,164 against index 97,000: 0.012 × 365 / days to delivery (≈ 59.7).
    expect(btc.quarterly).toMatchObject({ symbol: 'BTCUSDT_261225', deliveryDate: DELIVERY });
    expect(Number(btc.quarterly!.basisAnnual)).toBeCloseTo((0.012 * 365 * DAY) / (DELIVERY - btc.updatedAt), 6);
    expect(rateReads()).toBe(1);

    await refresh();
    expect(rateReads()).toBe(1); // kept for the hour (storage.session), not read per refresh
    expect(Object.keys((bg.session.data.get('fundingRates') as Record<string, unknown>) ?? {})).toEqual(['production:BTCUSDT']);
    await bg.control('clock', { advanceMs: HOUR });
    await refresh();
    expect(rateReads()).toBe(2);
  });

  it('a rate history Binance will not give leaves the rest of the cost (and the warnings) standing', async () => {
    await bg.control('fault', { match: { path: '/fapi/v1/fundingRate' }, count: 10, kind: 'http5xx' });
    const btc = (await refresh())!.assets.find((a) => a.asset === 'BTC')!;
    expect(btc.cost).toEqual({ funding7d: '0', funding30d: '0', funding30dAnnual: '0', rateAnnual30d: null, paidShare30d: null });
    expect(btc.status).toBe('hedged');
  });

  it('the panel\'s view carries the quarterly; an unhedged asset has no cost', async () => {
    const view = await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' });
    expect(view.quarterly?.symbol).toBe('BTCUSDT_261225');
    await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { BTC: '1', USDT: '1000' }, futuresUSDT: '50000' }] });
    const btc = (await refresh())!.assets.find((a) => a.asset === 'BTC')!;
    expect(btc.cost).toBeNull();
    expect(rateReads()).toBe(0);
  });
});
