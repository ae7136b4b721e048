/**
 * Live updates: the spot user-data stream (the coins to protect changed), the USDⓈ-M user-data
 * stream (fills, funding, margin calls) and the hedged symbols' mark prices. Any of them asks for
 * a refresh; bursts are folded into one. Each stream re-reads what it covers when it (re)connects:
 * events sent while it was down are not replayed. The minute alarm keeps polling either way.
 */
import * as v from 'valibot';
import type { Exchange } from '../binance/exchange';
import { markStream } from '../binance/mark-stream';
import { OrderTradeUpdate } from '../binance/schemas';
import type { StreamState } from '../binance/socket';
import { spotUserStream } from '../binance/spot-user-stream';
import { userStream } from '../binance/user-stream';
import type { Dashboard } from '../shared/hedge-types';
import type { Market } from './market';
import type { Monitor } from './monitor';
import type { OrderUpdate } from './reconcile';

/** Stream events arrive in bursts (a fill sends two or three); one refresh per burst. */
const REFRESH_DEBOUNCE_MS = 250;

export interface Live {
  start(): void;
  stop(): void;
  keepAlive(): Promise<void>;
  /** The mark stream follows the symbols hedged in the latest dashboard. */
  follow(dashboard: Dashboard): void;
  /** The USDⓈ-M user-data stream's state (its listenKey needs renewing while it runs). */
  readonly state: StreamState;
  readonly spotState: StreamState;
}

export interface LiveDeps {
  /** wss://fstream.binance.com (routed paths /market, /private), or the environment's. */
  wsBase: string;
  /** The spot WebSocket API, e.g. wss://ws-api.binance.com:443/ws-api/v3. */
  spotWsApi: string;
  WebSocket: new (url: string) => WebSocket;
  exchange: Pick<Exchange, 'listenKey' | 'keepAliveListenKey' | 'spotStreamParams'>;
  market: Market;
  monitor: Monitor;
  /** Refresh the warnings now (and tell the views). */
  refresh: () => Promise<unknown>;
  /** An order's update (ORDER_TRADE_UPDATE's `o`): settles its journal entry when it is ours. */
  onOrder: (o: OrderUpdate) => Promise<unknown>;
}

const hedgedSymbols = (d: Dashboard): string[] => d.assets.filter((a) => a.symbol && Number(a.hedge) !== 0).map((a) => a.symbol!);

export function createLive({ wsBase, spotWsApi, WebSocket, exchange, market, monitor, refresh, onOrder }: LiveDeps): Live {
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
    onState: (state) => {
      if (state !== 'open') return;
      if (opened) {
        market.invalidateLive();
        refreshSoon();
      }
      opened = true;
    },
  });
  const spot = spotUserStream({
    url: spotWsApi,
    signedParams: () => exchange.spotStreamParams(),
    WebSocket,
    // A spot buy, sale or transfer changes what the hedge should be: re-read the spot wallet now,
    // and the Earn and Funding wallets too when coins moved between wallets.
    onChange: (why) => {
      market.invalidateSpot(why === 'moved');
      refreshSoon();
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
      if (wanted) return;
      wanted = true;
      user.start();
      spot.start();
      void monitor.cached().then((d) => d && wanted && marks.watch(hedgedSymbols(d)));
    },
    stop() {
      wanted = false;
      opened = false;
      clearTimeout(pending);
      user.stop();
      spot.stop();
      marks.stop();
    },
    keepAlive: () => user.keepAlive(),
    follow(d) {
      if (wanted) marks.watch(hedgedSymbols(d));
    },
    get state() {
      return user.state;
    },
    get spotState() {
      return spot.state;
    },
  };
}
