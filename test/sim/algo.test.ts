/**
 * The Algo Service (USDⓈ-M conditional orders since 2025-12-09): POST/GET/DELETE /fapi/v1/algoOrder,
 * GET /fapi/v1/openAlgoOrders, -4120 on /fapi/v1/order, triggering on mark moves, ALGO_UPDATE.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AccountSpec } from './account';
import { call, control, order } from './helpers';
import { startSimulator, type Sim } from './server';
import { demoAccount } from './seed';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

/** 0.5 BTC short from 97,000 on 50,000 USDT: the hedge a Close-All BUY stop protects. */
const SHORT: AccountSpec = { ...demoAccount(), futuresUSDT: '50000', positions: [{ symbol: 'BTCUSDT', positionAmt: '-0.5', entryPrice: '97000' }] };
const seed = (account: AccountSpec = SHORT) => control(sim, 'seed', { accounts: [account], marks: { BTCUSDT: '97000' } });
const mark = (markPrice: string) => control(sim, 'mark', { symbol: 'BTCUSDT', markPrice });
const stop = (p: Record<string, string> = {}) =>
  call(sim, 'POST', '/fapi/v1/algoOrder', { algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'BUY', type: 'STOP_MARKET', triggerPrice: '100000', workingType: 'MARK_PRICE', closePosition: 'true', priceProtect: 'true', clientAlgoId: 'hedge-stop-1', ...p });
const state = () => control(sim, 'state');

/** The USDⓈ-M user-data stream's events, as they arrive. */
async function userStream(): Promise<{ events: any[]; close: () => void }> {
  const { listenKey } = (await call(sim, 'POST', '/fapi/v1/listenKey', {}, { sign: false })).body;
  const ws = new WebSocket(`${sim.wsUrl}/private/ws/${listenKey}`);
  const events: any[] = [];
  ws.on('message', (m) => events.push(JSON.parse(String(m))));
  await new Promise((r) => ws.once('open', r));
  return { events, close: () => ws.close() };
}
const settle = () => new Promise((r) => setTimeout(r, 50));
const algoStatuses = (events: any[]) => events.filter((e) => e.e === 'ALGO_UPDATE').map((e) => e.o.X);

describe('a Close-All STOP_MARKET BUY on a BTCUSDT short', () => {
  it('is accepted as NEW, listed open, and does not fire below its trigger', async () => {
    await seed();
    const placed = await stop();
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ clientAlgoId: 'hedge-stop-1', algoType: 'CONDITIONAL', orderType: 'STOP_MARKET', side: 'BUY', positionSide: 'BOTH', algoStatus: 'NEW', triggerPrice: '100000.00', workingType: 'MARK_PRICE', closePosition: true, priceProtect: true, reduceOnly: false, triggerTime: 0 });
    await mark('99999.9');
    expect((await state()).positions).toEqual([{ symbol: 'BTCUSDT', positionSide: 'BOTH', positionAmt: '-0.5', entryPrice: '97000' }]);
    expect((await control(sim, 'orders')).length).toBe(0);
    const open = (await call(sim, 'GET', '/fapi/v1/openAlgoOrders', { symbol: 'BTCUSDT' })).body;
    expect(open.map((o: any) => [o.clientAlgoId, o.algoStatus])).toEqual([['hedge-stop-1', 'NEW']]);
  });

  it('fires when the mark rises through it: one reduce-only market order closes the short; ALGO_UPDATE and ORDER_TRADE_UPDATE report it', async () => {
    await seed();
    const stream = await userStream();
    const { algoId } = (await stop()).body;
    await mark('100500');
    await settle();
    stream.close();

    // The position is closed by exactly one MARKET BUY of 0.5, reduce-only, filled at the mark.
    expect((await state()).positions).toEqual([]);
    const orders = await control(sim, 'orders');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', origQty: '0.5', reduceOnly: true, status: 'FILLED', avgPrice: '100500' });
    const orderId = orders[0].orderId;

    // NEW on placement, then TRIGGERING → TRIGGERED (with the order's id) → FINISHED (with its fill).
    expect(algoStatuses(stream.events)).toEqual(['NEW', 'TRIGGERING', 'TRIGGERED', 'FINISHED']);
    const updates = stream.events.filter((e) => e.e === 'ALGO_UPDATE');
    expect(updates[2].o).toMatchObject({ caid: 'hedge-stop-1', aid: algoId, ai: String(orderId), act: 'MARKET', cp: true, tp: '100000.00' });
    expect(updates[3].o).toMatchObject({ X: 'FINISHED', ai: String(orderId), ap: '100500', aq: '0.5' });
    const trade = stream.events.find((e) => e.e === 'ORDER_TRADE_UPDATE');
    expect(trade.o).toMatchObject({ s: 'BTCUSDT', S: 'BUY', o: 'MARKET', X: 'FILLED', i: orderId, z: '0.5', ap: '100500', R: true, rp: '-1750' });
    // In Binance's order: the algo order is triggered before its order trades, and finished after.
    const kinds = stream.events.map((e) => (e.e === 'ALGO_UPDATE' ? `ALGO_${e.o.X}` : e.e));
    expect(kinds.indexOf('ALGO_TRIGGERED')).toBeLessThan(kinds.indexOf('ORDER_TRADE_UPDATE'));
    expect(kinds.indexOf('ORDER_TRADE_UPDATE')).toBeLessThan(kinds.indexOf('ALGO_FINISHED'));

    // Every reader agrees: GET algoOrder, GET order, openAlgoOrders, income, the control route.
    const got = (await call(sim, 'GET', '/fapi/v1/algoOrder', { algoId })).body;
    expect(got).toMatchObject({ algoStatus: 'FINISHED', actualOrderId: String(orderId), actualPrice: '100500', actualType: 'MARKET', actualQty: '0.5' });
    expect(got.triggerTime).toBeGreaterThan(0);
    expect((await call(sim, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', orderId })).body).toMatchObject({ status: 'FILLED', executedQty: '0.5' });
    expect((await call(sim, 'GET', '/fapi/v1/openAlgoOrders')).body).toEqual([]);
    const income = (await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'REALIZED_PNL' })).body;
    expect(income.map((r: any) => r.income)).toEqual(['-1750']);
    const listed = await control(sim, 'algo-orders');
    expect(listed).toEqual([
      expect.objectContaining({ algoId, clientAlgoId: 'hedge-stop-1', symbol: 'BTCUSDT', side: 'BUY', type: 'STOP_MARKET', algoStatus: 'FINISHED', triggerPrice: '100000.00', closePosition: true, reduceOnly: false, actualOrderId: String(orderId) }),
    ]);
    expect((await state()).algoOrders).toEqual([expect.objectContaining({ algoId, algoStatus: 'FINISHED' })]);
  });

  it('fires on a coin-wide move ({coin, price}) as on a symbol move', async () => {
    await seed();
    await stop();
    await control(sim, 'mark', { coin: 'BTC', price: '99000' });
    expect((await state()).positions).toHaveLength(1);
    await control(sim, 'mark', { coin: 'BTC', price: '101000' });
    expect((await state()).positions).toEqual([]);
    expect((await control(sim, 'algo-orders'))[0]).toMatchObject({ algoStatus: 'FINISHED' });
  });

  it('once cancelled, never fires (and cannot be cancelled twice)', async () => {
    await seed();
    const stream = await userStream();
    const { algoId } = (await stop()).body;
    const cancelled = await call(sim, 'DELETE', '/fapi/v1/algoOrder', { clientAlgoId: 'hedge-stop-1' });
    expect(cancelled).toMatchObject({ status: 200, body: { algoId, clientAlgoId: 'hedge-stop-1', code: '200', msg: 'success' } });
    await mark('120000');
    await settle();
    stream.close();
    expect((await state()).positions).toEqual([expect.objectContaining({ positionAmt: '-0.5' })]);
    expect(await control(sim, 'orders')).toEqual([]);
    expect(algoStatuses(stream.events)).toEqual(['NEW', 'CANCELED']);
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'hedge-stop-1' })).body.algoStatus).toBe('CANCELED');
    expect((await call(sim, 'DELETE', '/fapi/v1/algoOrder', { algoId })).body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
  });

  it('expires (no order) when the short it would close is gone: closed by another order, or absent at the trigger', async () => {
    await seed();
    await stop();
    await order(sim, { symbol: 'BTCUSDT', side: 'BUY', quantity: '0.5', reduceOnly: 'true' });
    expect((await control(sim, 'algo-orders'))[0]).toMatchObject({ algoStatus: 'EXPIRED', actualOrderId: '' });

    await seed({ ...SHORT, positions: [] });
    await stop({ clientAlgoId: 'no-short' });
    await mark('100500');
    expect((await control(sim, 'algo-orders'))[0]).toMatchObject({ clientAlgoId: 'no-short', algoStatus: 'EXPIRED', actualOrderId: '' });
    expect(await control(sim, 'orders')).toEqual([]);
  });

  it('a reduce-only stop larger than the position is rejected at the trigger (Reduce Only reject)', async () => {
    await seed();
    const stream = await userStream();
    await stop({ closePosition: 'false', quantity: '0.8', reduceOnly: 'true', clientAlgoId: 'too-big' });
    await mark('100500');
    await settle();
    stream.close();
    expect(algoStatuses(stream.events)).toEqual(['NEW', 'TRIGGERING', 'REJECTED']);
    expect(stream.events.at(-1).o.rm).toBe('Reduce Only reject');
    expect((await state()).positions).toHaveLength(1);
  });
});

describe('the endpoints', () => {
  it('POST /fapi/v1/order refuses every conditional type with -4120; MARKET still goes through', async () => {
    await seed();
    for (const type of ['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP', 'TAKE_PROFIT', 'TRAILING_STOP_MARKET']) {
      const refused = await call(sim, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', side: 'BUY', type, stopPrice: '100000', closePosition: 'true' });
      expect(refused).toMatchObject({ status: 400, body: { code: -4120, msg: 'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.' } });
    }
    expect((await order(sim, { symbol: 'BTCUSDT', side: 'BUY', quantity: '0.1' })).status).toBe(200);
  });

  it('GET /fapi/v1/algoOrder by clientAlgoId or algoId; -2013 when unknown, -1102 with neither', async () => {
    await seed();
    const { algoId } = (await stop()).body;
    const byClient = await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'hedge-stop-1' });
    expect(byClient).toMatchObject({ status: 200, body: { algoId, clientAlgoId: 'hedge-stop-1', algoStatus: 'NEW', actualOrderId: '', triggerPrice: '100000.00', closePosition: true } });
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder', { algoId })).body.clientAlgoId).toBe('hedge-stop-1');
    expect(await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'never-sent' })).toMatchObject({ status: 400, body: { code: -2013, msg: 'Order does not exist.' } });
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder')).body.code).toBe(-1102);
  });

  it('refuses what Binance refuses: quantity with Close-All, a trigger already reached, a duplicate open clientAlgoId, a bad algoType', async () => {
    await seed();
    expect((await stop({ quantity: '0.5' })).body).toEqual({ code: -4137, msg: 'Quantity must be zero with closePosition equals true' });
    expect((await stop({ triggerPrice: '96000' })).body).toEqual({ code: -2021, msg: 'Order would immediately trigger.' });
    expect((await stop()).status).toBe(200);
    expect((await stop()).body.code).toBe(-4116);
    expect((await stop({ algoType: 'VP', clientAlgoId: 'x' })).body.code).toBe(-1102);
    expect((await stop({ type: 'MARKET', clientAlgoId: 'y' })).body.code).toBe(-1116);
  });

  it('weights as documented: New Algo Order 0, query 1, openAlgoOrders 1 with a symbol and 40 without', async () => {
    await seed();
    await stop();
    await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'hedge-stop-1' });
    await call(sim, 'GET', '/fapi/v1/openAlgoOrders', { symbol: 'BTCUSDT' });
    await call(sim, 'GET', '/fapi/v1/openAlgoOrders');
    const log = (await control(sim, 'requests')).filter((r: any) => /algo/i.test(r.path));
    expect(log.map((r: any) => [r.method, r.path, r.weight])).toEqual([
      ['POST', '/fapi/v1/algoOrder', 0],
      ['GET', '/fapi/v1/algoOrder', 1],
      ['GET', '/fapi/v1/openAlgoOrders', 1],
      ['GET', '/fapi/v1/openAlgoOrders', 40],
    ]);
    expect(log[0].clientOrderId).toBe('hedge-stop-1');
  });

  it('a TAKE_PROFIT_MARKET SELL with a quantity and a trailing stop trigger by their own rules', async () => {
    await seed({ ...SHORT, positions: [{ symbol: 'BTCUSDT', positionAmt: '0.5', entryPrice: '97000' }] });
    await stop({ side: 'SELL', type: 'TAKE_PROFIT_MARKET', triggerPrice: '99000', closePosition: 'false', quantity: '0.2', reduceOnly: 'true', clientAlgoId: 'tp' });
    // Trailing SELL: activated once the mark reaches 98,000; fires 1 % below the highest mark after that.
    await stop({ side: 'SELL', type: 'TRAILING_STOP_MARKET', triggerPrice: '', activatePrice: '98000', callbackRate: '1', closePosition: 'false', quantity: '0.1', reduceOnly: 'true', clientAlgoId: 'trail' });
    await mark('99500');
    expect((await state()).positions[0].positionAmt).toBe('0.3');
    await mark('100000');
    await mark('99100');
    expect((await state()).positions[0].positionAmt).toBe('0.3');
    await mark('98900');
    expect((await state()).positions[0].positionAmt).toBe('0.2');
    expect((await control(sim, 'algo-orders')).map((o: any) => [o.clientAlgoId, o.algoStatus])).toEqual([
      ['tp', 'FINISHED'],
      ['trail', 'FINISHED'],
    ]);
  });
});

describe('faults on POST /fapi/v1/algoOrder', () => {
  it('timeoutAfterAccept: the reply never comes, the algo order exists', async () => {
    await seed();
    await control(sim, 'fault', { match: { method: 'POST', path: '/fapi/v1/algoOrder', params: { clientAlgoId: 'lost-reply' } }, count: 1, kind: 'timeoutAfterAccept' });
    await expect(stop({ clientAlgoId: 'lost-reply' })).rejects.toThrow();
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'lost-reply' })).body).toMatchObject({ clientAlgoId: 'lost-reply', algoStatus: 'NEW' });
    expect((await control(sim, 'requests')).find((r: any) => r.path === '/fapi/v1/algoOrder')).toMatchObject({ method: 'POST', fault: 'timeoutAfterAccept', clientOrderId: 'lost-reply' });
    // The retry by the same clientAlgoId is refused as a duplicate while the first is open.
    expect((await stop({ clientAlgoId: 'lost-reply' })).body.code).toBe(-4116);
  });

  it('http5xx before the service sees it: nothing is placed; unreadableAfterAccept: placed, the body unreadable', async () => {
    await seed();
    await control(sim, 'fault', { match: { path: '/fapi/v1/algoOrder' }, count: 1, kind: 'http5xx', status: 503 });
    expect((await stop({ clientAlgoId: 'never' })).status).toBe(503);
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'never' })).body.code).toBe(-2013);
    await control(sim, 'fault', { match: { method: 'POST', path: '/fapi/v1/algoOrder' }, count: 1, kind: 'unreadableAfterAccept' });
    const cut = await stop({ clientAlgoId: 'cut' });
    expect(cut.status).toBe(200);
    expect(typeof cut.body).toBe('string');
    expect((await call(sim, 'GET', '/fapi/v1/algoOrder', { clientAlgoId: 'cut' })).body.algoStatus).toBe('NEW');
  });
});
