import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../../src/binance/client';
import { coinmExchange } from '../../../src/binance/coinm-exchange';
import { isAccepted } from '../../../src/binance/errors';
import { futuresExchange } from '../../../src/binance/futures-exchange';
import { markStream, type MarkUpdate } from '../../../src/binance/mark-stream';
import { userStream, type UserEvent } from '../../../src/binance/user-stream';
import { startSimulator, type Sim } from '../../sim/server';
import { toSim } from '../to-sim';

let sim: Sim;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const state = async () => (await fetch(`${sim.url}/__sim/state`, { method: 'POST', body: '{}' })).json();
const fault = (body: unknown) => fetch(`${sim.url}/__sim/fault`, { method: 'POST', body: JSON.stringify(body) });

function setup() {
  const client = createClient({ env: 'production', key: { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }, fetch: toSim(sim.url) });
  return { client, coinm: coinmExchange(client), futures: futuresExchange(client) };
}

describe('COIN-M over the client, against the simulator', () => {
  it('reads contracts with their contractSize, perpetuals and quarterlies alike, and marks', async () => {
    const { coinm } = setup();
    const symbols = await coinm.symbols();
    expect(symbols.find((s) => s.symbol === 'BTCUSD_PERP')).toMatchObject({ pair: 'BTCUSD', contractType: 'PERPETUAL', contractStatus: 'TRADING', baseAsset: 'BTC', marginAsset: 'BTC', contractSize: 100 });
    expect(symbols.find((s) => s.symbol === 'ETHUSD_PERP')?.contractSize).toBe(10);
    expect(symbols.find((s) => s.symbol === 'BTCUSD_261225')?.contractType).toBe('CURRENT_QUARTER');
    expect(coinm.unreadable('/dapi/v1/exchangeInfo')).toEqual([]);
    const marks = await coinm.premiumIndex();
    expect(marks.find((m) => m.symbol === 'BTCUSD_PERP')).toMatchObject({ pair: 'BTCUSD', markPrice: expect.stringMatching(/^\d+\.\d+$/) });
    expect(marks.find((m) => m.symbol === 'BTCUSD_261225')?.lastFundingRate).toBe('');
    expect((await coinm.leverageBrackets()).find((b) => b.symbol === 'BTCUSD_PERP')?.brackets[0]).toMatchObject({ bracket: 1, qtylFloor: 0, qtyCap: expect.any(Number) });
    expect(await coinm.commissionRate('BTCUSD_PERP')).toMatchObject({ takerCommissionRate: '0.0005' });
    // The server time is measured on dapi's own clock.
    expect(sim.requests.some((r) => r.path === '/dapi/v1/time')).toBe(true);
  });

  it('moves BTC into the COIN-M wallet, sets leverage and margin type, shorts N contracts and finds the order by its client id', async () => {
    const { coinm, futures } = setup();
    await futures.transfer('MAIN_CMFUTURE', 'BTC', '0.5');
    expect((await state()).coinm.balances).toMatchObject({ BTC: '0.5' });
    expect((await coinm.account()).assets.find((a) => a.asset === 'BTC')?.walletBalance).toBe('0.50000000');

    await coinm.setLeverage('BTCUSD_PERP', 1);
    await coinm.setMarginType('BTCUSD_PERP', 'CROSSED'); // already so: -4046 is success
    await coinm.setMarginType('BTCUSD_PERP', 'ISOLATED');
    expect((await coinm.positionRisk()).find((p) => p.symbol === 'BTCUSD_PERP')).toMatchObject({ leverage: '1', marginType: 'isolated', positionAmt: '0' });
    await coinm.setMarginType('BTCUSD_PERP', 'CROSSED');

    const placed = await coinm.newOrder({ symbol: 'BTCUSD_PERP', side: 'SELL', positionSide: 'BOTH', quantity: '100', reduceOnly: false, newClientOrderId: 'cm-unit-1' });
    expect(placed).toMatchObject({ clientOrderId: 'cm-unit-1', status: 'FILLED', executedQty: '100' });
    expect(await coinm.getOrder('BTCUSD_PERP', 'cm-unit-1')).toMatchObject({ orderId: placed.orderId, status: 'FILLED', executedQty: '100' });
    expect(await coinm.getOrder('BTCUSD_PERP', 'never-sent')).toBeNull();
    expect((await coinm.positionRisk()).find((p) => p.symbol === 'BTCUSD_PERP')).toMatchObject({ positionAmt: '-100', marginType: 'cross' });
    const sent = sim.requests.filter((r) => r.path === '/dapi/v1/order' && r.method === 'POST').at(-1);
    expect(sent?.clientOrderId).toBe('cm-unit-1');

    const transfers = await coinm.income({ incomeType: 'TRANSFER' });
    expect(transfers).toEqual([expect.objectContaining({ asset: 'BTC', income: '0.5', tranId: expect.any(Number) })]);
  });

  it('a 2xx order reply that cannot be read means accepted: asked about, never resent', async () => {
    const { coinm } = setup();
    await fault({ match: { method: 'POST', path: '/dapi/v1/order' }, count: 1, kind: 'unreadableAfterAccept' });
    const err = await coinm.newOrder({ symbol: 'BTCUSD_PERP', side: 'SELL', positionSide: 'BOTH', quantity: '1', reduceOnly: false, newClientOrderId: 'cm-unit-2' }).catch((e: unknown) => e);
    expect(isAccepted(err)).toBe(true);
    expect(await coinm.getOrder('BTCUSD_PERP', 'cm-unit-2')).toMatchObject({ status: 'FILLED' });
  });

  it('has its own weight budget: a 429 on dapi pauses COIN-M, not USDⓈ-M', async () => {
    const { coinm, futures } = setup();
    await coinm.premiumIndex();
    await fault({ match: { path: '/dapi/v1/premiumIndex' }, count: 1, kind: '429', retryAfter: 120 });
    await expect(coinm.premiumIndex()).rejects.toMatchObject({ httpStatus: 429 });
    await expect(coinm.premiumIndex()).rejects.toSay(/slow down/);
    await expect(futures.premiumIndex()).resolves.not.toHaveLength(0);
  });
});

describe('COIN-M streams on dstream', () => {
  it('the user-data stream (/ws/<listenKey>) delivers ORDER_TRADE_UPDATE for the fill', async () => {
    const { coinm } = setup();
    const events: UserEvent[] = [];
    const stream = userStream({
      wsBase: sim.wsUrl,
      route: 'coinm',
      exchange: coinm,
      WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
      onEvent: (e) => events.push(e),
      setTimeout: (fn) => setTimeout(fn, 10),
    });
    stream.start();
    await until(() => stream.state === 'open');
    await coinm.newOrder({ symbol: 'BTCUSD_PERP', side: 'SELL', positionSide: 'BOTH', quantity: '2', reduceOnly: false, newClientOrderId: 'cm-stream-1' });
    await until(() => events.some((e) => e.e === 'ORDER_TRADE_UPDATE'));
    expect(events.find((e) => e.e === 'ORDER_TRADE_UPDATE')).toMatchObject({ o: { s: 'BTCUSD_PERP', c: 'cm-stream-1', X: 'FILLED', z: '2' } });
    expect(sim.requests.some((r) => r.path === '/dapi/v1/listenKey' && r.method === 'POST')).toBe(true);
    stream.stop();
  });

  it('the mark stream (/stream?streams=) delivers markPriceUpdate', async () => {
    const marks: MarkUpdate[] = [];
    const stream = markStream({
      wsBase: sim.wsUrl,
      route: 'coinm',
      WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
      onMark: (m) => marks.push(m),
      setTimeout: (fn) => setTimeout(fn, 10),
    });
    stream.watch(['BTCUSD_PERP']);
    await until(() => marks.length > 0, 4000);
    expect(marks[0]).toMatchObject({ symbol: 'BTCUSD_PERP', markPrice: expect.stringMatching(/^\d+\.\d+$/), nextFundingTime: expect.any(Number) });
    stream.stop();
  });
});
