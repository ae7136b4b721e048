/**
 * Mark prices of the hedged symbols, every second, from Binance's combined market stream
 * (fstream /market/stream?streams=<symbol>@markPrice@1s/…, dstream /stream?streams=… for COIN-M).
 * No request weight, unlike polling.
 */
import * as v from 'valibot';
import { CombinedMarkPrice } from './schemas';
import { reconnectingSocket, type StreamState } from './socket';
import type { StreamRoute } from './user-stream';

/** Where each family's combined market stream lives under its WebSocket base. */
const MARK_PATH: Record<StreamRoute, string> = { usdm: '/market/stream?streams=', coinm: '/stream?streams=' };

export interface MarkUpdate {
  symbol: string;
  markPrice: string;
  fundingRate: string;
  nextFundingTime: number;
}

export interface MarkStreamDeps {
  /** The route's WebSocket base: HOSTS futuresWs for usdm, coinmWs for coinm. */
  wsBase: string;
  /** 'usdm' unless said otherwise. */
  route?: StreamRoute;
  WebSocket: new (url: string) => WebSocket;
  onMark: (update: MarkUpdate) => void;
  onState?: (state: StreamState) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export function markStream(deps: MarkStreamDeps) {
  let symbols: string[] = [];
  const socket = reconnectingSocket({
    url: async () => `${deps.wsBase}${MARK_PATH[deps.route ?? 'usdm']}${symbols.map((s) => `${s.toLowerCase()}@markPrice@1s`).join('/')}`,
    WebSocket: deps.WebSocket,
    onMessage: (msg) => {
      const parsed = v.safeParse(CombinedMarkPrice, msg);
      if (!parsed.success) return; // an unreadable tick is skipped; the next comes in a second
      const d = parsed.output.data;
      deps.onMark({ symbol: d.s, markPrice: d.p, fundingRate: d.r || '0', nextFundingTime: d.T });
    },
    ...(deps.onState ? { onState: deps.onState } : {}),
    ...(deps.setTimeout ? { setTimeout: deps.setTimeout } : {}),
  });
  return {
    /** Streams these symbols (reconnecting when the set changes); none stops it. */
    watch(next: string[]): void {
      const sorted = [...new Set(next)].sort();
      if (sorted.join() === symbols.join() && socket.state !== 'off') return;
      symbols = sorted;
      if (symbols.length === 0) return socket.stop();
      if (socket.state === 'off') socket.start();
      else socket.reconnect();
    },
    stop: socket.stop,
    get state(): StreamState {
      return socket.state;
    },
  };
}

export type MarkStream = ReturnType<typeof markStream>;
