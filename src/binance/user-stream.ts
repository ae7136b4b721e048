/**
 * A futures user-data stream: USDⓈ-M on fstream's routed path (/private/ws/<listenKey>), COIN-M on
 * dstream's /ws/<listenKey>. Account and order events as they happen (both families name them
 * alike); takes a new listenKey when Binance says the old one expired.
 */
import type { Exchange } from './exchange';
import { reconnectingSocket, type StreamState } from './socket';

export type { StreamState } from './socket';

export interface UserEvent {
  e: string;
  [field: string]: unknown;
}

/** Where each family's user data lives under its WebSocket base. */
const USER_PATH = { usdm: '/private/ws/', coinm: '/ws/' } as const;
export type StreamRoute = keyof typeof USER_PATH;

export interface UserStreamDeps {
  /** The route's WebSocket base: HOSTS futuresWs for usdm, coinmWs for coinm. */
  wsBase: string;
  /** 'usdm' unless said otherwise. */
  route?: StreamRoute;
  /** The route's listenKey calls (a CoinmExchange for coinm). */
  exchange: Pick<Exchange, 'listenKey' | 'keepAliveListenKey'>;
  WebSocket: new (url: string) => WebSocket;
  onEvent: (event: UserEvent) => void;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export function userStream(deps: UserStreamDeps) {
  const socket = reconnectingSocket({
    url: async () => `${deps.wsBase}${USER_PATH[deps.route ?? 'usdm']}${await deps.exchange.listenKey()}`,
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
