/**
 * Live updates: the spot user-data stream (the coins to protect changed), the USDⓈ-M user-data
 * stream (fills, funding, margin calls) and the hedged symbols' mark prices. Any of them asks for
 * a refresh; bursts are folded into one. Each stream re-reads what it covers when it (re)connects:
 * events sent while it was down are not replayed. The minute alarm keeps polling either way.
 */
import * as v from 'valibot';
import type { CoinmExchange } from '../binance/coinm';
import type { Exchange } from '../binance/exchange';
import { markStream } from '../binance/mark-stream';
import { AlgoUpdate, OrderTradeUpdate } from '../binance/schemas';
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
  /** A guard's ALGO_UPDATE: returns its asset when the guard was ours and is gone (fired or cancelled). */
  onAlgo: (o: { caid: string; s: string; X: string; tp?: string }) => Promise<string | null>;
  /** COIN-M's streams (dstream), where the environment has COIN-M. */
  coinm?: { wsBase: string; exchange: Pick<CoinmExchange, 'listenKey' | 'keepAliveListenKey'> };
}

/** COIN-M symbols (BTCUSD_PERP) stream on dstream; USDⓈ-M ones on fstream. */
const isCoinm = (symbol: string): boolean => symbol.endsWith('_PERP');

const hedgedSymbols = (d: Dashboard): string[] => d.assets.filter((a) => a.symbol && Number(a.hedge) !== 0).map((a) => a.symbol!);

export function createLive({ wsBase, spotWsApi, WebSocket, exchange, market, monitor, refresh, onOrder, onAlgo, coinm }: LiveDeps): Live {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = (): void => {
    clearTimeout(pending);
    pending = setTimeout(() => void refresh().catch(() => undefined), REFRESH_DEBOUNCE_MS);
  };
  /** A futures user-data stream: fills settle their journal entry; any event means "re-read the account". */
  const futuresUser = (route: 'usdm' | 'coinm', base: string, keys: Pick<Exchange, 'listenKey' | 'keepAliveListenKey'>) => {
    let opened = false;
    return userStream({
      wsBase: base,
      route,
      WebSocket,
      exchange: keys,
      onEvent: (event) => {
        const algo = v.safeParse(AlgoUpdate, event);
        if (algo.success) {
          void onAlgo(algo.output.o).then((asset) => asset && refreshSoon(), () => undefined);
          return;
        }
        if (!['ACCOUNT_UPDATE', 'ORDER_TRADE_UPDATE', 'MARGIN_CALL'].includes(event.e)) return;
        const order = v.safeParse(OrderTradeUpdate, event);
        if (order.success) void onOrder(order.output.o).catch(() => undefined);
        market.invalidateLive();
        refreshSoon();
      },
      // Events sent while it was down are not replayed: re-read on every open after the first.
      onState: (state) => {
        if (state !== 'open') return;
        if (opened) {
          market.invalidateLive();
          refreshSoon();
        }
        opened = true;
      },
    });
  };
  const user = futuresUser('usdm', wsBase, exchange);
  const coinmUser = coinm ? futuresUser('coinm', coinm.wsBase, coinm.exchange) : null;
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
  const onMark = (update: Parameters<Monitor['markMoved']>[0]) => void monitor.markMoved(update).then((moved) => moved && refreshSoon(), () => undefined);
  const marks = markStream({ wsBase, WebSocket, onMark });
  const coinmMarks = coinm ? markStream({ wsBase: coinm.wsBase, route: 'coinm', WebSocket, onMark }) : null;
  const watch = (d: Dashboard): void => {
    const symbols = hedgedSymbols(d);
    marks.watch(symbols.filter((s) => !isCoinm(s)));
    coinmMarks?.watch(symbols.filter(isCoinm));
  };
  let wanted = false;
  return {
    start() {
      if (wanted) return;
      wanted = true;
      user.start();
      coinmUser?.start();
      spot.start();
      void monitor.cached().then((d) => d && wanted && watch(d));
    },
    stop() {
      wanted = false;
      clearTimeout(pending);
      user.stop();
      coinmUser?.stop();
      spot.stop();
      marks.stop();
      coinmMarks?.stop();
    },
    keepAlive: async () => {
      await Promise.all([user.keepAlive(), coinmUser?.keepAlive()]);
    },
    follow(d) {
      if (wanted) watch(d);
    },
    get state() {
      return user.state;
    },
    get spotState() {
      return spot.state;
    },
  };
}
