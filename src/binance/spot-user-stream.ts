/**
 * The spot user-data stream on Binance's WebSocket API (the REST listenKey was retired on
 * 2026-02-20): one connection to ws-api, subscribed with `userDataStream.subscribe.signature`
 * (HMAC, RSA and Ed25519 keys alike), whose events arrive as `{subscriptionId, event}`. A balance
 * or order event says "the spot wallet changed"; every (re)subscription says "re-read it", since
 * what happened while it was down is not replayed. A `ping` every 20 s keeps the connection, and
 * the service worker holding it, alive.
 */
import * as v from 'valibot';
import { SpotUserEvent, WsApiReply } from './schemas';
import { reconnectingSocket, type StreamState } from './socket';

/** Spot events that change what the hedge protects. */
const CHANGES = new Set(['outboundAccountPosition', 'balanceUpdate', 'executionReport']);
const HEARTBEAT_MS = 20_000;

export interface SpotStreamDeps {
  /** wss://ws-api.binance.com:443/ws-api/v3, or the environment's. */
  url: string;
  /** `userDataStream.subscribe.signature`'s params: apiKey, timestamp, signature. */
  signedParams: () => Promise<Record<string, string | number>>;
  WebSocket: new (url: string) => WebSocket;
  /** The spot wallet changed (an event), or may have (a new subscription): read it again. */
  onChange: (why: 'event' | 'moved' | 'subscribed') => void;
  /** Binance refused the subscription (a key or clock problem), in Binance's words. */
  onRefused?: (error: { code: number; msg: string }) => void;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export function spotUserStream(deps: SpotStreamDeps) {
  let nextId = 1;
  let subscribeId = '';
  const socket = reconnectingSocket({
    url: async () => deps.url,
    WebSocket: deps.WebSocket,
    confirmsHealth: true,
    onOpen: (send) => {
      subscribeId = `subscribe-${nextId++}`;
      void deps.signedParams().then(
        (params) => send(JSON.stringify({ id: subscribeId, method: 'userDataStream.subscribe.signature', params })),
        () => socket.reconnect(), // no clock or key yet: try again through the backoff
      );
    },
    heartbeat: { everyMs: HEARTBEAT_MS, message: () => JSON.stringify({ id: `ping-${nextId++}`, method: 'ping' }) },
    onMessage: (data) => {
      const event = v.safeParse(SpotUserEvent, data);
      if (event.success) {
        if (event.output.event.e === 'eventStreamTerminated') return false;
        // balanceUpdate: coins moved between the account's wallets (Earn, Funding, Futures), not a trade.
        if (CHANGES.has(event.output.event.e)) deps.onChange(event.output.event.e === 'balanceUpdate' ? 'moved' : 'event');
        return;
      }
      const reply = v.safeParse(WsApiReply, data);
      if (!reply.success || reply.output.id !== subscribeId) return;
      if (reply.output.error) {
        deps.onRefused?.(reply.output.error);
        return false; // reconnect through the backoff, which grows while the refusal lasts
      }
      socket.healthy();
      deps.onChange('subscribed');
    },
    ...(deps.onState ? { onState: deps.onState } : {}),
    ...(deps.setTimeout ? { setTimeout: deps.setTimeout } : {}),
  });
  return {
    start: socket.start,
    stop: socket.stop,
    get state(): StreamState {
      return socket.state;
    },
  };
}

export type SpotUserStream = ReturnType<typeof spotUserStream>;
