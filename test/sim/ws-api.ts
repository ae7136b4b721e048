/**
 * Binance's spot WebSocket API (`/ws-api/v3`), the part the product uses: `ping`,
 * `userDataStream.subscribe.signature` (the signature checked like REST's, over the params sorted
 * by name), `userDataStream.unsubscribe` and `session.subscriptions`; then the account's spot events
 * as `{subscriptionId, event}`. Replies and errors in the documented shape:
 * `{id, status, result}` or `{id, status, error: {code, msg}}`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { validSignature } from './auth';
import type { Engine } from './engine';
import { ApiError, E } from './errors';

interface Session {
  ws: WebSocket;
  /** subscriptionId → the account's API key. */
  subscriptions: Map<number, string>;
  next: number;
}

export function wsApi(engine: Engine, wss: WebSocketServer, now: () => number) {
  const sessions = new Set<Session>();

  function subscribe(session: Session, params: Record<string, unknown>): { subscriptionId: number } {
    const apiKey = String(params.apiKey ?? '');
    const account = engine.accounts.get(apiKey);
    if (!/^[A-Za-z0-9]{16,128}$/.test(apiKey)) throw E.keyFormat();
    if (!account) throw E.keyPerm();
    const timestamp = Number(params.timestamp);
    if (!Number.isFinite(timestamp)) throw E.mandatory('timestamp');
    const recvWindow = params.recvWindow === undefined ? 5000 : Number(params.recvWindow);
    if (timestamp >= now() + 1000 || now() - timestamp > recvWindow) throw E.timestamp();
    const signature = params.signature;
    if (typeof signature !== 'string') throw E.mandatory('signature');
    const payload = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    if (!validSignature(account, payload, signature)) throw E.signature();
    if (!account.permissions.enableReading) throw E.keyPerm();
    const subscriptionId = session.next++;
    session.subscriptions.set(subscriptionId, apiKey);
    return { subscriptionId };
  }

  function answer(session: Session, raw: string): void {
    let request: { id?: unknown; method?: unknown; params?: Record<string, unknown> };
    try {
      request = JSON.parse(raw);
    } catch {
      return void session.ws.send(JSON.stringify({ id: null, status: 400, error: { code: -1002, msg: 'Invalid JSON request.' } }));
    }
    const id = request.id ?? null;
    const params = request.params ?? {};
    try {
      let result: unknown;
      switch (request.method) {
        case 'ping':
          result = {};
          break;
        case 'userDataStream.subscribe.signature':
          result = subscribe(session, params);
          break;
        case 'userDataStream.unsubscribe':
          if (params.subscriptionId === undefined) session.subscriptions.clear();
          else session.subscriptions.delete(Number(params.subscriptionId));
          result = {};
          break;
        case 'session.subscriptions':
          result = [...session.subscriptions.keys()].map((subscriptionId) => ({ subscriptionId }));
          break;
        default:
          throw new ApiError(-1100, `Unknown method ${String(request.method)}.`);
      }
      session.ws.send(JSON.stringify({ id, status: 200, result }));
    } catch (err) {
      const e = err instanceof ApiError ? err : E.unknown();
      session.ws.send(JSON.stringify({ id, status: e.status, error: { code: e.code, msg: e.message } }));
    }
  }

  const off = engine.onSpotEvent((apiKey, event) => {
    for (const s of sessions) {
      for (const [subscriptionId, key] of s.subscriptions) if (key === apiKey) s.ws.send(JSON.stringify({ subscriptionId, event }));
    }
  });

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const session: Session = { ws, subscriptions: new Map(), next: 0 };
        sessions.add(session);
        ws.on('message', (m) => answer(session, String(m)));
        ws.on('close', () => sessions.delete(session));
      });
    },
    /** Ends every subscription as Binance does before it closes a connection, then drops it. */
    terminate(): void {
      for (const s of sessions) {
        for (const subscriptionId of s.subscriptions.keys()) s.ws.send(JSON.stringify({ subscriptionId, event: { e: 'eventStreamTerminated', E: now() } }));
        s.ws.close();
      }
    },
    /** How many user-data subscriptions are open. */
    subscriptions: (): number => [...sessions].reduce((n, s) => n + s.subscriptions.size, 0),
    /** Drops every connection without a close frame, as a network drop does. */
    drop(): void {
      for (const s of sessions) s.ws.terminate();
    },
    close(): void {
      off();
    },
  };
}

export type WsApi = ReturnType<typeof wsApi>;
