/**
 * The key-bound half of the background: one client, cache, market and executor per unlocked key
 * and environment, made on first use and kept while they stay the same.
 */
import { createClient } from '../binance/client';
import { HOSTS } from '../binance/env';
import type { ApiRestrictions, Exchange } from '../binance/exchange';
import { futuresExchange } from '../binance/futures-exchange';
import { markStream } from '../binance/mark-stream';
import type { StreamState } from '../binance/socket';
import { userStream } from '../binance/user-stream';
import type { Dashboard, Severity, Step, WarningView } from '../shared/hedge-types';
import { lockedError, viewOf, type Session } from './app';
import { ttlCache } from './cache';
import { createExecutor } from './executor';
import { incomeTotals, syncIncome } from './income-sync';
import type { ApiKey, Keystore } from './keystore';
import type { KV } from './kv';
import { market } from './market';
import { explainPortfolioMargin, PORTFOLIO_MARGIN_KEY } from './portfolio-margin';
import { autoTopUp, type TopUp } from './top-up';
import { createMonitor, type Monitor } from './monitor';
import type { SettingsStore } from './settings-store';
import { incomeHistory, journal, snapshots, type IncomeHistory, type Journal, type Snapshots, type Store } from './store';

export interface SessionDeps {
  keystore: Keystore;
  settings: SettingsStore;
  session: KV;
  local: KV;
  store: () => Promise<Store>;
  now: () => number;
  progress: (previewId: string, step: Step) => void;
  setBadge: (text: string, severity: Severity | null) => Promise<void>;
  notify: (warning: WarningView) => Promise<void>;
  /** The account changed (a stream event): views should re-read. */
  onChanged: (assets: string[]) => void;
  /** Overrides for tests: where requests and streams go instead of Binance's hosts. */
  fetch?: typeof fetch;
  WebSocket?: new (url: string) => WebSocket;
  wsBase?: string;
}

/** Stream events arrive in bursts (a fill sends two); one refresh per burst. */
const REFRESH_DEBOUNCE_MS = 500;

export type FullSession = Session & { exchange: Exchange; monitor: Monitor; journal: Journal; history: IncomeHistory; syncIncome: () => Promise<number>; live: Live; topUp: () => Promise<TopUp | null> };

/** Live updates while a view is open: the user-data stream and the hedged symbols' mark prices. */
export interface Live {
  start(): void;
  stop(): void;
  keepAlive(): Promise<void>;
  readonly state: StreamState;
}

const hedgedSymbols = (d: Dashboard): string[] => d.assets.filter((a) => a.symbol && Number(a.short) !== 0).map((a) => a.symbol!);

export function sessions(deps: SessionDeps) {
  let current: { id: string; value: FullSession } | null = null;
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  return {
    /** `touch` false for background work (the monitor): it must not keep the key unlocked. */
    async get(touch = true): Promise<FullSession> {
      const key = await deps.keystore.use(touch);
      if (!key) throw lockedError();
      const s = await deps.settings.get();
      const id = `${s.environment}|${s.recvWindow}|${key.apiKey}`;
      if (current?.id === id) return current.value;
      const client = createClient({ env: s.environment, key, recvWindow: s.recvWindow, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
      const plain = futuresExchange(client);
      const exchange = (await deps.local.get<boolean>(PORTFOLIO_MARGIN_KEY)) ? explainPortfolioMargin(plain) : plain;
      const m = market(exchange, ttlCache(deps.now));
      const db = await deps.store();
      const history = incomeHistory(db);
      const points = snapshots(db);
      const executor = createExecutor({
        exchange,
        market: m,
        journal: journal(db),
        session: deps.session,
        now: deps.now,
        sleep,
        progress: deps.progress,
        viewOf: (asset) => viewOf(asset, m, deps.settings, deps.now()),
      });
      let onRefreshed: (d: Dashboard) => void = () => undefined;
      const monitor = createMonitor({
        market: m,
        settings: () => deps.settings.get(),
        local: deps.local,
        session: deps.session,
        now: deps.now,
        incomeTotals: () => incomeTotals(history),
        setBadge: deps.setBadge,
        notify: deps.notify,
        snapshot: (snap) => points.record(snap),
        onRefreshed: (d) => onRefreshed(d),
      });
      const topUp = async () => autoTopUp({ settings: await deps.settings.get(), market: m, exchange, local: deps.local, now: deps.now(), notify: deps.notify });
      // Stream events and mark ticks arrive in bursts: one refresh per burst.
      let pending: ReturnType<typeof setTimeout> | undefined;
      const refreshSoon = (): void => {
        clearTimeout(pending);
        pending = setTimeout(() => {
          void topUp()
            .catch(() => null)
            .then(() => monitor.refresh())
            .then((d) => deps.onChanged(d.assets.map((a) => a.asset)), () => undefined);
        }, REFRESH_DEBOUNCE_MS);
      };
      const ws = { WebSocket: deps.WebSocket ?? globalThis.WebSocket };
      const wsBase = deps.wsBase ?? HOSTS[s.environment].futuresWs;
      const user = userStream({
        wsBase,
        exchange,
        ...ws,
        onEvent: (event) => {
          if (!['ACCOUNT_UPDATE', 'ORDER_TRADE_UPDATE', 'MARGIN_CALL'].includes(event.e)) return;
          m.invalidateLive();
          refreshSoon();
        },
      });
      const marks = markStream({
        wsBase,
        ...ws,
        onMark: (update) => void monitor.markMoved(update).then((moved) => moved && refreshSoon(), () => undefined),
      });
      let liveWanted = false;
      const live: Live = {
        start() {
          liveWanted = true;
          user.start();
          void monitor.cached().then((d) => d && liveWanted && marks.watch(hedgedSymbols(d)));
        },
        stop() {
          liveWanted = false;
          user.stop();
          marks.stop();
        },
        keepAlive: () => user.keepAlive(),
        get state() {
          return user.state;
        },
      };
      onRefreshed = (d) => liveWanted && marks.watch(hedgedSymbols(d));
      current?.value.live.stop();
      current = { id, value: { market: m, executor, exchange, monitor, journal: journal(db), history, syncIncome: () => syncIncome(exchange, history, deps.now()), live, topUp, points } };
      return current.value;
    },

    /** Key permissions for a key being saved; null where the environment has no /sapi. */
    async restrictions(key: ApiKey): Promise<ApiRestrictions | null> {
      const { environment, recvWindow } = await deps.settings.get();
      if (!HOSTS[environment].sapi) return null;
      const client = createClient({ env: environment, key, recvWindow, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
      return futuresExchange(client).apiRestrictions();
    },

    drop(): void {
      current?.value.live.stop();
      current = null;
    },
  };
}
