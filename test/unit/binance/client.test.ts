import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../src/binance/client';
import { BinanceError } from '../../../src/binance/errors';
import { weightBudget, type WeightState } from '../../../src/binance/weight';
import { said } from '../chrome-i18n';

const SECRET = 'S3cretS3cretS3cretS3cretS3cretS3cretS3cretS3cretS3cretS3cret1234';
const key = { apiKey: 'A'.repeat(64), type: 'HMAC' as const, secret: SECRET };

type Reply = { status?: number; body: unknown; headers?: Record<string, string> };

/** A fetch that answers from a script and records what was asked. */
function fakeFetch(script: (url: URL, n: number) => Reply | Error) {
  const calls: URL[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(url);
    const r = script(url, calls.length);
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status ?? 200, headers: r.headers });
  });
  return { fn, calls };
}

function setup(script: (url: URL, n: number) => Reply | Error, t = { now: 1_000_000 }) {
  const f = fakeFetch(script);
  const sleep = vi.fn(async (ms: number) => {
    t.now += ms;
  });
  const client = createClient({ env: 'production', key, fetch: f.fn as typeof fetch, now: () => t.now, sleep });
  return { client, calls: f.calls, sleep, t };
}

const Any = v.unknown();
const time = (url: URL, serverTime = 1_000_000): Reply | null => (url.pathname.endsWith('/time') ? { body: { serverTime } } : null);

describe('client', () => {
  it('signs with timestamp and recvWindow, sends the key header, keeps parameter order', async () => {
    const { client, calls } = setup((url) => time(url) ?? { body: { ok: 1 } });
    await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/order', params: { symbol: 'BTCUSDT', origClientOrderId: 'x' }, signed: true, schema: Any });
    const url = calls[1]!;
    expect(url.origin).toBe('https://fapi.binance.com');
    expect([...url.searchParams.keys()]).toEqual(['symbol', 'origClientOrderId', 'recvWindow', 'timestamp', 'signature']);
    expect(url.searchParams.get('recvWindow')).toBe('5000');
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies the measured server-time offset to timestamps', async () => {
    const { client, calls } = setup((url) => time(url, 1_000_000 + 3_000) ?? { body: {} });
    await client.request({ method: 'GET', host: 'futures', path: '/fapi/v3/account', signed: true, schema: Any });
    expect(Number(calls[1]!.searchParams.get('timestamp'))).toBe(1_003_000);
  });

  it('measures the server-time offset without a wait for the weight budget in the round trip', async () => {
    const t = { now: 1_000_000 };
    // Binance's clock is ours; the first reply pauses the host for 10 s (429).
    const { client, calls } = setup((url, n) => (n === 1 ? { status: 429, body: { code: -1003, msg: 'Too many' }, headers: { 'retry-after': '10' } } : time(url, t.now) ?? { body: {} }), t);
    await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any }).catch(() => undefined);
    await client.request({ method: 'GET', host: 'futures', path: '/fapi/v3/account', signed: true, schema: Any });
    expect(calls.map((c) => c.pathname)).toEqual(['/fapi/v1/premiumIndex', '/fapi/v1/time', '/fapi/v3/account']);
    expect(Number(calls[2]!.searchParams.get('timestamp'))).toBe(t.now); // not 5 s ahead: half the wait
  });

  it('-1021: re-measures the clock and retries exactly once', async () => {
    let server = 1_000_000;
    const { client, calls } = setup((url, n) => {
      if (url.pathname.endsWith('/time')) return { body: { serverTime: server } };
      if (n === 2) {
        server += 4000; // the server's clock jumped
        return { status: 400, body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' } };
      }
      return { body: { ok: true } };
    });
    await expect(client.request({ method: 'GET', host: 'futures', path: '/fapi/v3/account', signed: true, schema: Any })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.pathname)).toEqual(['/fapi/v1/time', '/fapi/v3/account', '/fapi/v1/time', '/fapi/v3/account']);
  });

  it('429: pauses that host for Retry-After before the next request', async () => {
    const { client, sleep } = setup((_, n) => (n === 1 ? { status: 429, body: { code: -1003, msg: 'Too many' }, headers: { 'retry-after': '7' } } : { body: {} }));
    await expect(client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any })).rejects.toMatchObject({ httpStatus: 429 });
    await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any });
    expect(sleep).toHaveBeenCalledWith(7000);
  });

  it('418: stops ALL traffic until the ban ends, without calling Binance', async () => {
    const { client, calls } = setup(() => ({ status: 418, body: { code: -1003, msg: 'banned' }, headers: { 'retry-after': '120' } }));
    await expect(client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any })).rejects.toMatchObject({ httpStatus: 418 });
    await expect(client.request({ method: 'GET', host: 'spot', path: '/api/v3/ticker/price', schema: Any }).catch(said)).resolves.toMatch(/blocked this IP until/);
    expect(calls).toHaveLength(1);
  });

  it('near the minute\'s weight limit, reads wait for the next minute (or fail fast with the reason) and orders still go', async () => {
    const t = { now: 60_000 * 1000 + 50_000 }; // 10 s before the minute rolls over
    const { client, sleep, calls } = setup((url) => time(url, t.now) ?? { body: {}, headers: { 'x-mbx-used-weight-1m': '2300' } }, t);
    const read = () => client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any });
    await client.syncTime('futures');
    await read();
    await read();
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([10_000]); // 2300 of 2400 ≥ 95 %: held to the next minute
    t.now = 60_000 * 1001 + 5_000; // the reply in the new minute said 2300 again; 55 s left: too long to hold a user
    const held = await read().catch((e: unknown) => e);
    expect(held).toMatchObject({ httpStatus: 429 });
    expect(said(held)).toMatch(/used 2,300 of Binance's 2,400 .* requests resume in 55 s/);
    const before = calls.length;
    // A hedge's own steps are never held: the order (weight 0) and a leverage change (weight 1).
    await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/leverage', params: { symbol: 'BTCUSDT', leverage: 2 }, signed: true, write: 'setting', schema: Any });
    await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/order', params: { symbol: 'BTCUSDT' }, signed: true, write: 'order', schema: Any });
    expect(calls.length).toBe(before + 2);
  });

  it('418: a restarted worker remembers the ban (and a nearly spent minute) and does not call Binance during it', async () => {
    const kept = new Map<string, unknown>();
    const store = { get: async () => kept.get('w') as WeightState | undefined, set: async (s: WeightState) => void kept.set('w', s) };
    const t = { now: 5_000_000 };
    const f = fakeFetch(() => ({ status: 418, body: { code: -1003, msg: 'banned' }, headers: { 'retry-after': '120', 'x-mbx-used-weight-1m': '2400' } }));
    const first = createClient({ env: 'production', key, fetch: f.fn as typeof fetch, now: () => t.now, budget: weightBudget({ now: () => t.now, sleep: async () => undefined, store }) });
    await expect(first.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any })).rejects.toMatchObject({ httpStatus: 418 });
    await Promise.resolve();
    // The worker stops; a new one starts with a new budget read from the same store.
    t.now += 30_000;
    const again = createClient({ env: 'production', key, fetch: f.fn as typeof fetch, now: () => t.now, budget: weightBudget({ now: () => t.now, sleep: async () => undefined, store }) });
    await expect(again.request({ method: 'GET', host: 'spot', path: '/api/v3/account', schema: Any }).catch(said)).resolves.toMatch(/blocked this IP until/);
    expect(f.calls).toHaveLength(1);
    // After the ban, requests flow again.
    t.now += 91_000;
    const f2 = fakeFetch(() => ({ body: {} }));
    const later = createClient({ env: 'production', key, fetch: f2.fn as typeof fetch, now: () => t.now, budget: weightBudget({ now: () => t.now, sleep: async () => undefined, store }) });
    await later.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any });
    expect(f2.calls).toHaveLength(1);
  });

  it('COIN-M is its own host: dapi base URL, its own clock, its own budget; a budget kept before COIN-M still loads', async () => {
    const kept: WeightState = { used: { spot: { weight: 0, minute: 0 }, futures: { weight: 2400, minute: 83 } }, pausedUntil: { spot: 0, futures: 0 }, bannedUntil: 0 } as unknown as WeightState;
    const t = { now: 5_000_000 };
    const f = fakeFetch((url) => time(url, 5_000_000) ?? { body: {}, headers: { 'x-mbx-used-weight-1m': '5' } });
    const sleep = vi.fn(async () => undefined);
    const client = createClient({ env: 'production', key, fetch: f.fn as typeof fetch, now: () => t.now, budget: weightBudget({ now: () => t.now, sleep, store: { get: async () => kept, set: async () => undefined } }) });
    await client.request({ method: 'GET', host: 'coinm', path: '/dapi/v1/account', signed: true, schema: Any });
    expect(f.calls.map((u) => `${u.origin}${u.pathname}`)).toEqual(['https://dapi.binance.com/dapi/v1/time', 'https://dapi.binance.com/dapi/v1/account']);
    // The futures minute (83) is spent; COIN-M's is not, so nothing waited.
    expect(sleep).not.toHaveBeenCalled();
  });

  it('below 95 % of the weight limit nothing waits', async () => {
    const { client, sleep } = setup(() => ({ body: {}, headers: { 'x-mbx-used-weight-1m': '2270' } }));
    for (let i = 0; i < 3; i++) await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/premiumIndex', schema: Any });
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each([
    [-2015, /Futures permission or this IP/],
    [-2019, /Not enough margin/],
    [-4164, /minimum order value/],
    [-1111, /more decimals/],
    [-4061, /position mode/],
    [-2022, /reduce-only/],
    [-1022, /signature/],
  ])('maps Binance code %i to plain words with an action, never leaking the secret', async (code, text) => {
    const { client } = setup((url) => time(url) ?? { status: 400, body: { code, msg: 'as Binance words it' } });
    const err = await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/order', signed: true, schema: Any }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BinanceError);
    expect(said(err)).toMatch(text);
    expect(said((err as BinanceError).action).length).toBeGreaterThan(5);
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message, stack: (err as Error).stack })).not.toContain(SECRET.slice(0, 20));
  });

  it('a reply of the wrong shape is a clear error, not a crash later', async () => {
    const { client } = setup(() => ({ body: { serverTime: 'soon' } }));
    await expect(client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/time', schema: v.object({ serverTime: v.number() }) }).catch(said)).resolves.toMatch(/unexpected reply/);
  });

  it.each(['order', 'transfer', 'setting'] as const)('a %s answered 2xx with a body that cannot be read was ACCEPTED: fate unknown, never "failed" or "try again"', async (write) => {
    const f = vi.fn(async (input: RequestInfo | URL) =>
      String(input).includes('/time') ? new Response(JSON.stringify({ serverTime: 1_000_000 })) : new Response('{"orderId":12345,"sym', { status: 200 }),
    );
    const client = createClient({ env: 'production', key, fetch: f as typeof fetch, now: () => 1_000_000, sleep: async () => undefined });
    const Strict = v.object({ orderId: v.number(), symbol: v.string() });
    const err = await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/order', signed: true, write, schema: Strict }).catch((e: BinanceError) => e);
    expect(err).toMatchObject({ accepted: true, fateUnknown: true, retryable: false });
    expect(said(err)).toMatch(/^Binance accepted the .*, but its reply could not be read\.$/);
    expect(`${said(err)} ${said((err as BinanceError).action)}`).not.toMatch(/fail|try again/i);
    // The same body on a read is simply a malformed reply.
    const read = await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/order', signed: true, schema: Strict }).catch((e: BinanceError) => e);
    expect(read).toMatchObject({ accepted: false, fateUnknown: false });
    expect(said(read)).toMatch(/unexpected reply/);
  });

  it('an order that times out or meets a 5xx has an unknown fate; a read does not', async () => {
    const { client } = setup((url) => time(url) ?? new DOMException('timed out', 'TimeoutError'));
    const order = await client.request({ method: 'POST', host: 'futures', path: '/fapi/v1/order', signed: true, write: 'order', schema: Any }).catch((e: BinanceError) => e);
    expect(order).toMatchObject({ fateUnknown: true });
    const read = await client.request({ method: 'GET', host: 'futures', path: '/fapi/v3/account', signed: true, schema: Any }).catch((e: BinanceError) => e);
    expect(read).toMatchObject({ fateUnknown: false, retryable: true });
    const { client: c2 } = setup((url) => time(url) ?? { status: 503, body: { code: -1000, msg: 'Unknown error' } });
    expect(await c2.request({ method: 'POST', host: 'futures', path: '/fapi/v1/order', signed: true, write: 'order', schema: Any }).catch((e: BinanceError) => e)).toMatchObject({ fateUnknown: true });
  });
});
