/**
 * The liquidation guard through the background against the simulator: placed with a hedge,
 * moved with it, cancelled when it closes, made again when Binance drops it, never doubled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backgroundOnSim } from './harness';

let bg: Awaited<ReturnType<typeof backgroundOnSim>>;
beforeEach(async () => {
  bg = await backgroundOnSim();
  await bg.handlers['settings/set']({ type: 'settings/set', settings: { guard: { enabled: true, distance: '0.5' } } });
});
afterEach(async () => bg.sim.close());

type AlgoRow = { symbol: string; side: string; algoStatus: string; triggerPrice: string; closePosition: boolean; clientAlgoId: string };
const algoOrders = async (): Promise<AlgoRow[]> => (await fetch(`${bg.sim.url}/__sim/algo-orders`).then((r) => r.json())) as AlgoRow[];
const open = async () => (await algoOrders()).filter((o) => o.algoStatus === 'NEW');
/** A hedge order as the user confirms it, and its guard brought in line as after every order. */
const hedge = async (asset: string, intent: 'hedge' | 'close' = 'hedge') => {
  const p = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset, intent });
  await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: p.id });
  const s = await bg.keyed.get(false);
  await s.guards.sync([p.order.symbol]);
  return s;
};

describe('the liquidation guard', () => {
  it('comes with a hedge: one reduce-only BUY stop that closes the short, halfway between the mark and liquidation', async () => {
    const s = await hedge('BTC');
    const liq = Number((await s.exchange.positionRisk()).find((p) => p.symbol === 'BTCUSDT')!.liquidationPrice);
    const guards = await open();
    expect(guards).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', side: 'BUY', closePosition: true })]);
    const trigger = Number(guards[0]!.triggerPrice);
    expect(trigger).toBeGreaterThan(97_000);
    expect(trigger).toBeLessThan(liq);
    expect(Math.abs(trigger - (97_000 + liq) / 2)).toBeLessThan(0.2); // halfway, to the tick
  });

  it('moves with a rebalance, is cancelled when the hedge closes, and is never doubled', async () => {
    const s = await hedge('ETH');
    const first = (await open())[0]!;
    // More ETH bought and hedged: the liquidation price moves (5,076.06 → 5,067.79), and the guard with it.
    await bg.control('spot', { asset: 'ETH', free: '24' });
    await hedge('ETH');
    const moved = await open();
    expect(moved).toHaveLength(1);
    expect(moved[0]!.clientAlgoId).not.toBe(first.clientAlgoId);
    await s.guards.sync(); // in line already: nothing sent
    expect((await open()).map((o) => o.clientAlgoId)).toEqual([moved[0]!.clientAlgoId]);
    await hedge('ETH', 'close');
    expect(await open()).toEqual([]);
  });

  it('is made again when Binance no longer has it, and cancelled when switched off', async () => {
    const s = await hedge('BTC');
    const [g] = await open();
    // Cancelled by another tool on Binance's site:
    const k = await bg.keyed.get(false);
    await k.exchange.cancelAlgoOrder(g!.clientAlgoId);
    await s.guards.sync();
    expect(await open()).toEqual([expect.objectContaining({ symbol: 'BTCUSDT' })]);
    await bg.handlers['settings/set']({ type: 'settings/set', settings: { guard: { enabled: false, distance: '0.5' } } });
    await s.guards.sync();
    expect(await open()).toEqual([]);
  });

  it('fires on a rally through its trigger: the short is closed, the user told once, the panel offers to hedge again', async () => {
    const s = await hedge('BTC');
    s.live.start();
    for (let i = 0; i < 100 && s.live.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 20));
    const [g] = await open();
    await bg.control('mark', { symbol: 'BTCUSDT', markPrice: String(Math.ceil(Number(g!.triggerPrice)) + 1) });
    for (let i = 0; i < 100 && !bg.notified.some((n) => n.kind === 'guard'); i++) await new Promise((r) => setTimeout(r, 20));
    const fired = bg.notified.filter((n) => n.kind === 'guard');
    expect(fired).toEqual([expect.objectContaining({ severity: 'critical', asset: 'BTC', message: expect.toSay(/^The guard closed your BTCUSDT short at about .*: your BTC is no longer hedged/) })]);
    const state = await bg.control('state');
    expect(state.positions.filter((p: { positionAmt: string }) => p.positionAmt !== '0')).toEqual([]);
    expect(await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' })).toMatchObject({ status: 'under', action: { intent: 'hedge' } });
    s.live.stop();
  });
});
