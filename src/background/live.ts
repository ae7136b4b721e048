/**
 * Live updates while a view is open: the user-data stream (fills, funding, margin calls) and the
 * hedged symbols' mark prices. Either one asks for a refresh; bursts are folded into one.
 */
import * as v from 'valibot';
import type { Exchange } from '../binance/exchange';
import { OrderTradeUpdate } from '../binance/schemas';
import { markStream } from '../binance/mark-stream';
import type { StreamState } from '../binance/socket';
import { userStream } from '../binance/user-stream';
import type { Dashboard } from '../shared/hedge-types';
import type { Market } from './market';
import type { Monitor } from './monitor';
import type { OrderUpdate } from './reconcile';

/** Stream events arrive in bursts (a fill sends two); one refresh per burst. */
const REFRESH_DEBOUNCE_MS = 500;

export interface Live {
  start(): void;
  stop(): void;
  keepAlive(): Promise<void>;
  /** The mark stream follows the symbols hedged in the latest dashboard. */
  follow(dashboard: Dashboard): void;
  readonly state: StreamState;
}

export interface LiveDeps {
  wsBase: string;
  WebSocket: new (url: string) => WebSocket;
  exchange: Pick<Exchange, 'listenKey' | 'keepAliveListenKey'>;
  market: Market;
  monitor: Monitor;
  /** Refresh the warnings now (and tell the views). */
  refresh: () => Promise<unknown>;
  /** An order's update (ORDER_TRADE_UPDATE's `o`): settles its journal entry when it is ours. */
  onOrder: (o: OrderUpdate) => Promise<unknown>;
}

const hedgedSymbols = (d: Dashboard): string[] => d.assets.filter((a) => a.symbol && Number(a.hedge) !== 0).map((a) => a.symbol!);

export function createLive({ wsBase, WebSocket, exchange, market, monitor, refresh, onOrder }: LiveDeps): Live {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = (): void => {
    clearTimeout(pending);
    pending = setTimeout(() => void refresh().catch(() => undefined), REFRESH_DEBOUNCE_MS);
  };
  let opened = false;
  const user = userStream({
    wsBase,
    WebSocket,
    exchange,
    onEvent: (event) => {
      if (!['ACCOUNT_UPDATE', 'ORDER_TRADE_UPDATE', 'MARGIN_CALL'].includes(event.e)) return;
      // An order's fill settles its journal entry; any of these events means "re-read the account".
      const order = v.safeParse(OrderTradeUpdate, event);
      if (order.success) void onOrder(order.output.o).catch(() => undefined);
      market.invalidateLive();
      refreshSoon();
    },
    // Events sent while the stream was down are gone: after a reconnect, read the account anew.
    onState: (state) => {
      if (state !== 'open') return;
      if (opened) {
        market.invalidateLive();
        refreshSoon();
      }
      opened = true;
    },
  });
  const marks = markStream({
    wsBase,
    WebSocket,
    onMark: (update) => void monitor.markMoved(update).then((moved) => moved && refreshSoon(), () => undefined),
  });
  let wanted = false;
  return {
    start() {
      wanted = true;
      user.start();
      void monitor.cached().then((d) => d && wanted && marks.watch(hedgedSymbols(d)));
    },
    stop() {
      wanted = false;
      opened = false;
      clearTimeout(pending);
      user.stop();
      marks.stop();
    },
    keepAlive: () => user.keepAlive(),
    follow(d) {
      if (wanted) marks.watch(hedgedSymbols(d));
    },
    get state() {
      return user.state;
    },
  };
}
