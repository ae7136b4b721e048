/**
 * The USDⓈ-M user-data stream on Binance's routed path (/private/ws/<listenKey>): account and
 * order events as they happen. Takes a new listenKey when Binance says the old one expired.
 */
import type { Exchange } from './exchange';
import { reconnectingSocket, type StreamState } from './socket';

export type { StreamState } from './socket';

export interface UserEvent {
  e: string;
  [field: string]: unknown;
}

export interface UserStreamDeps {
  /** wss://fstream.binance.com (or the test environment's). */
  wsBase: string;
  exchange: Pick<Exchange, 'listenKey' | 'keepAliveListenKey'>;
  WebSocket: new (url: string) => WebSocket;
  onEvent: (event: UserEvent) => void;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export function userStream(deps: UserStreamDeps) {
  const socket = reconnectingSocket({
    url: async () => `${deps.wsBase}/private/ws/${await deps.exchange.listenKey()}`,
    WebSocket: deps.WebSocket,
    onMessage: (data) => {
      const event = data as UserEvent;
      if (event.e === 'listenKeyExpired') return false;
      deps.onEvent(event);
    },
    ...(deps.onState ? { onState: deps.onState } : {}),
    ...(deps.setTimeout ? { setTimeout: deps.setTimeout } : {}),
  });
  return {
    start: socket.start,
    stop: socket.stop,
    /** Binance drops a listenKey not renewed within 60 min; a failed renewal reconnects with a new one. */
    async keepAlive(): Promise<void> {
      if (socket.state === 'off') return;
      await deps.exchange.keepAliveListenKey().catch(() => socket.reconnect());
    },
    get state(): StreamState {
      return socket.state;
    },
  };
}

export type UserStream = ReturnType<typeof userStream>;
