/**
 * The key-bound half of the background: one client, cache, market and executor per unlocked key
 * and environment, made on first use and kept while they stay the same.
 */
import { createClient } from '../binance/client';
import { HOSTS, KEY_PAGE, type Environment } from '../binance/env';
import { UserError } from '../shared/user-error';
import { asUserError } from './explain';
import type { ApiRestrictions, Exchange } from '../binance/exchange';
import { futuresExchange } from '../binance/futures-exchange';
import type { WeightBudget } from '../binance/weight';
import type { Severity, Step, WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import { lockedError, viewOf, type Session } from './app';
import { ttlCache } from './cache';
import { createExecutor } from './executor';
import { reconciler, type Reconciler } from './reconcile';
import { incomeTotals, syncIncome } from './income-sync';
import type { ApiKey } from '../binance/sign';
import type { Keystore } from './keystore';
import type { KV } from './kv';
import { createLive, type Live } from './live';
import { market } from './market';
import { explainPortfolioMargin, PORTFOLIO_MARGIN_KEY } from './portfolio-margin';
import { autoTopUp, type TopUp } from './top-up';
import { createMonitor } from './monitor';
import type { SettingsStore } from './settings-store';
import { incomeHistory, journal, snapshots, type Store } from './store';

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
  /** Binance's request-weight budget: one per IP, shared by every client, kept across worker restarts. */
  budget: WeightBudget;
  /** Overrides for tests: where requests and streams go instead of Binance's hosts. */
  fetch?: typeof fetch;
  WebSocket?: new (url: string) => WebSocket;
  wsBase?: string;
  sleep?: (ms: number) => Promise<void>;
}

export type FullSession = Session & { exchange: Exchange; reconciler: Reconciler; live: Live; topUp: () => Promise<TopUp | null> };

/** A key refused by the spot or the futures side of an environment without /sapi, in its words. */
async function proveKey(exchange: Exchange, environment: Environment): Promise<void> {
  for (const [side, read] of [['spot', () => exchange.spotBalances()], ['futures', () => exchange.account()]] as const) {
    try {
      await read();
    } catch (err) {
      const e = asUserError(err);
      throw new UserError('key-refused', `The ${environment} ${side} API did not accept this key: ${e.info.message}`, `Make the key on ${KEY_PAGE[environment]}.`);
    }
  }
}

export function sessions(deps: SessionDeps) {
  // Built once per key and environment: concurrent first requests (a double click on a cold
  // worker) share one session, so they share one executor and its per-preview serialization.
  let current: { id: string; value: Promise<FullSession> } | null = null;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function build(key: ApiKey, s: Settings): Promise<FullSession> {
    const client = createClient({ env: s.environment, key, recvWindow: s.recvWindow, budget: deps.budget, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    const plain = futuresExchange(client);
    const exchange = (await deps.local.get<boolean>(PORTFOLIO_MARGIN_KEY)) ? explainPortfolioMargin(plain) : plain;
    const m = market(exchange, ttlCache(deps.now));
    const db = await deps.store();
    const history = incomeHistory(db);
    const points = snapshots(db);
    const orders = journal(db);
    const inflight = new Set<string>();
    const executor = createExecutor({
      exchange,
      market: m,
      journal: orders,
      session: deps.session,
      now: deps.now,
      sleep,
      recvWindowMs: s.recvWindow,
      progress: deps.progress,
      viewOf: (asset) => viewOf(asset, m, deps.settings, deps.now()),
      inflight,
    });
    const settler = reconciler({ exchange, market: m, journal: orders, now: deps.now, recvWindowMs: s.recvWindow, inflight });
    let live: Live | null = null;
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
      onRefreshed: (d) => live?.follow(d),
    });
    const topUp = async () => autoTopUp({ settings: await deps.settings.get(), market: m, exchange, local: deps.local, now: deps.now(), notify: deps.notify });
    live = createLive({
      wsBase: deps.wsBase ?? HOSTS[s.environment].futuresWs,
      WebSocket: deps.WebSocket ?? globalThis.WebSocket,
      exchange,
      market: m,
      monitor,
      onOrder: (o) => settler.fromStream(o),
      refresh: async () => {
        await topUp().catch(() => null);
        const d = await monitor.refresh();
        deps.onChanged(d.assets.map((a) => a.asset));
      },
    });
    return { market: m, executor, reconciler: settler, exchange, monitor, journal: orders, history, points, syncIncome: () => syncIncome(exchange, history, deps.now()), live, topUp };
  }

  return {
    /** `touch` false for background work (the monitor): it must not keep the key unlocked. */
    async get(touch = true): Promise<FullSession> {
      const key = await deps.keystore.use(touch);
      if (!key) throw lockedError();
      const s = await deps.settings.get();
      const id = `${s.environment}|${s.recvWindow}|${key.apiKey}`;
      if (current?.id !== id) {
        void current?.value.then((old) => old.live.stop(), () => undefined);
        const value = build(key, s);
        current = { id, value };
        value.catch(() => {
          if (current?.value === value) current = null; // a failed build is not kept
        });
      }
      return current.value;
    },

    /**
     * Key permissions for a key being saved. Where the environment has no /sapi to tell them, the
     * key is proven instead by a signed read of the spot and the futures account, and null returned.
     */
    async restrictions(key: ApiKey): Promise<ApiRestrictions | null> {
      const { environment, recvWindow } = await deps.settings.get();
      const exchange = futuresExchange(createClient({ env: environment, key, recvWindow, budget: deps.budget, ...(deps.fetch ? { fetch: deps.fetch } : {}) }));
      if (HOSTS[environment].sapi) return exchange.apiRestrictions();
      await proveKey(exchange, environment);
      return null;
    },

    drop(): void {
      void current?.value.then((old) => old.live.stop(), () => undefined);
      current = null;
    },
  };
}
