/**
 * The USDⓈ-M user-data stream on Binance's routed path (/private/ws/<listenKey>): account and
 * order events as they happen. Reconnects with backoff, takes a new listenKey when Binance says
 * the old one expired, and reports its state so the caller can fall back to polling.
 */
import type { Exchange } from './exchange';

export interface UserEvent {
  e: string;
  [field: string]: unknown;
}

export type StreamState = 'off' | 'connecting' | 'open' | 'retrying';

export interface UserStreamDeps {
  /** wss://fstream.binance.com (or the test environment's). */
  wsBase: string;
  exchange: Pick<Exchange, 'listenKey' | 'keepAliveListenKey'>;
  WebSocket: new (url: string) => WebSocket;
  onEvent: (event: UserEvent) => void;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

const MAX_BACKOFF_MS = 60_000;

export function userStream(deps: UserStreamDeps) {
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let socket: WebSocket | null = null;
  let wanted = false;
  let failures = 0;
  let state: StreamState = 'off';
  const set = (s: StreamState): void => {
    state = s;
    deps.onState?.(s);
  };

  function retry(): void {
    if (!wanted) return;
    set('retrying');
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures++);
    later(() => void connect(), delay);
  }

  async function connect(): Promise<void> {
    if (!wanted) return;
    set('connecting');
    let key: string;
    try {
      key = await deps.exchange.listenKey();
    } catch {
      return retry();
    }
    if (!wanted) return;
    const ws = new deps.WebSocket(`${deps.wsBase}/private/ws/${key}`);
    socket = ws;
    ws.addEventListener('open', () => {
      failures = 0;
      set('open');
    });
    ws.addEventListener('message', (m: MessageEvent) => {
      let event: UserEvent;
      try {
        event = JSON.parse(String(m.data)) as UserEvent;
      } catch {
        return; // not JSON: ignore rather than break the stream
      }
      if (event.e === 'listenKeyExpired') return ws.close();
      deps.onEvent(event);
    });
    ws.addEventListener('close', () => {
      if (socket === ws) socket = null;
      retry();
    });
    ws.addEventListener('error', () => ws.close());
  }

  return {
    start(): void {
      if (wanted) return;
      wanted = true;
      failures = 0;
      void connect();
    },
    stop(): void {
      wanted = false;
      socket?.close();
      socket = null;
      set('off');
    },
    /** Binance drops a listenKey not renewed within 60 min; a failed renewal reconnects with a new one. */
    async keepAlive(): Promise<void> {
      if (!wanted) return;
      try {
        await deps.exchange.keepAliveListenKey();
      } catch {
        socket?.close();
      }
    },
    get state(): StreamState {
      return state;
    },
  };
}

export type UserStream = ReturnType<typeof userStream>;
