/**
 * A WebSocket that stays connected while wanted: reconnects with exponential backoff (1 s … 60 s),
 * asks for its URL anew on each attempt (a user-data stream needs a live listenKey), and reports
 * its state so the caller can fall back to polling. A heartbeat message keeps the connection, and
 * the MV3 service worker holding it, alive: Chrome counts WebSocket messages as activity.
 */
export type StreamState = 'off' | 'connecting' | 'open' | 'retrying';

export interface SocketDeps {
  url: () => Promise<string>;
  WebSocket: new (url: string) => WebSocket;
  /** A parsed JSON message; return false to drop the connection and reconnect. */
  onMessage: (data: unknown) => boolean | void;
  /** Called once the connection is open, with a way to send on it (a subscription request). */
  onOpen?: (send: (text: string) => void) => void;
  /** Sent every `everyMs` while open. */
  heartbeat?: { everyMs: number; message: () => string };
  /**
   * The backoff resets only when the caller says the connection works (`healthy()`), not on open:
   * a stream whose subscription is refused must not reconnect every second.
   */
  confirmsHealth?: boolean;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

const MAX_BACKOFF_MS = 60_000;

export function reconnectingSocket(deps: SocketDeps) {
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
    later(() => void connect(), Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures++));
  }

  async function connect(): Promise<void> {
    if (!wanted) return;
    set('connecting');
    let url: string;
    try {
      url = await deps.url();
    } catch {
      return retry();
    }
    if (!wanted) return;
    const ws = new deps.WebSocket(url);
    socket = ws;
    let beat: ReturnType<typeof setInterval> | undefined;
    ws.addEventListener('open', () => {
      if (!deps.confirmsHealth) failures = 0;
      set('open');
      const send = (text: string): void => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      };
      deps.onOpen?.(send);
      if (deps.heartbeat) beat = setInterval(() => send(deps.heartbeat!.message()), deps.heartbeat.everyMs);
    });
    ws.addEventListener('message', (m: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(m.data));
      } catch {
        return; // not JSON: ignore rather than break the stream
      }
      if (deps.onMessage(data) === false) ws.close();
    });
    ws.addEventListener('close', () => {
      clearInterval(beat);
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
    /** Drops the connection; it comes back through the normal reconnect. */
    reconnect(): void {
      socket?.close();
    },
    /** The connection works (its subscription was accepted): the next drop retries at once. */
    healthy(): void {
      failures = 0;
    },
    get state(): StreamState {
      return state;
    },
  };
}
