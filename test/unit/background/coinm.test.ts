/**
 * A COIN-M hedge through the background against the simulator: the coins themselves as the
 * short's collateral, no USDT. Numbers worked by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { demoAccount } from '../../sim/seed';
import { backgroundOnSim } from './harness';

let sim: Sim;
afterEach(async () => sim.close());

describe('hedging 2 BTC on COIN-M, with no USDT', () => {
  it('moves the BTC to the COIN-M wallet, shorts round_down(2 × 97,000 / 100) contracts, survives a doubling, and closes back to Spot', async () => {
    sim = await startSimulator({ accounts: [{ ...demoAccount(), spot: { BTC: '2' }, futuresUSDT: '0' }] });
    const bg = await backgroundOnSim(sim);
    const p = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'BTC', intent: 'hedge' });
    // 2 × 97,000 / 100 = 1,940 contracts; at 2x the margin (1 BTC) and the fee (0.001 BTC) fit in the 2 BTC.
    expect(p).toMatchObject({ family: 'coinm', alternative: 'usdm', order: { symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '1940' }, transfer: '2', collateral: 'BTC', notional: '194000.00', fees: '0.001', liquidationPrice: null });
    expect(p.coins).toBe('2');
    await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: p.id });
    let state = await bg.control('state');
    expect(state.spot.BTC ?? '0').toBe('0');
    expect(state.coinm.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSD_PERP', positionAmt: '-1940' })]);
    expect(Number(state.coinm.balances.BTC)).toBeCloseTo(1.999, 6); // 2 − the 0.001 fee
    expect(await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' })).toMatchObject({ status: 'hedged', symbol: 'BTCUSD_PERP' });

    // A rally to twice the mark: the short loses 1 BTC, the coins are worth twice as much; no liquidation.
    await bg.control('mark', { coin: 'BTC', price: '194000' });
    state = await bg.control('state');
    expect(state.coinm.positions).toEqual([expect.objectContaining({ positionAmt: '-1940' })]);
    const d = await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: true });
    expect(d?.assets.find((a) => a.asset === 'BTC')).toMatchObject({ status: 'hedged' });

    // Closing buys back every contract, then the BTC goes back to Spot.
    const close = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'BTC', intent: 'close' });
    expect(close).toMatchObject({ family: 'coinm', order: { side: 'BUY', quantity: '1940', reduceOnly: true }, returnCollateral: true, transfer: null });
    await bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId: close.id });
    state = await bg.control('state');
    expect(state.coinm.positions.filter((x: { positionAmt: string }) => x.positionAmt !== '0')).toEqual([]);
    // 1.999 − the 1 BTC the short lost on the doubling − the 0.0005 closing fee = 0.9985 BTC, worth
    // 193,709 USD at 194,000: what the 2 BTC were worth when hedged, less fees.
    expect(state.spot.BTC).toBe('0.9985');
    expect(Number(state.coinm.balances.BTC ?? '0')).toBeCloseTo(0, 8);
    expect(bg.steps.slice(-2)).toEqual(['verifying', 'returning']);
  });
});

describe('a COIN-M order a stopped worker left open', () => {
  it('is settled by asking COIN-M for it, never as "never placed" by USDⓈ-M', async () => {
    sim = await startSimulator({ accounts: [{ ...demoAccount(), spot: { BTC: '2' }, coinm: { balances: { BTC: '1' } } }] });
    let t = Date.now();
    const bg = await backgroundOnSim(sim, () => t);
    const s = await bg.keyed.get(false);
    // The order reached Binance, then the worker stopped before it heard back: the journal says "sent".
    const order = { symbol: 'BTCUSD_PERP', side: 'SELL' as const, positionSide: 'BOTH' as const, quantity: '100', reduceOnly: false };
    await s.market.coinmExchange!.newOrder({ ...order, newClientOrderId: 'sh-left-open' });
    await bg.store.put({ clientOrderId: 'sh-left-open', asset: 'BTC', intent: 'hedge', order, status: 'sent', family: 'coinm', createdAt: t, updatedAt: t, sentAt: t });
    t += 60_000; // long past recvWindow: USDⓈ-M, which never saw it, would call it never placed
    expect(await s.reconciler.reconcile()).toEqual({ settled: ['BTC'], open: 0 });
    expect(await bg.store.get('sh-left-open')).toMatchObject({ status: 'filled', executedQty: '100' });
  });
});
