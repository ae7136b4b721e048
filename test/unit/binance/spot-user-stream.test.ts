import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../../src/binance/client';
import { futuresExchange } from '../../../src/binance/futures-exchange';
import type { ApiKey } from '../../../src/binance/sign';
import { spotUserStream } from '../../../src/binance/spot-user-stream';
import { demoAccount } from '../../sim/seed';
import { startSimulator, type Sim } from '../../sim/server';
import { toSim } from '../to-sim';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

const until = async (ok: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('condition not met in time');
};
const control = (path: string, body: unknown) => fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) });

function setup(key: ApiKey = { apiKey: sim.apiKey, type: 'HMAC', secret: sim.apiSecret }) {
  const exchange = futuresExchange(createClient({ env: 'production', key, fetch: toSim(sim.url) }));
  const changes: string[] = [];
  const refusals: number[] = [];
  const waits: number[] = [];
  const stream = spotUserStream({
    url: `${sim.wsUrl}/ws-api/v3`,
    signedParams: () => exchange.spotStreamParams(),
    WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
    onChange: (why) => changes.push(why),
    onRefused: (e) => refusals.push(e.code),
    setTimeout: (fn, ms) => {
      waits.push(ms);
      return setTimeout(fn, 10); // the backoff is recorded, not waited for
    },
  });
  return { stream, changes, refusals, waits };
}

describe('spot user-data stream (WebSocket API)', () => {
  it('subscribes with the signed request, re-reads on subscription, and reports every spot balance change', async () => {
    const { stream, changes } = setup();
    stream.start();
    await until(() => changes.includes('subscribed'));
    await control('spot', { asset: 'BTC', free: '2' });
    await until(() => changes.includes('event'));
    stream.stop();
  });

  it('works with an Ed25519 key: the signature travels as base64 in the JSON request, not URL-encoded', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const apiKey = 'Ed25519Key000000000000000000000000000000000000000000000000000000';
    await control('seed', { accounts: [{ ...demoAccount(), apiKey, apiSecret: undefined, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) }] });
    const { stream, changes } = setup({ apiKey, type: 'ED25519', secret: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
    stream.start();
    await until(() => changes.includes('subscribed'));
    stream.stop();
  });

  it('a refused subscription backs off (1 s, 2 s, 4 s …) instead of reconnecting every second', async () => {
    const { stream, refusals, waits } = setup({ apiKey: sim.apiKey, type: 'HMAC', secret: 'not-the-secret-0000000000000000' });
    stream.start();
    await until(() => refusals.length >= 3);
    stream.stop();
    expect(refusals.slice(0, 3)).toEqual([-1022, -1022, -1022]);
    expect(waits.slice(0, 3)).toEqual([1000, 2000, 4000]);
  });

  it('after eventStreamTerminated it reconnects and subscribes again (and so re-reads)', async () => {
    const { stream, changes } = setup();
    stream.start();
    await until(() => changes.filter((c) => c === 'subscribed').length === 1);
    sim.endSpotStreams();
    await until(() => changes.filter((c) => c === 'subscribed').length === 2);
    stream.stop();
  });
});
