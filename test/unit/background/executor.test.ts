import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../../src/background/executor';
import type { Sim } from '../../sim/server';
import { DEMO_KEY, demoAccount } from '../../sim/seed';
import { backgroundOnSim } from './harness';
import { said } from '../chrome-i18n';

let bg: Awaited<ReturnType<typeof backgroundOnSim>>;
let sim: Sim;
beforeEach(async () => {
  bg = await backgroundOnSim();
  sim = bg.sim;
});
afterEach(async () => sim.close());

const preview = (asset: string, intent: 'hedge' | 'close' = 'hedge') => bg.handlers['hedge/preview']({ type: 'hedge/preview', asset, intent });
const execute = (previewId: string) => bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId });

describe('hedging through the background', () => {
  it('shows the view, previews, and places exactly one order that hedges the spot', async () => {
    const view = await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'ETH' });
    expect(view).toMatchObject({ status: 'under', exposure: '12', hedge: '0', action: { intent: 'hedge', label: 'Hedge 12 ETH' } });
    const p = await preview('ETH');
    expect(p).toMatchObject({ order: { symbol: 'ETHUSDT', side: 'SELL', quantity: '12', positionSide: 'BOTH', reduceOnly: false }, notional: '40800.00', leverage: 2 });
    const result = await execute(p.id);
    expect(result.view).toMatchObject({ status: 'hedged', hedge: '12', ratio: '1' });
    expect(result.message).toSay(/^Sold 12 ETHUSDT at 3,400\.00\. Hedge ratio now 100\.0%\.$/);
    const orders = await bg.orders();
    expect(orders).toHaveLength(1);
    expect(orders[0].clientOrderId).toBe(clientOrderIdFor(p.id));
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled', executedQty: '12' });
  });

  it('moves exactly the missing margin from spot before the order when futures is short', async () => {
    const p = await preview('ETH'); // 40,800 notional at 2x needs 20,400 + 20.40 fees; futures has 500
    expect(p.transfer).toBe('19920.40');
    await execute(p.id);
    expect(bg.steps).toEqual(['setting-leverage', 'transferring', 'placing', 'verifying']);
    const state = await bg.control('state');
    expect(state.spot.USDT).toBe('80079.6');
  });

  it('when the marks have put the futures wallet under its initial margin, moves that deficit too', async () => {
    await execute((await preview('ETH')).id); // exactly the margin moved: nothing to spare
    sim.engine.setCoinPrice('ETH', '4080'); // +20 %: the short loses 8,160 and needs 4,080 more initial margin
    const t = sim.engine.totals(sim.engine.accounts.get(sim.apiKey)!, 'USDT');
    expect([t.available.toFixed(), t.marginBalance.minus(t.initial).toFixed()]).toEqual(['0', '-12240']); // Binance shows 0, not the deficit
    await bg.control('spot', { asset: 'SOL', free: '500' });
    const p = await preview('SOL');
    await expect(execute(p.id)).resolves.toMatchObject({ view: { status: 'hedged' } });
  });

  it('coins moved between Spot and Earn since Earn was last read: the preview reads Earn again, once 15 s old', async () => {
    let t = Date.now();
    sim.close();
    bg = await backgroundOnSim(undefined, () => t);
    sim = bg.sim;
    await execute((await preview('ETH')).id); // 12 ETH hedged; Earn read just now
    await bg.control('earn', { asset: 'ETH', amount: '5', type: 'flexible' }); // the user subscribes 5 of them
    await bg.control('spot', { asset: 'ETH', free: '7' });
    // Within 15 s the Earn read stands (300 weight: not for every preview of a moving balance): 5 look sold.
    t += 10_000;
    await expect(preview('ETH')).resolves.toMatchObject({ intent: 'hedge', order: { side: 'BUY', quantity: '5' } });
    // Then still 12 ETH held: nothing to buy back.
    t += 5_000;
    await expect(preview('ETH')).rejects.toMatchObject({ info: { code: 'nothing-to-do' } });
  });

  it('with too little USDT, offers the largest hedge it can fund and says what the rest needs', async () => {
    await bg.control('spot', { asset: 'USDT', free: '10' });
    // 500 in Futures + 10 in Spot; one ETH needs 3,400 / 2 margin + 1.70 fee: 510 / 1,701.70 → 0.299 ETH at the step.
    const p = await preview('ETH');
    expect(p).toMatchObject({ order: { symbol: 'ETHUSDT', quantity: '0.299' }, coins: '0.299', transfer: '8.81', collateral: 'USDT' });
    // The whole 12 ETH needs 19,920.40 moved; 10 is there.
    expect(p.partial).toEqual({ coins: '12', missing: '19910.40', collateral: 'USDT' });
    await execute(p.id);
    const state = await bg.control('state');
    expect(state.positions).toEqual([expect.objectContaining({ symbol: 'ETHUSDT', positionAmt: '-0.299' })]);
    expect(state.spot.USDT).toBe('1.19');
  });

  it('on USDⓈ-M, refuses a hedge not even the smallest order of which can be funded, saying how much to add', async () => {
    await bg.control('spot', { asset: 'USDT', free: '5' });
    await bg.control('futures-wallet', { asset: 'USDT', amount: '0' });
    const err = await bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'ETH', intent: 'hedge', route: 'usdm' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ info: { code: 'insufficient-usdt', action: expect.toSay(/^Add 20,415.40 USDT to your Spot wallet/) } });
    expect(await bg.orders()).toHaveLength(0);
  });

  it('without a route asked, offers COIN-M instead, the coins as collateral, and says why not USDⓈ-M', async () => {
    await bg.control('spot', { asset: 'USDT', free: '5' });
    await bg.control('futures-wallet', { asset: 'USDT', amount: '0' });
    // 12 ETH at 3,400 with 10 USD contracts: 4,080 contracts; the 12 ETH move to the COIN-M wallet.
    const p = await preview('ETH');
    expect(p).toMatchObject({ family: 'coinm', alternative: 'usdm', order: { symbol: 'ETHUSD_PERP', side: 'SELL', quantity: '4080' }, transfer: '12', collateral: 'ETH' });
    expect(p.warnings[0]).toSay(/^Not on USDⓈ-M: This hedge needs 20,420.40 USDT/);
  });

  it('maps PEPE to 1000PEPEUSDT and rounds to the contract step', async () => {
    await bg.control('spot', { asset: 'PEPE', free: '30000999.5' });
    const p = await preview('PEPE');
    expect(p).toMatchObject({ order: { symbol: '1000PEPEUSDT', quantity: '30000' }, coins: '30000000', residual: '999.5' });
  });

  it('hedge mode: the order carries positionSide SHORT and no reduceOnly', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), dualSidePosition: true, futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    expect(p.order).toMatchObject({ positionSide: 'SHORT', side: 'SELL', reduceOnly: false });
    await execute(p.id);
    expect((await bg.orders())[0]).toMatchObject({ positionSide: 'SHORT', reduceOnly: false });
  });

  it('a double click (two executes of one preview) places one order', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    const [a, b] = await Promise.all([execute(p.id), execute(p.id)]);
    expect(a.orderId).toBe(b.orderId);
    expect(await bg.orders()).toHaveLength(1);
  });

  it('a double click on a cold worker (no session yet) still places one order', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    bg.keyed.drop(); // as after a worker restart: the next requests build the session
    const [a, b] = await Promise.all([execute(p.id), execute(p.id)]);
    expect(a.orderId).toBe(b.orderId);
    expect(await bg.orders()).toHaveLength(1);
  });

  it('a second preview made before the first order on the same asset is refused, not doubled', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const [p1, p2] = [await preview('SOL'), await preview('SOL')];
    await execute(p1.id);
    await expect(execute(p2.id)).rejects.toMatchObject({ info: { code: 'preview-stale' } });
    expect(await bg.orders()).toHaveLength(1);
  });

  it('timeout after Binance accepted the order: asks by client order id, places nothing twice', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.control('fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'timeoutAfterAccept' });
    const result = await execute(p.id);
    expect(result.view?.status).toBe('hedged');
    expect(await bg.orders()).toHaveLength(1);
    const asked = sim.requests.filter((r) => r.path === '/fapi/v1/order').map((r) => r.method);
    expect(asked).toEqual(['POST', 'GET']);
  });

  it('a 5xx before Binance accepted: asks until the first request has expired, then sends once more — one order in all', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.control('fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'http5xx', status: 503 });
    await execute(p.id);
    expect(await bg.orders()).toHaveLength(1);
    // Asked until Binance could no longer accept the first request (recvWindow), then sent once more.
    const methods = sim.requests.filter((r) => r.path === '/fapi/v1/order').map((r) => r.method);
    // POST, asked (GET) until then, POST once more, then its fill read (the ack carries no avgPrice).
    expect(methods.join(' ')).toMatch(/^POST( GET)+ POST GET$/);
  });

  it('Binance unreachable while asking about an order: the entry stays unknown (never "failed"), and is settled later', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.control('fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'timeoutAfterAccept' });
    await bg.control('fault', { match: { method: 'GET', path: '/fapi/v1/order' }, count: 3, kind: 'connectionReset' });
    await expect(execute(p.id)).rejects.toMatchObject({ info: { code: 'order-unknown' } });
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'unknown' });
    const { reconciler } = await bg.keyed.get();
    expect(await reconciler.reconcile()).toEqual({ settled: ['SOL'], open: 0 });
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled', executedQty: '250' });
    expect(await bg.orders()).toHaveLength(1);
  });

  it('while an earlier order on the asset is unsettled, no new preview or order is made for it', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.store.put({ clientOrderId: 'sh-stopped', asset: 'SOL', intent: 'hedge', order: { symbol: 'SOLUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '250', reduceOnly: false }, status: 'pending', createdAt: Date.now(), updatedAt: Date.now(), sentAt: Date.now() });
    await expect(execute(p.id)).rejects.toMatchObject({ info: { code: 'order-pending', message: 'An earlier SOL order is still being checked with Binance.' } });
    await expect(preview('SOL')).rejects.toMatchObject({ info: { code: 'order-pending' } });
    expect(await bg.orders()).toEqual([]);
    await preview('ETH'); // other assets are not held up
  });

  it('an order Binance has not seen is settled as never placed only after its recvWindow has passed', async () => {
    let t = Date.now();
    sim.close();
    bg = await backgroundOnSim(undefined, () => t);
    sim = bg.sim;
    const entry = { clientOrderId: 'sh-late', asset: 'SOL', intent: 'hedge' as const, order: { symbol: 'SOLUSDT', side: 'SELL' as const, positionSide: 'BOTH' as const, quantity: '1', reduceOnly: false }, status: 'pending' as const, createdAt: t, updatedAt: t, sentAt: t };
    await bg.store.put(entry);
    const { reconciler } = await bg.keyed.get();
    t += 2_000; // within recvWindow (5 s): the request could still reach Binance
    expect(await reconciler.reconcile()).toEqual({ settled: [], open: 1 });
    expect(await bg.store.get('sh-late')).toMatchObject({ status: 'pending' });
    t += 5_000;
    expect(await reconciler.reconcile()).toEqual({ settled: ['SOL'], open: 0 });
    expect(await bg.store.get('sh-late')).toMatchObject({ status: 'failed', error: { code: 'never-placed' } });
  });

  it('a fill stays a success when the read-back after it fails: the user hears of the fill, with the reason', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.control('fault', { match: { method: 'GET', path: '/api/v3/account' }, count: 1, kind: 'http5xx', status: 503 });
    const result = await execute(p.id);
    expect(result.view).toBeNull();
    expect(result.message).toSay(/^Sold 250 SOLUSDT at .*could not be re-read just now \(Binance had an internal error \(HTTP 503\)\.\); it updates on the next refresh\.$/);
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled' });
  });

  it('a plain Binance refusal is shown in plain words and journaled as failed', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '1', spot: {} }] }); // margin gone meanwhile
    await expect(execute(p.id)).rejects.toMatchObject({ info: { code: 'binance-2019', message: expect.toSay(/Not enough margin/) } });
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'failed' });
  });

  it('closes an orphan short with a reduce-only buy of all of it', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000', spot: { USDT: '100' }, positions: [{ symbol: 'SOLUSDT', positionAmt: '-20', entryPrice: '180' }] }] });
    const view = await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'SOL' });
    expect(view).toMatchObject({ status: 'orphan', action: { intent: 'close', label: 'Close hedge' } });
    const p = await preview('SOL', 'close');
    expect(p.order).toMatchObject({ side: 'BUY', quantity: '20', reduceOnly: true });
    expect((await execute(p.id)).view?.hedge).toBe('0');
  });

  it('after a restart, unfinished journal entries are reconciled with Binance and never resent', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    // One order Binance received (the worker died before it heard back), one it never did.
    await fetch(`${sim.url}/__sim/fault`, { method: 'POST', body: JSON.stringify({ match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'timeoutAfterAccept' }) });
    const { createClient } = await import('../../../src/binance/client');
    const { futuresExchange } = await import('../../../src/binance/futures-exchange');
    const { toSim } = await import('../to-sim');
    const raw = futuresExchange(createClient({ env: 'production', key: { ...DEMO_KEY, type: 'HMAC', secret: DEMO_KEY.apiSecret }, fetch: toSim(sim.url) }));
    await raw.newOrder({ symbol: 'SOLUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '1', reduceOnly: false, newClientOrderId: 'sh-received' }).catch(() => undefined);
    const entry = (id: string) => ({ clientOrderId: id, asset: 'SOL', intent: 'hedge' as const, order: { symbol: 'SOLUSDT', side: 'SELL' as const, positionSide: 'BOTH' as const, quantity: '1', reduceOnly: false }, status: 'pending' as const, createdAt: 1, updatedAt: 1 });
    await bg.store.put(entry('sh-received'));
    await bg.store.put(entry('sh-never'));
    const { reconciler } = await bg.keyed.get();
    expect(await reconciler.reconcile()).toEqual({ settled: ['SOL', 'SOL'], open: 0 });
    expect(await bg.store.get('sh-received')).toMatchObject({ status: 'filled', executedQty: '1' });
    expect(await bg.store.get('sh-never')).toMatchObject({ status: 'failed', error: { code: 'never-placed' } });
    expect(await bg.orders()).toHaveLength(1);
    expect(await bg.store.unfinished()).toEqual([]);
  });

  it('no reply of any handler carries the API secret', async () => {
    const replies = [
      await bg.handlers['state/get']({ type: 'state/get' }),
      await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' }),
      await preview('BTC').catch((e: unknown) => e),
      await bg.handlers['settings/get']({ type: 'settings/get' }),
      await bg.handlers['keys/lock']({ type: 'keys/lock' }),
      await bg.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' }).catch((e: unknown) => e),
    ];
    const text = JSON.stringify(replies);
    expect(text).not.toContain(sim.apiSecret);
    expect(text).not.toContain(sim.apiKey);
    expect(text).toContain('locked');
  });
});

describe('a write Binance accepted is never reported as failed', () => {
  const FAULT = (path: string, kind: string, method = 'POST', extra: Record<string, unknown> = {}) => bg.control('fault', { match: { method, path }, count: 1, kind, ...extra });
  const ORDER = '/fapi/v1/order';

  it('an order reply without avgPrice (Binance\'s documented shape): the fill price is read from the order query', async () => {
    const p = await preview('ETH');
    const result = await execute(p.id);
    expect(result).toMatchObject({ executedQty: '12', avgPrice: '3400' });
    expect(result.message).toSay(/^Sold 12 ETHUSDT at 3,400\b/);
    expect(sim.requests.filter((r) => r.path === ORDER).map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it.each(['truncated', 'empty', 'html'])('an order answered 200 with an unreadable body (%s): checked with Binance, then the fill — one order', async (body) => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await FAULT(ORDER, 'unreadableAfterAccept', 'POST', { body });
    const result = await execute(p.id);
    expect(result).toMatchObject({ executedQty: '250', avgPrice: '180' });
    expect(bg.steps).toContain('checking');
    expect(await bg.orders()).toHaveLength(1);
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled', executedQty: '250', avgPrice: '180' });
  });

  it('accepted but the order query fails: "accepted", journaled open (never failed), never resent, then settled', async () => {
    await bg.control('seed', { accounts: [{ ...demoAccount(), futuresUSDT: '50000' }] });
    const p = await preview('SOL');
    await FAULT(ORDER, 'unreadableAfterAccept');
    await bg.control('fault', { match: { method: 'GET', path: ORDER }, count: 3, kind: 'http5xx', status: 503 });
    const err = await execute(p.id).catch((e: { info: { code: string; message: string; action: string } }) => e);
    expect(err).toMatchObject({ info: { code: 'order-accepted', message: expect.toSay(/Binance accepted the order/) } });
    expect(JSON.stringify(err)).not.toMatch(/failed|try again/i);
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'accepted' });
    expect(sim.requests.filter((r) => r.path === ORDER && r.method === 'POST')).toHaveLength(1);
    // The asset is held until Binance says what became of the order; then the fill is journaled.
    await expect(preview('SOL')).rejects.toMatchObject({ info: { code: 'order-pending' } });
    const { reconciler } = await bg.keyed.get();
    expect(await reconciler.reconcile()).toEqual({ settled: ['SOL'], open: 0 });
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled', executedQty: '250', avgPrice: '180' });
  });

  it('an acknowledged order Binance does not list yet is never settled as "never placed"', async () => {
    let t = Date.now();
    sim.close();
    bg = await backgroundOnSim(undefined, () => t);
    sim = bg.sim;
    await bg.store.put({ clientOrderId: 'sh-acked', asset: 'SOL', intent: 'hedge', order: { symbol: 'SOLUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '1', reduceOnly: false }, status: 'accepted', createdAt: t, updatedAt: t, sentAt: t });
    const { reconciler } = await bg.keyed.get();
    t += 60 * 60_000;
    expect(await reconciler.reconcile()).toEqual({ settled: [], open: 1 });
    expect(await bg.store.get('sh-acked')).toMatchObject({ status: 'accepted' });
    t += 3 * 86_400_000; // Binance keeps unfilled cancelled orders 3 days: after that, it was never filled
    expect(await reconciler.reconcile()).toEqual({ settled: ['SOL'], open: 0 });
    expect(await bg.store.get('sh-acked')).toMatchObject({ status: 'failed', error: { message: expect.toSay(/accepted this order but never filled it/) } });
  });

  it('the user-data stream settles an accepted order by its client order id, without a query', async () => {
    const { reconciler } = await bg.keyed.get();
    const now = Date.now();
    await bg.store.put({ clientOrderId: 'sh-streamed', asset: 'SOL', intent: 'hedge', order: { symbol: 'SOLUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '2', reduceOnly: false }, status: 'accepted', createdAt: now, updatedAt: now, sentAt: now });
    expect(await reconciler.fromStream({ s: 'SOLUSDT', c: 'sh-streamed', i: 7, X: 'PARTIALLY_FILLED', z: '1', ap: '180' })).toBeNull();
    expect(await reconciler.fromStream({ s: 'SOLUSDT', c: 'sh-streamed', i: 7, X: 'FILLED', z: '2', ap: '180.5' })).toBe('SOL');
    expect(await bg.store.get('sh-streamed')).toMatchObject({ status: 'filled', orderId: 7, executedQty: '2', avgPrice: '180.5' });
    expect(sim.requests.filter((r) => r.path === ORDER)).toEqual([]);
  });

  it('a transfer answered 200 with an unreadable body was accepted: the order follows', async () => {
    const p = await preview('ETH');
    expect(p.transfer).not.toBeNull();
    await FAULT('/sapi/v1/asset/transfer', 'unreadableAfterAccept');
    const result = await execute(p.id);
    expect(result.executedQty).toBe('12');
    expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled', transfer: { amount: p.transfer } });
  });

  it('a transfer that timed out after Binance took it is found in the transfer history: the order follows', async () => {
    const p = await preview('ETH');
    await FAULT('/sapi/v1/asset/transfer', 'timeoutAfterAccept');
    const result = await execute(p.id);
    expect(result.executedQty).toBe('12');
    const entry = await bg.store.get(clientOrderIdFor(p.id));
    expect(entry?.transfer).toMatchObject({ amount: p.transfer, tranId: expect.any(Number) });
    expect(sim.requests.filter((r) => r.path === '/sapi/v1/asset/transfer').map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('a transfer Binance would not confirm: nothing is ordered, and the user is told not to move it again yet', async () => {
    const p = await preview('ETH');
    await FAULT('/sapi/v1/asset/transfer', 'http5xx', 'POST', { status: 503 });
    await expect(execute(p.id)).rejects.toMatchObject({ info: { code: 'transfer-unknown', message: expect.toSay(/did not confirm whether 19,920.4 USDT moved/) } });
    expect(await bg.orders()).toEqual([]);
    expect(sim.requests.filter((r) => r.path === '/sapi/v1/asset/transfer' && r.method === 'POST')).toHaveLength(1);
  });

  it('a leverage change answered 200 unreadably was accepted; one answered 5xx is read back before going on', async () => {
    const p = await preview('ETH');
    expect(p.changes.leverage).toEqual({ from: 20, to: 2 });
    await FAULT('/fapi/v1/leverage', 'unreadableAfterAccept');
    await execute(p.id);
    expect((await bg.control('state')).leverage.ETHUSDT).toBe(2);

    const q = await preview('SOL');
    await FAULT('/fapi/v1/leverage', 'http5xx', 'POST', { status: 503 });
    await expect(execute(q.id)).rejects.toMatchObject({ info: { code: 'setting-unknown', message: expect.toSay(/did not confirm the leverage change to 2x/) } });
    expect((await bg.orders()).map((o: { symbol: string }) => o.symbol)).toEqual(['ETHUSDT']);
    expect(sim.requests.filter((r) => r.path === '/fapi/v1/symbolConfig').length).toBeGreaterThan(0);
  });
});

describe('Portfolio Margin accounts', () => {
  it('a -2015 from /fapi on a classic Portfolio Margin account is explained as the account type', async () => {
    const pm = await backgroundOnSim();
    try {
      await pm.control('seed', { accounts: [{ ...demoAccount(), permissions: { enablePortfolioMarginTrading: true } }] });
      const reply = await pm.handlers['keys/save']({ type: 'keys/save', apiKey: pm.sim.apiKey, keyType: 'HMAC', secret: pm.sim.apiSecret, passphrase: 'long enough phrase', acknowledgeWithdrawals: false });
      expect(reply.check?.warnings.map(said).join(' ')).toMatch(/Portfolio Margin/);
      await expect(pm.handlers['hedge/view']({ type: 'hedge/view', asset: 'BTC' })).rejects.toMatchObject({
        info: { code: 'binance-2015', message: expect.toSay(/classic Portfolio Margin account/) },
      });
    } finally {
      await pm.sim.close();
    }
  });
});

describe('hedge all unhedged', () => {
  it('previews every under-hedged asset against one budget, in order, the last with what is left, then executes them', async () => {
    const batch = await bg.handlers['hedge/preview-all']({ type: 'hedge/preview-all' });
    // 100,500 USDT in all: BTC 72,822.75 + ETH 20,420.40 + PEPE 180.18 fit; SOL's 22,522.50 does not:
    // the 7,076.67 left margin 78.55 SOL (90.09 a SOL at 2x with the fee), and 15,445.83 more would hedge all 250.
    expect(batch.previews.map((p) => [p.asset, p.order.quantity, p.partial])).toEqual([
      ['BTC', '1.5', null],
      ['ETH', '12', null],
      ['PEPE', '30000', null],
      ['SOL', '78.55', { coins: '250', missing: '15445.83', collateral: 'USDT' }],
    ]);
    expect(batch.skipped).toEqual([]);
    expect(batch.totals.transfer).toBe('99999.90'); // the wallet's 500 covers the first part
    for (const p of batch.previews) await execute(p.id);
    const state = await bg.control('state');
    expect(state.positions.map((p: { symbol: string; positionAmt: string }) => [p.symbol, p.positionAmt])).toEqual([
      ['BTCUSDT', '-1.5'],
      ['ETHUSDT', '-12'],
      ['1000PEPEUSDT', '-30000'],
      ['SOLUSDT', '-78.55'],
    ]);
    expect(state.spot.USDT).toBe('0.1'); // 100,000 − 99,999.90
  });

  const requests = async () => (await fetch(`${bg.sim.url}/__sim/requests`).then((r) => r.json())) as { method: string; path: string; fault?: string; clientOrderId?: string }[];
  const executeAll = (previewIds: string[]) => bg.handlers['hedge/execute-all']({ type: 'hedge/execute-all', previewIds });

  it('confirmed, hedges them in a few round trips: one transfer, one batch of orders', async () => {
    const batch = await bg.handlers['hedge/preview-all']({ type: 'hedge/preview-all' });
    const before = (await requests()).length;
    const { results } = await executeAll(batch.previews.map((p) => p.id));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    const sent = (await requests()).slice(before).filter((r) => r.method !== 'GET');
    expect(sent.filter((r) => r.path === '/sapi/v1/asset/transfer')).toHaveLength(1);
    expect(sent.filter((r) => r.path === '/fapi/v1/batchOrders')).toHaveLength(1);
    expect(sent.filter((r) => r.path === '/fapi/v1/order')).toHaveLength(0);
    const state = await bg.control('state');
    expect(state.positions.map((p: { symbol: string; positionAmt: string }) => [p.symbol, p.positionAmt])).toEqual([
      ['BTCUSDT', '-1.5'],
      ['ETHUSDT', '-12'],
      ['1000PEPEUSDT', '-30000'],
      ['SOLUSDT', '-78.55'],
    ]);
    expect(state.spot.USDT).toBe('0.1');
    for (const p of batch.previews) expect(await bg.store.get(clientOrderIdFor(p.id))).toMatchObject({ status: 'filled' });
  });

  it('a batch answered by a timeout after Binance took it: each order asked about by its id, none sent twice', async () => {
    const batch = await bg.handlers['hedge/preview-all']({ type: 'hedge/preview-all' });
    await bg.control('fault', { match: { method: 'POST', path: '/fapi/v1/batchOrders' }, count: 1, kind: 'timeoutAfterAccept' });
    const { results } = await executeAll(batch.previews.map((p) => p.id));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    const log = await requests();
    expect(log.filter((r) => r.path === '/fapi/v1/batchOrders')).toHaveLength(1);
    // Every order of the batch was looked up by its client order id.
    for (const p of batch.previews) expect(log.some((r) => r.method === 'GET' && r.path === '/fapi/v1/order' && r.clientOrderId === clientOrderIdFor(p.id))).toBe(true);
    expect(await bg.orders()).toHaveLength(4);
  });

  it('one order of the batch refused: that one fails with Binance\'s reason, the others go through', async () => {
    const batch = await bg.handlers['hedge/preview-all']({ type: 'hedge/preview-all' });
    // Binance refuses ETH's order (its margin is gone by the time it arrives: -2019).
    await bg.control('fault', { match: { method: 'POST', path: '/fapi/v1/order', params: { symbol: 'ETHUSDT' } }, count: 1, kind: 'refused', code: -2019, msg: 'Margin is insufficient.' });
    const { results } = await executeAll(batch.previews.map((p) => p.id));
    const eth = batch.previews.findIndex((p) => p.asset === 'ETH');
    expect(results.map((r) => r.ok)).toEqual(batch.previews.map((_, i) => i !== eth));
    expect(results[eth]).toMatchObject({ ok: false, error: { code: 'binance-2019', message: expect.toSay(/Not enough margin/) } });
    expect(await bg.store.get(clientOrderIdFor(batch.previews[eth]!.id))).toMatchObject({ status: 'failed' });
    expect((await bg.orders()).map((o) => o.symbol)).not.toContain('ETHUSDT');
  });
});

