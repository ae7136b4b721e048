import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../../src/binance/client';
import { futuresExchange } from '../../../src/binance/futures-exchange';
import { userStream, type StreamState, type UserEvent } from '../../../src/binance/user-stream';
import { startSimulator, type Sim } from '../../sim/server';
import { toSim } from '../to-sim';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

function setup() {
  const exchange = futuresExchange(createClient({ env: 'production', key: { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }, fetch: toSim(sim.url) }));
  const events: UserEvent[] = [];
  const states: StreamState[] = [];
  const stream = userStream({
    wsBase: sim.wsUrl,
    exchange,
    WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
    onEvent: (e) => events.push(e),
    onState: (s) => states.push(s),
    setTimeout: (fn) => setTimeout(fn, 10), // no real backoff waits in tests
  });
  return { exchange, stream, events, states };
}

describe('user-data stream', () => {
  it('delivers ORDER_TRADE_UPDATE and ACCOUNT_UPDATE for a fill', async () => {
    const { exchange, stream, events } = setup();
    stream.start();
    await until(() => stream.state === 'open');
    await exchange.newOrder({ symbol: 'ETHUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '1', reduceOnly: false, newClientOrderId: 'stream-1' });
    await until(() => events.length >= 2);
    expect(events.map((e) => e.e)).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    stream.stop();
  });

  it('on listenKeyExpired, reconnects with a fresh key and keeps delivering', async () => {
    const { exchange, stream, events, states } = setup();
    stream.start();
    await until(() => stream.state === 'open');
    sim.expireListenKeys();
    await until(() => states.includes('retrying'), 3000);
    await until(() => stream.state === 'open', 3000);
    await exchange.newOrder({ symbol: 'ETHUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '1', reduceOnly: false, newClientOrderId: 'stream-2' });
    await until(() => events.some((e) => e.e === 'ORDER_TRADE_UPDATE'));
    expect(sim.requests.filter((r) => r.path === '/fapi/v1/listenKey' && r.method === 'POST').length).toBe(2);
    stream.stop();
  });

  it('stop closes it for good: no reconnect', async () => {
    const { stream, states } = setup();
    stream.start();
    await until(() => stream.state === 'open');
    stream.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(stream.state).toBe('off');
    expect(states.at(-1)).toBe('off');
  });
});
