import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount } from '../../sim/seed';
import { backgroundOnSim } from './harness';

let bg: Awaited<ReturnType<typeof backgroundOnSim>>;
beforeEach(async () => {
  bg = await backgroundOnSim();
  // A hedged account: 10 SOL spot, 10 SOL short, plenty of margin.
  await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { SOL: '10', USDT: '1000' }, futuresUSDT: '5000', positions: [{ symbol: 'SOLUSDT', positionAmt: '-10', entryPrice: '180' }], leverage: { SOLUSDT: 2 } }] });
});
afterEach(async () => bg.sim.close());

const refresh = () => bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: true });

describe('monitor', () => {
  it('a hedged account has no warning and an empty badge', async () => {
    const d = await refresh();
    expect(d!.assets.find((a) => a.asset === 'SOL')).toMatchObject({ status: 'hedged', ratio: '1' });
    expect(d!.warnings.filter((w) => w.severity !== 'info')).toEqual([]);
    expect(bg.badges.at(-1)).toMatchObject({ text: '', severity: null });
  });

  it('drift: buying more spot makes the hedge under; the badge warns', async () => {
    await bg.control('spot', { asset: 'SOL', free: '15' });
    const d = await refresh();
    expect(d!.warnings).toEqual([expect.objectContaining({ id: 'under:SOL', severity: 'warn' })]);
    expect(bg.badges.at(-1)).toMatchObject({ text: '1', severity: 'warn' });
    expect(bg.notified).toEqual([]);
  });

  it('selling all the spot leaves an orphan short: critical, notified once while it lasts, again if it returns', async () => {
    await bg.control('spot', { asset: 'SOL', free: '0' });
    await refresh();
    await refresh();
    expect(bg.notified.map((w) => w.id)).toEqual(['orphan:SOL']);
    expect(bg.badges.at(-1)).toMatchObject({ text: '1', severity: 'critical' });
    await bg.control('spot', { asset: 'SOL', free: '10' });
    await refresh();
    await bg.control('spot', { asset: 'SOL', free: '0' });
    await refresh();
    expect(bg.notified.map((w) => w.id)).toEqual(['orphan:SOL', 'orphan:SOL']);
  });

  it('a mark price rally pushes the margin ratio past the critical threshold', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { SOL: '100', USDT: '1000' }, futuresUSDT: '1000', positions: [{ symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' }], leverage: { SOLUSDT: 2 } }] });
    expect((await refresh())!.warnings.find((w) => w.id === 'margin-ratio')).toBeUndefined();
    await bg.control('mark', { symbol: 'SOLUSDT', markPrice: '188.5' });
    const d = await refresh();
    expect(d!.warnings.find((w) => w.id === 'margin-ratio')).toMatchObject({ severity: 'critical' });
    expect(d!.warnings.find((w) => w.id === 'liquidation:SOL')).toMatchObject({ severity: 'critical' });
    expect(Number(d!.marginRatio)).toBeGreaterThan(0.8);
    expect(bg.notified.map((w) => w.id)).toContain('margin-ratio');
  });

  it('negative funding: the cost warning, and the history counts each payment once', async () => {
    await bg.control('funding', { symbol: 'SOLUSDT', rate: '-0.005' });
    await bg.control('clock', { advanceMs: 8 * 3_600_000 });
    const d = await refresh();
    expect(d!.warnings).toEqual([expect.objectContaining({ id: 'funding-cost:SOL', severity: 'warn' })]);
    expect(d!.assets.find((a) => a.asset === 'SOL')!.fundingTotal).toBe('-9'); // 10 × 180 × 0.005
    await refresh(); // a second sync must not count the same tranId twice
    const again = await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false });
    expect(again!.assets.find((a) => a.asset === 'SOL')!.fundingTotal).toBe('-9');
    expect(Number(again!.nextFunding)).toBeLessThan(0);
  });

  it('a margin call on the user-data stream refreshes the warnings at once, without the minute poll', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { SOL: '100', USDT: '1000' }, futuresUSDT: '1000', positions: [{ symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' }], leverage: { SOLUSDT: 2 } }] });
    const s = await bg.keyed.get(false);
    s.live.start();
    for (let i = 0; i < 100 && s.live.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.live.state).toBe('open');
    // (m − 50) / (19,000 − 100·m) crosses 80 % at m ≈ 188.27 and liquidates at ≈ 188.67: MARGIN_CALL only.
    await bg.control('mark', { symbol: 'SOLUSDT', markPrice: '188.5' });
    for (let i = 0; i < 100 && bg.changed.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(bg.changed[0]).toContain('SOL');
    expect(bg.notified.map((w) => w.id)).toContain('margin-ratio');
    s.live.stop();
  });

  it('a spot buy, a partial sale and a full sale reach the dashboard over the spot stream, with no poll', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { BTC: '1.5', USDT: '1000' }, futuresUSDT: '100000', positions: [{ symbol: 'BTCUSDT', positionAmt: '-1.5', entryPrice: '97000' }] }] });
    expect((await refresh())!.assets.find((a) => a.asset === 'BTC')).toMatchObject({ status: 'hedged' });
    const s = await bg.keyed.get(false);
    s.live.start();
    for (let i = 0; i < 100 && s.live.spotState !== 'open'; i++) await new Promise((r) => setTimeout(r, 20));
    const btcAfter = async (free: string) => {
      const seen = bg.changed.length;
      await bg.control('spot', { asset: 'BTC', free });
      for (let i = 0; i < 100 && !bg.changed.slice(seen).some((a) => a.includes('BTC')); i++) await new Promise((r) => setTimeout(r, 20));
      return (await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false }))!.assets.find((a) => a.asset === 'BTC')!;
    };
    expect(await btcAfter('2')).toMatchObject({ status: 'under', action: { label: 'Add 0.5 BTC to hedge' } });
    expect(await btcAfter('1')).toMatchObject({ status: 'over', action: { label: 'Reduce hedge by 0.5 BTC' } });
    expect(await btcAfter('0')).toMatchObject({ status: 'orphan', action: { label: 'Close hedge' } });
    s.live.stop();
  });

  it('a mark price tick that brings liquidation within 15 % refreshes the warnings, with no poll or account event', async () => {
    // 100 SOL short at 180 with 4,000 USDT: liquidation near 218, 21 % away; at 195 it is 12 % away.
    await bg.control('seed', { accounts: [{ ...demoAccount(), spot: { SOL: '100', USDT: '1000' }, futuresUSDT: '4000', positions: [{ symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' }], leverage: { SOLUSDT: 2 } }] });
    expect((await refresh())!.warnings).toEqual([]);
    const s = await bg.keyed.get(false);
    s.live.start();
    await bg.control('mark', { symbol: 'SOLUSDT', markPrice: '195' });
    for (let i = 0; i < 150 && bg.changed.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    s.live.stop();
    const d = await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false });
    expect(d!.warnings).toEqual([expect.objectContaining({ id: 'liquidation:SOL', severity: 'warn' })]);
  });

  it('the P&L statement: spot move and futures PnL cancel, fees and funding make the net', async () => {
    await bg.control('mark', { symbol: 'SOLUSDT', markPrice: '189' });
    let sol = (await refresh())!.assets.find((a) => a.asset === 'SOL')!;
    expect(sol.pnl).toEqual({ spotMove: '90', futuresPnl: '-90', funding: '0', fees: '0', net: '0' });
    await bg.control('spot', { asset: 'SOL', free: '12' });
    const p = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'SOL', intent: 'hedge' });
    await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: p.id }); // sells 2 SOL at 189: 0.189 fee
    sol = (await refresh())!.assets.find((a) => a.asset === 'SOL')!;
    expect(sol.pnl?.fees).toBe('-0.19');
  });

  it('exports the journal and funding history as CSV', async () => {
    const p = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'SOL', intent: 'close' });
    await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: p.id });
    const { journalCsv, fundingCsv } = await bg.handlers['history/export']({ type: 'history/export' });
    expect(journalCsv.split('\n')[0]).toMatch(/^time,asset,intent,symbol,side/);
    expect(journalCsv).toMatch(/SOL,close,SOLUSDT,BUY,BOTH,10,true,filled/);
    expect(fundingCsv.split('\n')[0]).toBe('time,symbol,income,asset,tranId');
  });

  it('a refresh that started earlier but lands later does not replace the newer dashboard', async () => {
    await refresh();
    // The slow refresh reads 10 SOL of spot (hedged), then waits on its mark prices.
    await bg.control('fault', { match: { path: '/fapi/v1/premiumIndex' }, count: 1, kind: 'latency', ms: 400 });
    const slow = refresh();
    await new Promise((r) => setTimeout(r, 100));
    await bg.control('spot', { asset: 'SOL', free: '0' });
    const fast = await refresh(); // started later, sees the spot sold: orphan, and lands first
    expect(fast!.assets.find((a) => a.asset === 'SOL')!.status).toBe('orphan');
    expect((await slow)!.assets.find((a) => a.asset === 'SOL')!.status).toBe('orphan');
    const kept = await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false });
    expect(kept!.assets.find((a) => a.asset === 'SOL')!.status).toBe('orphan');
  });

  it('opens instantly from the cache and says nothing when locked with no cache', async () => {
    await refresh();
    await bg.handlers['keys/lock']({ type: 'keys/lock' });
    expect(await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false })).not.toBeNull();
    await expect(refresh()).rejects.toMatchObject({ info: { code: 'locked' } });
  });
});

describe('auto top-up', () => {
  let t: Awaited<ReturnType<typeof backgroundOnSim>>;
  beforeEach(async () => {
    t = await backgroundOnSim();
    await t.control('seed', { accounts: [{ ...demoAccount(), spot: { SOL: '100', USDT: '5000' }, futuresUSDT: '1000', positions: [{ symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' }], leverage: { SOLUSDT: 2 } }] });
    await t.control('mark', { symbol: 'SOLUSDT', markPrice: '188.5' }); // margin ratio ≈ 90 %
  });
  afterEach(async () => t.sim.close());

  it('is off by default: nothing moves', async () => {
    expect(await (await t.keyed.get(false)).topUp()).toBeNull();
    expect((await t.control('state')).wallet).toBe('1000');
  });

  // At 188.5 the margin balance is 150 and maintenance 138.5 (ratio 92 %); halving the 50 % warning
  // level to 25 % needs 138.5 / 0.25 − 150 = 404 USDT.
  it('when on, moves what brings the ratio back to 25 %, and notifies', async () => {
    await t.handlers['settings/set']({ type: 'settings/set', settings: { autoTopUp: { enabled: true, dailyCapUsdt: '1000' } } });
    const done = await (await t.keyed.get(false)).topUp();
    expect(done).toMatchObject({ amount: '404.00' });
    expect(t.notified.map((w) => w.id)).toEqual([`top-up:${done!.tranId}`]);
    expect((await t.control('state')).wallet).toBe('1404');
  });

  it('a top-up Binance did not confirm counts against the cap and is not sent again next minute', async () => {
    await t.handlers['settings/set']({ type: 'settings/set', settings: { autoTopUp: { enabled: true, dailyCapUsdt: '404' } } });
    await t.control('fault', { match: { method: 'POST', path: '/sapi/v1/asset/transfer' }, count: 1, kind: 'timeoutAfterAccept' });
    const first = await (await t.keyed.get(false)).topUp();
    expect(first).toMatchObject({ amount: '404.00' });
    expect(first).not.toHaveProperty('tranId');
    expect(t.notified.at(-1)?.message).toSay(/did not confirm it, so it counts against today's cap and is not sent again/);
    expect(await (await t.keyed.get(false)).topUp()).toBeNull();
    expect(t.sim.requests.filter((r) => r.path === '/sapi/v1/asset/transfer')).toHaveLength(1);
  });

  it('never moves more than the daily cap', async () => {
    await t.handlers['settings/set']({ type: 'settings/set', settings: { autoTopUp: { enabled: true, dailyCapUsdt: '300' } } });
    expect(await (await t.keyed.get(false)).topUp()).toMatchObject({ amount: '300.00' });
    await t.control('mark', { symbol: 'SOLUSDT', markPrice: '190.5' }); // ratio back above 50 %
    expect(await (await t.keyed.get(false)).topUp()).toBeNull();
    expect((await t.control('state')).wallet).toBe('1300');
  });
});
