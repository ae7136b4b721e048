import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hmacHex } from './auth';
import { call, control, order } from './helpers';
import { startSimulator, type Sim } from './server';
import { DEMO_KEY, demoAccount } from './seed';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

describe('signed requests, as Binance documents them', () => {
  it('HMAC-SHA256 of the documented example query string', () => {
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(hmacHex('NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j', query)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it('accepts a correctly signed request and refuses a bad signature with -1022', async () => {
    expect((await call(sim, 'GET', '/fapi/v3/account')).status).toBe(200);
    const bad = await call(sim, 'GET', '/fapi/v3/account', {}, { secret: 'wrong-secret' });
    expect(bad).toMatchObject({ status: 400, body: { code: -1022 } });
  });

  it('accepts the signature in the body, over query string + body (the docs\' mixed example)', async () => {
    const query = 'symbol=ETHUSDT&side=SELL&type=MARKET';
    const body = `quantity=0.1&recvWindow=5000&timestamp=${sim.now()}`;
    const signature = hmacHex(sim.apiSecret, query + body);
    const res = await fetch(`${sim.url}/fapi/v1/order?${query}`, { method: 'POST', headers: { 'X-MBX-APIKEY': sim.apiKey, 'content-type': 'application/x-www-form-urlencoded' }, body: `${body}&signature=${signature}` });
    expect(res.status).toBe(200);
  });

  it('refuses a timestamp outside recvWindow or ahead of the server by 1 s with -1021', async () => {
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { timestamp: sim.now() - 6000 })).body.code).toBe(-1021);
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { timestamp: sim.now() + 1500 })).body.code).toBe(-1021);
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { timestamp: sim.now() + 500 })).status).toBe(200);
  });

  it('unknown key → -2015, malformed key → -2014, missing permission → -2015', async () => {
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { key: 'X'.repeat(64) })).body.code).toBe(-2015);
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { key: 'bad key!' })).body.code).toBe(-2014);
    await control(sim, 'seed', { accounts: [{ ...demoAccount(), permissions: { enableFutures: false } }] });
    expect(await call(sim, 'GET', '/fapi/v3/account')).toMatchObject({ status: 401, body: { code: -2015 } });
    expect((await call(sim, 'GET', '/api/v3/account')).status).toBe(200);
  });

  it('verifies Ed25519 signatures (base64)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const apiKey = 'Ed25519Key000000000000000000000000000000000000000000000000000000';
    await control(sim, 'seed', { accounts: [{ apiKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) }] });
    const q = `recvWindow=5000&timestamp=${sim.now()}`;
    const sig = encodeURIComponent(edSign(null, Buffer.from(q), privateKey).toString('base64'));
    const ok = await fetch(`${sim.url}/fapi/v3/account?${q}&signature=${sig}`, { headers: { 'X-MBX-APIKEY': apiKey } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${sim.url}/fapi/v3/account?${q}&signature=${encodeURIComponent(Buffer.alloc(64).toString('base64'))}`, { headers: { 'X-MBX-APIKEY': apiKey } });
    expect(((await bad.json()) as { code: number }).code).toBe(-1022);
  });
});

describe('order filters and modes', () => {
  it('fills a market order at the mark, charges taker commission, updates the position', async () => {
    const r = await order(sim, { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', newClientOrderId: 'h1' });
    expect(r.body).toMatchObject({ status: 'FILLED', executedQty: '0.01', clientOrderId: 'h1', positionSide: 'BOTH' });
    // Today's documented reply carries no fill price; the order query does.
    expect(r.body).not.toHaveProperty('avgPrice');
    expect(r.body).not.toHaveProperty('cumQuote');
    expect((await call(sim, 'GET', '/fapi/v1/order', { symbol: 'BTCUSDT', origClientOrderId: 'h1' })).body).toMatchObject({ avgPrice: '97000', cumQuote: '970' });
    const [pos] = (await call(sim, 'GET', '/fapi/v3/positionRisk')).body;
    expect(pos).toMatchObject({ symbol: 'BTCUSDT', positionAmt: '-0.01', entryPrice: '97000' });
    const acct = (await call(sim, 'GET', '/fapi/v3/account')).body;
    expect(acct.totalWalletBalance).toBe('499.51500000'); // 500 − 970 × 0.0005
  });

  it.each([
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '0.0015' }, -1111],
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '0.0005' }, -1111],
    [{ symbol: 'ETHUSDT', side: 'SELL', quantity: '0.005' }, -4164], // 17 USDT < 20
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '0.001' }, -4164], // 97 USDT < 100
    [{ symbol: 'NOPEUSDT', side: 'SELL', quantity: '1' }, -1121],
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '0' }, -4003],
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '1', positionSide: 'SHORT' }, -4061],
    [{ symbol: 'BTCUSDT', side: 'BUY', quantity: '0.01', reduceOnly: 'true' }, -2022],
    [{ symbol: 'BTCUSDT', side: 'SELL', quantity: '1' }, -2019], // 97,000 / 20x > 500 USDT
  ])('%o → %i', async (params, code) => {
    expect((await order(sim, params as Record<string, string>)).body.code).toBe(code);
    expect((await control(sim, 'orders')).length).toBe(0);
  });

  it('reduce-only orders are exempt from the minimum notional', async () => {
    await order(sim, { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.002' });
    expect((await order(sim, { symbol: 'BTCUSDT', side: 'BUY', quantity: '0.001', reduceOnly: 'true' })).body.status).toBe('FILLED');
  });

  it('hedge mode: positionSide required, reduceOnly refused, buying back SHORT reduces', async () => {
    await control(sim, 'seed', { accounts: [{ ...demoAccount(), dualSidePosition: true }] });
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1' })).body.code).toBe(-4061);
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1', positionSide: 'SHORT', reduceOnly: 'false' })).body.code).toBe(-1106);
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1', positionSide: 'SHORT' })).body.status).toBe('FILLED');
    const back = await order(sim, { symbol: 'ETHUSDT', side: 'BUY', quantity: '0.4', positionSide: 'SHORT' });
    expect(back.body.status).toBe('FILLED');
    const rows = (await call(sim, 'GET', '/fapi/v3/positionRisk')).body;
    expect(rows).toEqual([expect.objectContaining({ positionSide: 'SHORT', positionAmt: '-0.6' })]);
  });

  it('refuses a client order id equal to an OPEN order, accepts reuse after a fill', async () => {
    await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '0.1', newClientOrderId: 'same' });
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '0.1', newClientOrderId: 'same' })).body.status).toBe('FILLED');
    await call(sim, 'POST', '/fapi/v1/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', price: '3000', timeInForce: 'GTC', quantity: '0.1', newClientOrderId: 'open1' });
    expect((await call(sim, 'POST', '/fapi/v1/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', price: '3000', timeInForce: 'GTC', quantity: '0.1', newClientOrderId: 'open1' })).body.code).toBe(-4116);
  });

  it('finds an order by origClientOrderId, and says -2013 when there is none', async () => {
    await order(sim, { symbol: 'SOLUSDT', side: 'SELL', quantity: '1', newClientOrderId: 'find-me' });
    expect((await call(sim, 'GET', '/fapi/v1/order', { symbol: 'SOLUSDT', origClientOrderId: 'find-me' })).body.status).toBe('FILLED');
    expect((await call(sim, 'GET', '/fapi/v1/order', { symbol: 'SOLUSDT', origClientOrderId: 'nope' })).body.code).toBe(-2013);
  });

  it('margin type and leverage: -4046 when unchanged, -4028 above the bracket', async () => {
    expect((await call(sim, 'POST', '/fapi/v1/marginType', { symbol: 'BTCUSDT', marginType: 'CROSSED' })).body.code).toBe(-4046);
    expect((await call(sim, 'POST', '/fapi/v1/marginType', { symbol: 'BTCUSDT', marginType: 'ISOLATED' })).status).toBe(200);
    expect((await call(sim, 'POST', '/fapi/v1/leverage', { symbol: 'BTCUSDT', leverage: 126 })).body.code).toBe(-4028);
    expect((await call(sim, 'POST', '/fapi/v1/leverage', { symbol: 'BTCUSDT', leverage: 3 })).body).toMatchObject({ leverage: 3 });
    expect((await call(sim, 'GET', '/fapi/v1/symbolConfig', { symbol: 'BTCUSDT' })).body[0]).toMatchObject({ marginType: 'ISOLATED', leverage: 3 });
  });
});

describe('market data as Binance lists it', () => {
  it('premiumIndex lists the quarterlies beside the perpetuals, with lastFundingRate ""', async () => {
    const rows = (await call(sim, 'GET', '/fapi/v1/premiumIndex', {}, { sign: false })).body;
    expect(rows.find((r: any) => r.symbol === 'BTCUSDT')).toMatchObject({ lastFundingRate: '0.00010000' });
    expect(rows.find((r: any) => r.symbol === 'BTCUSDT_261225')).toMatchObject({ lastFundingRate: '', interestRate: '', nextFundingTime: 0 });
    const info = (await call(sim, 'GET', '/fapi/v1/exchangeInfo', {}, { sign: false })).body;
    expect(info.symbols.find((s: any) => s.symbol === 'BTCUSDT_261225')).toMatchObject({ contractType: 'CURRENT_QUARTER', pair: 'BTCUSDT', baseAsset: 'BTC' });
  });
});

describe('money: funding, liquidation, transfers', () => {
  it('positive funding: the short receives, written to income; the 4 h symbol settles every 4 h', async () => {
    await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1' });
    await control(sim, 'funding', { symbol: 'ETHUSDT', rate: '0.0001' });
    await control(sim, 'clock', { advanceMs: 8 * 3_600_000 });
    const rows = (await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'FUNDING_FEE' })).body;
    expect(rows).toEqual([expect.objectContaining({ symbol: 'ETHUSDT', income: '0.34' })]); // 1 × 3400 × 0.0001
    const info = (await call(sim, 'GET', '/fapi/v1/fundingInfo', {}, { sign: false })).body;
    expect(info).toEqual([expect.objectContaining({ symbol: 'ZECUSDT', fundingIntervalHours: 4 })]);
  });

  it('negative funding: the short pays', async () => {
    await order(sim, { symbol: 'SOLUSDT', side: 'SELL', quantity: '10' });
    await control(sim, 'funding', { symbol: 'SOLUSDT', rate: '-0.001' });
    await control(sim, 'clock', { advanceMs: 8 * 3_600_000 });
    const [row] = (await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'FUNDING_FEE' })).body;
    expect(row.income).toBe('-1.8');
  });

  it('sends MARGIN_CALL first, then liquidates when maintenance reaches margin balance', async () => {
    const { listenKey } = (await call(sim, 'POST', '/fapi/v1/listenKey', {}, { sign: false })).body;
    const ws = new WebSocket(`${sim.wsUrl}/private/ws/${listenKey}`);
    const events: any[] = [];
    ws.on('message', (m) => events.push(JSON.parse(String(m))));
    await new Promise((r) => ws.on('open', r));
    await order(sim, { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.08' }); // 7760 notional, 388 margin at 20x
    await control(sim, 'mark', { symbol: 'BTCUSDT', markPrice: '102725' }); // loss 458: 32.87 maintenance / 38.12 balance = 86 %
    await control(sim, 'mark', { symbol: 'BTCUSDT', markPrice: '103500' }); // margin balance under maintenance
    await new Promise((r) => setTimeout(r, 100));
    ws.close();
    const kinds = events.map((e) => e.e);
    expect(kinds.indexOf('MARGIN_CALL')).toBeGreaterThan(-1);
    const liq = events.find((e) => e.e === 'ORDER_TRADE_UPDATE' && String(e.o.c).startsWith('autoclose-'));
    expect(liq).toBeDefined();
    expect(kinds.indexOf('MARGIN_CALL')).toBeLessThan(events.indexOf(liq));
    expect((await call(sim, 'GET', '/fapi/v3/positionRisk')).body).toEqual([]);
  });

  it('moves USDT between spot and futures and records the transfer', async () => {
    const r = await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '150' });
    expect(r.body.tranId).toBeGreaterThan(0);
    const state = await control(sim, 'state', {});
    expect(state).toMatchObject({ wallet: '650', spot: { USDT: '99850' } });
    await control(sim, 'seed', { accounts: [{ ...demoAccount(), permissions: { permitsUniversalTransfer: false } }] });
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '1' })).body.code).toBe(-2015);
  });
});

describe('limits and faults', () => {
  it('reports used weight, answers 429 with Retry-After over the limit, then bans with 418', async () => {
    const r = await call(sim, 'GET', '/fapi/v1/premiumIndex', {}, { sign: false });
    expect(r.headers.get('x-mbx-used-weight-1m')).toBe('10');
    let last = r;
    for (let i = 0; i < 240 && last.status === 200; i++) last = await call(sim, 'GET', '/fapi/v1/premiumIndex', {}, { sign: false });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 6 && last.status === 429; i++) last = await call(sim, 'GET', '/fapi/v1/premiumIndex', {}, { sign: false });
    expect(last.status).toBe(418);
    expect((await call(sim, 'GET', '/fapi/v1/time', {}, { sign: false })).status).toBe(418);
  });

  it('timeoutAfterAccept: the order is placed, the reply never comes', async () => {
    await control(sim, 'fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'timeoutAfterAccept' });
    await expect(order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1', newClientOrderId: 'lost-reply' })).rejects.toThrow();
    const orders = await control(sim, 'orders');
    expect(orders.map((o: any) => o.clientOrderId)).toEqual(['lost-reply']);
  });

  it('unreadableAfterAccept: the order is placed and answered 200, with a body that is not JSON', async () => {
    await control(sim, 'fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'unreadableAfterAccept' });
    const r = await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1', newClientOrderId: 'cut-reply' });
    expect(r.status).toBe(200);
    expect(typeof r.body).toBe('string');
    expect(() => JSON.parse(r.body)).toThrow();
    expect((await control(sim, 'orders')).map((o: any) => o.clientOrderId)).toEqual(['cut-reply']);
    expect((await control(sim, 'requests')).at(-1)).toMatchObject({ path: '/fapi/v1/order', fault: 'unreadableAfterAccept', status: 200 });
  });

  it('a demo-environment key finds no /sapi (a gateway 404), while /api and /fapi answer', async () => {
    await control(sim, 'seed', { accounts: [{ ...demoAccount(), environment: 'demo' }] });
    const sapi = await call(sim, 'GET', '/sapi/v1/account/apiRestrictions');
    expect(sapi.status).toBe(404);
    expect(typeof sapi.body).toBe('string');
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '1' })).status).toBe(404);
    expect((await call(sim, 'GET', '/api/v3/account')).status).toBe(200);
    expect((await call(sim, 'GET', '/fapi/v3/account')).status).toBe(200);
  });

  it('http5xx before accept places nothing; the next request goes through', async () => {
    await control(sim, 'fault', { match: { path: '/fapi/v1/order' }, count: 1, kind: 'http5xx', status: 503 });
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1' })).status).toBe(503);
    expect((await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1' })).status).toBe(200);
    expect((await control(sim, 'orders')).length).toBe(1);
  });

  it('clock skew makes the client\'s timestamp stale (-1021) until it re-syncs', async () => {
    await control(sim, 'skew', { ms: 7000 });
    expect((await call(sim, 'GET', '/fapi/v3/account', {}, { timestamp: Date.now() })).body.code).toBe(-1021);
    expect((await call(sim, 'GET', '/fapi/v3/account')).status).toBe(200);
  });
});

describe('streams and the command line', () => {
  it('pushes ORDER_TRADE_UPDATE and ACCOUNT_UPDATE on a fill, and mark prices every second', async () => {
    const { listenKey } = (await call(sim, 'POST', '/fapi/v1/listenKey', {}, { sign: false })).body;
    const user = new WebSocket(`${sim.wsUrl}/private/ws?listenKey=${listenKey}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE`);
    const market = new WebSocket(`${sim.wsUrl}/market/ws/btcusdt@markPrice@1s`);
    const got: any[] = [];
    user.on('message', (m) => got.push(JSON.parse(String(m))));
    const mark = new Promise<any>((r) => market.on('message', (m) => r(JSON.parse(String(m)))));
    await new Promise((r) => user.on('open', r));
    await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1', newClientOrderId: 'ws-1' });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((e) => e.e)).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    expect(got[0].o).toMatchObject({ c: 'ws-1', X: 'FILLED' });
    expect(await mark).toMatchObject({ e: 'markPriceUpdate', s: 'BTCUSDT', p: '97000.00000000' });
    user.close();
    market.close();
  });

  it('npm run sim prints one JSON line with the demo key, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((r) => child.stdout.once('data', (d) => r(String(d))));
    expect(JSON.parse(line)).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), apiKey: DEMO_KEY.apiKey, apiSecret: DEMO_KEY.apiSecret });
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
  });
});

describe('the spot WebSocket API (user-data stream)', () => {
  /** A WebSocket API connection that collects everything it receives. */
  async function connect(s: Sim) {
    const ws = new WebSocket(`${s.wsUrl}/ws-api/v3`);
    const got: any[] = [];
    ws.on('message', (m) => got.push(JSON.parse(String(m))));
    await new Promise((r) => ws.once('open', r));
    const request = async (id: string, method: string, params?: Record<string, unknown>) => {
      ws.send(JSON.stringify(params ? { id, method, params } : { id, method }));
      for (let i = 0; i < 100 && !got.some((g) => g.id === id); i++) await new Promise((r) => setTimeout(r, 10));
      return got.find((g) => g.id === id);
    };
    return { ws, got, request };
  }
  const signed = (secret: string, timestamp = sim.now()) => {
    const params = { apiKey: sim.apiKey, timestamp };
    return { ...params, signature: hmacHex(secret, `apiKey=${params.apiKey}&timestamp=${params.timestamp}`) };
  };

  it('subscribes with a signature over the sorted params, then pushes every spot balance change as {subscriptionId, event}', async () => {
    const c = await connect(sim);
    expect(await c.request('s1', 'userDataStream.subscribe.signature', signed(sim.apiSecret))).toEqual({ id: 's1', status: 200, result: { subscriptionId: 0 } });
    expect(await c.request('q1', 'session.subscriptions')).toEqual({ id: 'q1', status: 200, result: [{ subscriptionId: 0 }] });
    await control(sim, 'spot', { asset: 'BTC', free: '2' });
    await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '10' });
    await new Promise((r) => setTimeout(r, 50));
    const events = c.got.filter((g) => g.subscriptionId === 0).map((g) => g.event);
    expect(events).toEqual([
      expect.objectContaining({ e: 'outboundAccountPosition', B: [{ a: 'BTC', f: '2.00000000', l: '0.00000000' }] }),
      expect.objectContaining({ e: 'balanceUpdate', a: 'USDT', d: '-10.00000000' }),
      expect.objectContaining({ e: 'outboundAccountPosition', B: [{ a: 'USDT', f: '99990.00000000', l: '0.00000000' }] }),
    ]);
    expect(await c.request('u1', 'userDataStream.unsubscribe', { subscriptionId: 0 })).toEqual({ id: 'u1', status: 200, result: {} });
    c.ws.close();
  });

  it('refuses a bad signature (-1022), a stale timestamp (-1021) and an unknown key (-2015), as Binance answers', async () => {
    const c = await connect(sim);
    expect(await c.request('a', 'userDataStream.subscribe.signature', signed('wrong-secret'))).toMatchObject({ id: 'a', status: 400, error: { code: -1022 } });
    expect(await c.request('b', 'userDataStream.subscribe.signature', signed(sim.apiSecret, sim.now() - 60_000))).toMatchObject({ status: 400, error: { code: -1021 } });
    expect(await c.request('c', 'userDataStream.subscribe.signature', { ...signed(sim.apiSecret), apiKey: 'X'.repeat(64) })).toMatchObject({ status: 401, error: { code: -2015 } });
    c.ws.close();
  });

  it('ends a subscription with eventStreamTerminated before it closes the connection', async () => {
    const c = await connect(sim);
    await c.request('s', 'userDataStream.subscribe.signature', signed(sim.apiSecret));
    const closed = new Promise((r) => c.ws.once('close', r));
    sim.endSpotStreams();
    await closed;
    expect(c.got.at(-1)).toMatchObject({ subscriptionId: 0, event: { e: 'eventStreamTerminated' } });
  });
});
