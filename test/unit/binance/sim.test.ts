import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/binance/client';
import { futuresExchange } from '../../../src/binance/futures-exchange';
import { toSim } from '../to-sim';
import { startSimulator, type Sim } from '../../sim/server';

let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

describe('the client against the simulator', () => {
  it('reads the account, places a market order and finds it by client order id', async () => {
    const client = createClient({ env: 'production', key: { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }, fetch: toSim(sim.url) });
    const ex = futuresExchange(client);
    const symbols = await ex.futuresSymbols();
    expect(symbols.find((s) => s.symbol === '1000PEPEUSDT')?.baseAsset).toBe('1000PEPE');
    expect((await ex.spotBalances()).map((b) => b.asset)).toEqual(expect.arrayContaining(['BTC', 'PEPE', 'USDT']));
    expect(await ex.accountConfig()).toEqual({ dualSidePosition: false, multiAssetsMargin: false });
    expect((await ex.apiRestrictions()).enableFutures).toBe(true);
    const placed = await ex.newOrder({ symbol: 'ETHUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '0.5', reduceOnly: false, newClientOrderId: 'sim-client-1' });
    expect(placed).toMatchObject({ status: 'FILLED', executedQty: '0.5' });
    expect(await ex.getOrder('ETHUSDT', 'sim-client-1')).toMatchObject({ orderId: placed.orderId });
    expect(await ex.getOrder('ETHUSDT', 'never-sent')).toBeNull();
    expect((await ex.positionRisk()).find((p) => p.symbol === 'ETHUSDT')?.positionAmt).toBe('-0.5');
  });

  it('recovers from clock skew: -1021, re-sync, one retry', async () => {
    const client = createClient({ env: 'production', key: { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }, fetch: toSim(sim.url) });
    const ex = futuresExchange(client);
    await ex.account();
    await fetch(`${sim.url}/__sim/skew`, { method: 'POST', body: JSON.stringify({ ms: 8000 }) });
    await expect(ex.account()).resolves.toHaveProperty('totalWalletBalance');
    await fetch(`${sim.url}/__sim/skew`, { method: 'POST', body: JSON.stringify({ ms: 0 }) });
    const codes = sim.requests.filter((r) => r.path === '/fapi/v3/account').map((r) => r.code ?? r.status);
    expect(codes.slice(-2)).toEqual([-1021, 200]);
  });

  it('a key without futures permission is told so in plain words', async () => {
    await fetch(`${sim.url}/__sim/seed`, { method: 'POST', body: JSON.stringify({ accounts: [{ apiKey: sim.apiKey, apiSecret: sim.apiSecret, permissions: { enableFutures: false } }] }) });
    const ex = futuresExchange(createClient({ env: 'production', key: { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }, fetch: toSim(sim.url) }));
    await expect(ex.account()).rejects.toSay(/lacks Futures permission/);
    await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
  });
});
