import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { chartSeries } from '../../../src/background/charts';
import { chartPoints, openStore, POINT_KEEP_MS } from '../../../src/background/store';

const snap = (time: number, ratio = '1') => ({ time, marginRatio: '0.1', assets: [{ asset: 'BTC', ratio, markPrice: '97000' }] });

describe('chart points', () => {
  it('keeps one per 5 minutes and drops those past 90 days', async () => {
    const points = chartPoints(await openStore(`snap-${Date.now()}`));
    const t0 = 1_700_000_000_000;
    expect(await points.record(snap(t0))).toBe(true);
    expect(await points.record(snap(t0 + 60_000))).toBe(false);
    expect(await points.record(snap(t0 + 5 * 60_000))).toBe(true);
    expect(await points.record(snap(t0 + POINT_KEEP_MS + 10 * 60_000))).toBe(true);
    expect((await points.all()).map((p) => p.time)).toEqual([t0 + POINT_KEEP_MS + 10 * 60_000]);
  });
});

describe('chart series', () => {
  it('sums funding cumulatively in time order and lines hedge ratios up with snapshot times', () => {
    const s = chartSeries(
      [
        { tranId: 2, symbol: 'BTCUSDT', incomeType: 'FUNDING_FEE', income: '-0.5', asset: 'USDT', time: 2000 },
        { tranId: 1, symbol: 'BTCUSDT', incomeType: 'FUNDING_FEE', income: '1.25', asset: 'USDT', time: 1000 },
      ],
      [snap(1000, '0.5'), { ...snap(301_000), assets: [] }],
    );
    expect(s.funding).toEqual([[1, 2], [1.25, 0.75]]);
    expect(s.hedgeRatio).toEqual({ times: [1, 301], assets: { BTC: [0.5, null] } });
  });
});

describe('the database upgrade to version 4', () => {
  it('carries version 3\'s chart points forward (renamed store) and adds the key store', async () => {
    const { openDB } = await import('idb');
    const name = `upgrade-${Date.now()}`;
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('journal', { keyPath: 'clientOrderId' }).createIndex('by-status', 'status');
        db.createObjectStore('income', { keyPath: 'tranId' }).createIndex('by-time', 'time');
        db.createObjectStore('snapshots', { keyPath: 'time' });
      },
    });
    await v3.put('snapshots', snap(1000));
    await v3.put('snapshots', snap(400_000));
    v3.close();
    const db = await openStore(name);
    expect((await chartPoints(db).all()).map((p) => p.time)).toEqual([1000, 400_000]);
    expect([...db.objectStoreNames]).toEqual(expect.arrayContaining(['chartPoints', 'keys']));
    expect([...db.objectStoreNames]).not.toContain('snapshots');
  });
});
