/**
 * The simulator's HTTP + WebSocket server: Binance's spot, USDⓈ-M (/fapi) and COIN-M (/dapi) REST
 * paths, the USDⓈ-M streams on /market and /private, the COIN-M (dstream) streams on /ws and /stream,
 * and a control API under /__sim/ for tests and the demo.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import Big from 'big.js';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccountSpec } from './account';
import { algoSummary } from './algo';
import { authenticate } from './auth';
import { COINM_ROUTES, coinmMarkEvent } from './coinm-routes';
import { Engine, type Family } from './engine';
import { ApiError, E } from './errors';
import { Faults, type Fault } from './faults';
import { CONTRACTS } from './market';
import { FUTURES, SPOT, type Ctx, type Route } from './routes';
import { DEMO_KEY, demoAccount } from './seed';
import { wsApi } from './ws-api';

export interface RequestLog {
  t: number;
  method: string;
  path: string;
  signed: boolean;
  weight: number;
  status: number;
  code?: number;
  fault?: string;
  /** The order's newClientOrderId or origClientOrderId (an algo order's clientAlgoId), when the request names one. */
  clientOrderId?: string;
  /** The minute's used weight this reply reported (X-MBX-USED-WEIGHT-1M), when it carried one. */
  used?: number;
}

export interface SimOptions {
  /**
   * Also listen with TLS (a certificate from tls.ts) on `tlsPort` (0: any): what Chromium reaches
   * as wss://fstream.binance.com and wss://ws-api.binance.com through --host-resolver-rules.
   */
  tls?: { key: string; cert: string };
  tlsPort?: number;
  port?: number;
  host?: string;
  accounts?: AccountSpec[];
  now?: () => number;
  /**
   * Every fault control a no-op (faults, skew, weight, stream drops): for the mutation check, which
   * shows the fault-injection suite fails when its faults do not happen. Default: SIM_FAULTS_OFF=1.
   */
  faultsOff?: boolean;
}

const LIMITS = { spot: 6000, futures: 2400, coinm: 2400 };
type HostKind = keyof typeof LIMITS;

export async function startSimulator(opts: SimOptions = {}) {
  const base = opts.now ?? Date.now;
  const faultsOff = opts.faultsOff ?? process.env.SIM_FAULTS_OFF === '1';
  let skew = 0;
  let advanced = 0;
  let latencyMs = 0;
  const now = (): number => base() + skew + advanced;
  const engine = new Engine(now);
  engine.seed(opts.accounts ?? [demoAccount()]);
  const faults = new Faults();
  const listenKeys: Ctx['listenKeys'] = new Map();
  const requests: RequestLog[] = [];
  const weight = { spot: { minute: 0, used: 0, over: 0 }, futures: { minute: 0, used: 0, over: 0 }, coinm: { minute: 0, used: 0, over: 0 } };
  let bannedUntil = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...headers });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    let body = '';
    for await (const chunk of req) body += chunk;
    return body;
  }

  async function control(path: string, body: string, res: ServerResponse): Promise<void> {
    const input = body ? JSON.parse(body) : {};
    switch (path) {
      case '/__sim/reset':
        engine.seed([demoAccount()]);
        engine.resetMarket();
        faults.clear();
        requests.length = 0;
        skew = 0;
        latencyMs = 0;
        bannedUntil = 0;
        return reply(res, 200, { ok: true });
      case '/__sim/seed':
        engine.seed(input.accounts);
        for (const [symbol, mark] of Object.entries((input.marks ?? {}) as Record<string, string>)) engine.setMark(symbol, mark);
        for (const [symbol, rate] of Object.entries((input.funding ?? {}) as Record<string, string>)) (engine.market.get(symbol) ?? engine.coinm.market.get(symbol))!.fundingRate = new Big(rate);
        return reply(res, 200, { ok: true });
      case '/__sim/mark':
        // {symbol, markPrice}: one USDⓈ-M or COIN-M symbol; {coin, price}: every perpetual of the coin.
        if (input.coin) engine.setCoinPrice(input.coin, String(input.price));
        else engine.setMark(input.symbol, input.markPrice);
        return reply(res, 200, { ok: true });
      case '/__sim/funding': {
        const m = engine.market.get(input.symbol) ?? engine.coinm.market.get(input.symbol);
        if (!m) return reply(res, 400, { error: 'unknown symbol' });
        if (input.rate !== undefined) m.fundingRate = new Big(input.rate);
        if (input.nextFundingTime !== undefined) m.nextFundingTime = input.nextFundingTime;
        return reply(res, 200, { ok: true, nextFundingTime: m.nextFundingTime });
      }
      case '/__sim/clock':
        advanced += Number(input.advanceMs ?? 0);
        engine.settleFunding();
        return reply(res, 200, { ok: true, now: now() });
      case '/__sim/skew':
        if (!faultsOff) skew = Number(input.ms ?? 0);
        return reply(res, 200, { ok: true, now: now() });
      case '/__sim/fault':
        if (!faultsOff) faults.add(input as Fault);
        return reply(res, 200, { ok: true });
      case '/__sim/weight': {
        // Weight other tools on this IP already used this minute.
        const w = weight[input.host === 'spot' || input.host === 'coinm' ? (input.host as HostKind) : 'futures'];
        if (faultsOff) return reply(res, 200, { ok: true });
        Object.assign(w, { minute: Math.floor(now() / 60_000), used: Number(input.used ?? 0), over: 0 });
        return reply(res, 200, { ok: true });
      }
      case '/__sim/latency':
        latencyMs = Number(input.ms ?? 0);
        return reply(res, 200, { ok: true });
      case '/__sim/slippage':
        engine.slippageBps = Number(input.bps ?? 0);
        return reply(res, 200, { ok: true });
      case '/__sim/spot': {
        const a = engine.accounts.get(input.apiKey ?? DEMO_KEY.apiKey);
        if (!a) return reply(res, 400, { error: 'unknown account' });
        engine.setSpot(a, input.asset, new Big(input.free), new Big(input.locked ?? '0'));
        return reply(res, 200, { ok: true });
      }
      case '/__sim/earn':
      case '/__sim/funding-wallet':
      case '/__sim/futures-wallet': {
        // Set one balance (a move elsewhere is the test's second call): Earn flexible/locked, Funding, or a futures wallet.
        const a = engine.accounts.get(input.apiKey ?? DEMO_KEY.apiKey);
        if (!a) return reply(res, 400, { error: 'unknown account' });
        const wallet =
          path === '/__sim/earn' ? a.earn[input.type === 'locked' ? 'locked' : 'flexible'] : path === '/__sim/funding-wallet' ? a.funding : input.coinm ? a.coinm.balances : a.futures;
        const delta = new Big(input.amount).minus(wallet.get(input.asset) ?? 0);
        wallet.set(input.asset, new Big(input.amount));
        if (path === '/__sim/futures-wallet') engine.checkMargins();
        else if (!delta.eq(0)) engine.walletMoved(a, input.asset, delta);
        return reply(res, 200, { ok: true });
      }
      case '/__sim/account': {
        const a = engine.accounts.get(input.apiKey ?? DEMO_KEY.apiKey);
        if (!a) return reply(res, 400, { error: 'unknown account' });
        if (input.credits !== undefined) a.credits = Boolean(input.credits);
        if (input.multiAssetsMargin !== undefined) a.multiAssetsMargin = Boolean(input.multiAssetsMargin);
        if (a.credits) {
          a.multiAssetsMargin = true;
          if (!a.futures.has('BNFCR')) a.futures.set('BNFCR', new Big(0));
        }
        engine.checkMargins();
        return reply(res, 200, { ok: true, multiAssetsMargin: a.multiAssetsMargin, credits: a.credits });
      }
      case '/__sim/orders':
        // USDⓈ-M orders as before; COIN-M ones after them, marked `family: 'coinm'`.
        return reply(res, 200, [
          ...[...engine.accounts.values()].flatMap((a) => a.orders.map((o) => ({ apiKey: a.apiKey.slice(0, 8), ...o }))),
          ...[...engine.accounts.values()].flatMap((a) => a.coinm.orders.map((o) => ({ apiKey: a.apiKey.slice(0, 8), family: 'coinm', ...o }))),
        ]);
      case '/__sim/algo-orders':
        // Every algo order of every account, oldest first, with its status and the order it placed.
        return reply(res, 200, [...engine.accounts.values()].flatMap((a) => a.algoOrders.map((o) => ({ apiKey: a.apiKey.slice(0, 8), ...algoSummary(o) }))));
      case '/__sim/requests':
        return reply(res, 200, requests);
      case '/__sim/state': {
        const a = engine.accounts.get(input.apiKey ?? DEMO_KEY.apiKey);
        if (!a) return reply(res, 400, { error: 'unknown account' });
        const amounts = (m: Map<string, Big>) => Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed()]));
        const open = (m: Map<string, { symbol: string; positionSide: string; amt: Big; entry: Big }>) =>
          [...m.values()].filter((p) => !p.amt.eq(0)).map((p) => ({ symbol: p.symbol, positionSide: p.positionSide, positionAmt: p.amt.toFixed(), entryPrice: p.entry.toFixed() }));
        return reply(res, 200, {
          wallet: engine.umBalance(a, 'USDT').toFixed(),
          futures: amounts(a.futures),
          spot: Object.fromEntries([...a.spot].map(([k, v]) => [k, v.free.plus(v.locked).toFixed()])),
          earn: { flexible: amounts(a.earn.flexible), locked: amounts(a.earn.locked) },
          fundingWallet: amounts(a.funding),
          positions: open(a.positions),
          leverage: Object.fromEntries(a.leverage),
          marginType: Object.fromEntries(a.marginType),
          dualSidePosition: a.dualSidePosition,
          multiAssetsMargin: a.multiAssetsMargin,
          credits: a.credits,
          coinm: { balances: amounts(a.coinm.balances), positions: open(a.coinm.positions), leverage: Object.fromEntries(a.coinm.leverage) },
          algoOrders: a.algoOrders.map(algoSummary),
        });
      }
      default:
        return reply(res, 404, { error: `no control route ${path}` });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (method === 'OPTIONS') return reply(res, 204, {}, { 'access-control-allow-headers': 'X-MBX-APIKEY, content-type', 'access-control-allow-methods': 'GET,POST,PUT,DELETE' });
    if (url.pathname.startsWith('/__sim/')) return control(url.pathname, body, res);

    // Binance's demo and spot-testnet hosts have no /sapi at all: a gateway 404, not a Binance error body.
    const keyOwner = engine.accounts.get(String(req.headers['x-mbx-apikey'] ?? ''));
    if (url.pathname.startsWith('/sapi/') && keyOwner && keyOwner.environment !== 'production') {
      requests.push({ t: now(), method, path: url.pathname, signed: false, weight: 0, status: 404 });
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<html><body><h1>404 Not Found</h1></body></html>');
    }
    const hostKind: HostKind = url.pathname.startsWith('/fapi/') ? 'futures' : url.pathname.startsWith('/dapi/') ? 'coinm' : 'spot';
    const route: Route | undefined = { futures: FUTURES, coinm: COINM_ROUTES, spot: SPOT }[hostKind][`${method} ${url.pathname}`];
    const rawQuery = url.search.slice(1);
    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(rawQuery));
    for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    const log: RequestLog = { t: now(), method, path: url.pathname, signed: 'signature' in params, weight: 0, status: 200 };
    const clientOrderId = params.newClientOrderId ?? params.origClientOrderId ?? params.clientAlgoId;
    if (clientOrderId) log.clientOrderId = clientOrderId;
    requests.push(log);
    if (latencyMs) await sleep(latencyMs);

    const fault = faults.take(method, url.pathname, params);
    if (fault) log.fault = fault.kind;
    if (fault?.kind === 'skew') {
      // The server's clock jumps as this request arrives: it is judged by the new time.
      skew = fault.ms ?? 0;
      log.t = now();
    }
    if (fault?.kind === 'latency') await sleep(fault.ms ?? 100);
    if (fault?.kind === 'connectionReset') return void req.socket.destroy();
    if (fault?.kind === 'refused') {
      log.status = 400;
      log.code = fault.code ?? -1000;
      return reply(res, 400, { code: log.code, msg: fault.msg ?? 'Refused.' });
    }
    if (fault?.kind === 'http5xx') {
      log.status = fault.status ?? 503;
      return reply(res, log.status, { code: -1000, msg: 'An unknown error occurred while processing the request.' });
    }

    const w = weight[hostKind];
    const minute = Math.floor(now() / 60_000);
    if (w.minute !== minute) Object.assign(w, { minute, used: 0, over: 0 });
    const cost = route ? (typeof route.weight === 'function' ? route.weight(params) : route.weight) : 1;
    log.weight = cost;
    const headers = (): Record<string, string> => {
      log.used = w.used;
      return { 'x-mbx-used-weight-1m': String(w.used), 'x-mbx-used-weight': String(w.used) };
    };
    const retryAfter = String(fault?.kind === '429' && fault.retryAfter ? fault.retryAfter : 60 - Math.floor((now() % 60_000) / 1000));
    if (now() < bannedUntil || fault?.kind === '418') {
      if (fault?.kind === '418') bannedUntil = now() + (fault.retryAfter ?? 120) * 1000;
      log.status = 418;
      return reply(res, 418, { code: -1003, msg: `Way too many requests; IP(127.0.0.1) banned until ${bannedUntil}. Please use the websocket for live updates to avoid bans.` }, { ...headers(), 'retry-after': String(Math.ceil((bannedUntil - now()) / 1000)) });
    }
    w.used += cost;
    if (w.used > LIMITS[hostKind] || fault?.kind === '429') {
      // Requests that keep coming after a 429 get the IP banned, as Binance warns.
      if (++w.over > 5) {
        bannedUntil = now() + 120_000;
        log.status = 418;
        return reply(res, 418, { code: -1003, msg: `Way too many requests; IP(127.0.0.1) banned until ${bannedUntil}.` }, { ...headers(), 'retry-after': '120' });
      }
      log.status = 429;
      const err = E.tooMany(LIMITS[hostKind]);
      return reply(res, 429, { code: err.code, msg: err.message }, { ...headers(), 'retry-after': retryAfter });
    }

    try {
      if (!route) throw new ApiError(-1000, `Unknown path ${method} ${url.pathname}`, 404);
      const ctx: Ctx = { engine, params, account: null, now: now(), listenKeys, faults };
      const apiKey = req.headers['x-mbx-apikey'] as string | undefined;
      if (route.auth === 'key') {
        ctx.account = engine.accounts.get(apiKey ?? '') ?? null;
        if (!ctx.account) throw E.keyPerm();
      } else if (route.auth) {
        // All /fapi and /dapi private endpoints need the key's Futures permission; spot ones, reading (or transfer).
        const need = hostKind === 'spot' ? route.auth : 'futures';
        ctx.account = authenticate(engine.accounts, apiKey, rawQuery, body, params, now(), need);
      }
      const result = route.handle(ctx);
      if (fault?.kind === 'timeoutAfterAccept') {
        await sleep(fault.ms ?? 0);
        return void req.socket.destroy();
      }
      if (fault?.kind === 'unreadableAfterAccept') {
        // Accepted and answered 200, but the body cannot be read: a proxy cut it, or Binance changed it.
        const json = JSON.stringify(result);
        const text = fault.body === 'empty' ? '' : fault.body === 'html' ? '<html><body>OK</body></html>' : json.slice(0, Math.floor(json.length / 2));
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json', ...headers() });
        return void res.end(text);
      }
      if (fault?.kind === 'http5xxAfterAccept') {
        log.status = fault.status ?? 503;
        return reply(res, log.status, { code: -1000, msg: 'Unknown error, please check your request or try again later.' }, headers());
      }
      reply(res, 200, result, headers());
    } catch (err) {
      if (!(err instanceof ApiError)) {
        log.status = 500;
        return reply(res, 500, { code: -1000, msg: String(err) }, headers());
      }
      log.status = err.status;
      log.code = err.code;
      reply(res, err.status, { code: err.code, msg: err.message }, headers());
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { code: -1000, msg: 'simulator error' }));
  });

  // Streams: USDⓈ-M /market/ws/<stream>, /market/stream?streams=a/b, /private/ws/<listenKey> or ?listenKey=;
  // COIN-M (dstream) /ws/<stream or listenKey> and /stream?streams=a/b. A COIN-M listenKey is also
  // accepted on /private/ws (Binance's newer COIN-M page names fstream's /private path; unconfirmed).
  const wss = new WebSocketServer({ noServer: true });
  const marketSubs = new Set<{ ws: WebSocket; streams: string[]; combined: boolean; family: Family }>();
  const userSubs = new Set<{ ws: WebSocket; apiKey: string; listenKey: string; family: Family }>();
  const listenUser = (req: IncomingMessage, socket: Duplex, head: Buffer, listenKey: string, families: Family[]): void => {
    const entry = listenKeys.get(listenKey);
    if (!entry || entry.expires <= now() || !families.includes(entry.family)) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const sub = { ws, apiKey: entry.apiKey, listenKey, family: entry.family };
      userSubs.add(sub);
      ws.on('close', () => userSubs.delete(sub));
    });
  };
  const api = wsApi(engine, wss, now);
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname === '/ws-api/v3') return api.upgrade(req, socket, head);
    const market = /^\/market\/(ws\/(.+)|stream)$/.exec(url.pathname);
    const priv = /^\/private\/ws(?:\/(.+))?$/.exec(url.pathname);
    // dstream: /ws/<stream> and /stream?streams= (fstream's old unrouted paths carry nothing any more).
    const dstream = /^\/(ws\/(.+)|stream)$/.exec(url.pathname);
    const subscribeMarket = (streams: string[], combined: boolean, family: Family) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        const sub = { ws, streams, combined, family };
        marketSubs.add(sub);
        ws.on('close', () => marketSubs.delete(sub));
      });
    if (market) return subscribeMarket(market[2] ? [market[2]] : (url.searchParams.get('streams') ?? '').split('/').filter(Boolean), !market[2], 'um');
    if (priv) return listenUser(req, socket, head, priv[1] ?? url.searchParams.get('listenKey') ?? '', ['um', 'cm']);
    if (dstream && !String(req.headers.host ?? '').startsWith('fstream')) {
      const streams = dstream[2] ? [dstream[2]] : (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
      // User data on /ws/<listenKey> only (a COIN-M key); market streams on either form.
      if (dstream[2] && listenKeys.get(dstream[2])?.family === 'cm') return listenUser(req, socket, head, dstream[2], ['cm']);
      if (streams.some((x) => listenKeys.has(x))) return void socket.destroy();
      return subscribeMarket(streams, !dstream[2], 'cm');
    }
    socket.destroy();
  };
  server.on('upgrade', upgrade);
  const offUser = engine.onUserEvent((apiKey, event, family) => {
    for (const s of userSubs) if (s.apiKey === apiKey && s.family === family) s.ws.send(JSON.stringify(event));
  });

  const markEvent = (symbol: string) => {
    const m = engine.market.get(symbol)!;
    return { e: 'markPriceUpdate', E: now(), s: symbol, p: m.mark.toFixed(8), i: m.mark.toFixed(8), P: m.mark.toFixed(8), r: m.fundingRate.toFixed(8), ap: m.mark.toFixed(8), T: m.nextFundingTime, st: 1 };
  };
  // Once a second: mark-price pushes, funding that fell due, and listenKey expiry.
  const tick = setInterval(() => {
    engine.settleFunding();
    for (const s of marketSubs) {
      for (const stream of s.streams) {
        const all = stream.startsWith('!markPrice@arr');
        const one = /^([a-z0-9_]+)@markPrice(@1s)?$/.exec(stream);
        const symbol = one?.[1]!.toUpperCase() ?? '';
        const data =
          s.family === 'cm'
            ? engine.coinm.has(symbol) ? coinmMarkEvent({ engine, now: now() }, symbol) : null
            : all ? CONTRACTS.map((k) => markEvent(k.symbol)) : engine.market.has(symbol) ? markEvent(symbol) : null;
        if (data) s.ws.send(JSON.stringify(s.combined ? { stream, data } : data));
      }
    }
    for (const s of userSubs) {
      const entry = listenKeys.get(s.listenKey);
      if (!entry || entry.expires <= now()) {
        s.ws.send(JSON.stringify({ e: 'listenKeyExpired', E: now(), listenKey: s.listenKey }));
        s.ws.close();
        userSubs.delete(s);
      }
    }
  }, 1000);
  tick.unref();

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // The same handlers over TLS, for the browser's WebSockets to Binance's real host names.
  const tlsServer = opts.tls ? createTlsServer(opts.tls, (req, res) => void handle(req, res).catch(() => reply(res, 500, { code: -1000, msg: 'simulator error' }))) : null;
  tlsServer?.on('upgrade', upgrade);
  if (tlsServer) await new Promise<void>((resolve) => tlsServer.listen(opts.tlsPort ?? 0, opts.host ?? '127.0.0.1', resolve));

  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    /** The TLS listener's port, when `tls` was given. */
    tlsPort: tlsServer ? (tlsServer.address() as AddressInfo).port : null,
    apiKey: DEMO_KEY.apiKey,
    apiSecret: DEMO_KEY.apiSecret,
    engine,
    faults,
    requests,
    now,
    /** Cuts every user-data stream without a close frame, as a network drop does; returns how many. */
    dropStreams(): number {
      if (faultsOff) return 0;
      const cut = userSubs.size;
      for (const s of userSubs) s.ws.terminate();
      return cut;
    },
    /** Expires every listenKey now (the next tick sends listenKeyExpired); returns the open streams it ends. */
    expireListenKeys(): number {
      if (faultsOff) return 0;
      for (const v of listenKeys.values()) v.expires = 0;
      return userSubs.size;
    },
    /** Open spot user-data subscriptions on the WebSocket API. */
    spotSubscriptions: (): number => api.subscriptions(),
    /** Ends every spot WebSocket API subscription (eventStreamTerminated) and closes its connection. */
    endSpotStreams(): void {
      api.terminate();
    },
    async close(): Promise<void> {
      clearInterval(tick);
      offUser();
      api.close();
      for (const c of wss.clients) c.terminate();
      for (const s of tlsServer ? [server, tlsServer] : [server]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

export type Sim = Awaited<ReturnType<typeof startSimulator>>;
