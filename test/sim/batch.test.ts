/** POST /fapi/v1/batchOrders: up to five orders, one entry per order in the reply, refusals in place. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, control } from './helpers';
import { startSimulator, type Sim } from './server';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

const market = (symbol: string, quantity: string, more: Record<string, string> = {}) => ({ symbol, side: 'SELL', type: 'MARKET', quantity, newOrderRespType: 'RESULT', ...more });
const batch = (orders: object[]) => call(sim, 'POST', '/fapi/v1/batchOrders', { batchOrders: JSON.stringify(orders) });

describe('POST /fapi/v1/batchOrders', () => {
  it('places each order and answers one entry per order, in order; a refused one does not stop the others', async () => {
    const r = await batch([market('ETHUSDT', '1', { newClientOrderId: 'b-1' }), market('BTCUSDT', '0.01', { side: 'BUY', reduceOnly: 'true', newClientOrderId: 'b-2' }), market('SOLUSDT', '2', { newClientOrderId: 'b-3' })]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      expect.objectContaining({ clientOrderId: 'b-1', symbol: 'ETHUSDT', status: 'FILLED', executedQty: '1' }),
      { code: -2022, msg: 'ReduceOnly Order is rejected.' },
      expect.objectContaining({ clientOrderId: 'b-3', symbol: 'SOLUSDT', status: 'FILLED' }),
    ]);
    expect(r.body[0]).not.toHaveProperty('avgPrice'); // as POST /fapi/v1/order since 2026-07-15
    const orders = (await control(sim, 'orders')) as { clientOrderId: string }[];
    expect(orders.map((o) => o.clientOrderId)).toEqual(['b-1', 'b-3']);
  });

  it('refuses more than five orders, and a malformed list, as a whole', async () => {
    const six = await batch(Array.from({ length: 6 }, (_, i) => market('ETHUSDT', '1', { newClientOrderId: `b-${i}` })));
    expect(six.status).toBe(400);
    expect(six.body).toMatchObject({ code: -1130 });
    const bad = await call(sim, 'POST', '/fapi/v1/batchOrders', { batchOrders: '[{' });
    expect(bad.body).toMatchObject({ code: -1102 });
    expect(await control(sim, 'orders')).toEqual([]);
  });

  it('a fault armed for one order of the batch refuses just that one', async () => {
    await control(sim, 'fault', { match: { method: 'POST', path: '/fapi/v1/order', params: { newClientOrderId: 'b-2' } }, count: 1, kind: 'refused', code: -2019, msg: 'Margin is insufficient.' });
    const r = await batch([market('ETHUSDT', '1', { newClientOrderId: 'b-1' }), market('SOLUSDT', '2', { newClientOrderId: 'b-2' })]);
    expect(r.body).toEqual([expect.objectContaining({ clientOrderId: 'b-1' }), { code: -2019, msg: 'Margin is insufficient.' }]);
  });
});
