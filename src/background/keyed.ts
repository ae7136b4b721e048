/**
 * The key-bound services: one client, cache, market, executor, reconciler, monitor and live
 * streams per unlocked key and environment, made on first use and kept while they stay the same.
 * Concurrent first requests (a double click on a cold worker) share one build, so they share one
 * executor and its per-preview serialization.
 */
import { createClient } from '../binance/client';
import { ENVIRONMENT_NAME, HOSTS, KEY_PAGE, type Environment } from '../binance/env';
import { words } from '../core';
import type { ApiRestrictions, Exchange } from '../binance/exchange';
import { coinmExchange } from '../binance/coinm-exchange';
import { futuresExchange } from '../binance/futures-exchange';
import type { ApiKey } from '../binance/sign';
import type { WeightBudget } from '../binance/weight';
import type { Severity, Step, TopUp, WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import { ITEMS, stored, type Areas } from '../shared/storage';
import { UserError } from '../shared/user-error';
import { ttlCache } from './cache';
import { fundingCosts } from './cost';
import { createExecutor, type Executor } from './executor';
import { asUserError } from './explain';
import { incomeTotals, syncIncome } from './income-sync';
import { lockedError, type Keystore } from './keystore';
import { createLive, type Live } from './live';
import { guardKeeper, type GuardKeeper } from './guard';
import { market, type Market } from './market';
import { coinmVenue } from './venue';
import { createMonitor, type Monitor } from './monitor';
import { explainPortfolioMargin } from './portfolio-margin';
import { previewStore } from './preview-store';
import { reconciler, type Reconciler } from './reconcile';
import { viewOf } from './views';
import type { SettingsStore } from './settings-store';
import { chartPoints, incomeHistory, journal, type ChartPoints, type IncomeHistory, type Journal, type Store } from './store';
import { autoTopUp } from './top-up';

export interface KeyedServices {
  exchange: Exchange;
  market: Market;
  executor: Executor;
  reconciler: Reconciler;
  /** The liquidation guards: kept in line with the hedges when the setting is on. */
  guards: GuardKeeper;
  monitor: Monitor;
  live: Live;
  journal: Journal;
  history: IncomeHistory;
  chartPoints: ChartPoints;
  /** Brings the income history up to date. */
  syncIncome: () => Promise<number>;
  /** The opt-in auto top-up, when the margin ratio calls for it. */
  topUp: () => Promise<TopUp | null>;
}

export interface KeyedDeps {
  keystore: Keystore;
  settings: SettingsStore;
  areas: Areas;
  store: () => Promise<Store>;
  /** Binance's request-weight budget: one per IP, shared by every client, kept across worker restarts. */
  budget: WeightBudget;
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
  spotWsApi?: string;
  coinmWs?: string;
  sleep?: (ms: number) => Promise<void>;
}

/** A key refused by the spot or the futures side of an environment without /sapi, in its words. */
async function proveKey(exchange: Exchange, environment: Environment): Promise<void> {
  for (const [side, read] of [['spot', () => exchange.spotBalances()], ['futures', () => exchange.account()]] as const) {
    try {
      await read();
    } catch (err) {
      const e = asUserError(err);
      throw new UserError('key-refused', words(side === 'spot' ? 'errKeyRefusedSpot' : 'errKeyRefusedFutures', words(ENVIRONMENT_NAME[environment]), e.info.message), words(KEY_PAGE[environment]));
    }
  }
}

export function keyedServices(deps: KeyedDeps) {
  let current: { id: string; value: Promise<KeyedServices> } | null = null;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const item = <T>(it: Parameters<typeof stored<T>>[1]) => stored(deps.areas, it);
  const clientFor = (key: ApiKey, s: Settings) => createClient({ env: s.environment, key, recvWindow: s.recvWindow, budget: deps.budget, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const exchangeFor = (key: ApiKey, s: Settings): Exchange => futuresExchange(clientFor(key, s));

  async function build(key: ApiKey, s: Settings): Promise<KeyedServices> {
    const client = clientFor(key, s);
    const plain = futuresExchange(client);
    const exchange = (await item(ITEMS.portfolioMargin).get()) ? explainPortfolioMargin(plain) : plain;
    // Demo trading documents no COIN-M host: COIN-M hedges are for Binance and its testnet.
    const coinm = s.environment === 'demo' ? undefined : coinmExchange(client);
    const m = market(exchange, ttlCache(deps.now), HOSTS[s.environment].sapi, coinm);
    const db = await deps.store();
    const history = incomeHistory(db);
    const points = chartPoints(db);
    const orders = journal(db);
    const inflight = new Set<string>();
    const executor = createExecutor({
      exchange,
      coinm: coinm ? coinmVenue(coinm) : null,
      market: m,
      journal: orders,
      previews: previewStore(deps.areas),
      now: deps.now,
      sleep,
      recvWindowMs: s.recvWindow,
      progress: deps.progress,
      viewOf: async (asset) => viewOf(asset, m, await deps.settings.get(), deps.now()),
      inflight,
    });
    const settle = reconciler({ exchange, coinm: coinm ? coinmVenue(coinm) : null, market: m, journal: orders, now: deps.now, recvWindowMs: s.recvWindow, inflight });
    const monitor = createMonitor({
      market: m,
      settings: () => deps.settings.get(),
      dashboard: item(ITEMS.dashboard),
      notified: item(ITEMS.notified),
      now: deps.now,
      incomeTotals: () => incomeTotals(history),
      guards: () => item(ITEMS.guards).get(),
      fundingCosts: fundingCosts({
        fundingRateHistory: (symbol, startTime) => exchange.fundingRateHistory(symbol, startTime),
        fundingSince: (time) => history.fundingSince(time),
        rates: item(ITEMS.fundingRates),
        environment: s.environment,
      }),
      setBadge: deps.setBadge,
      notify: deps.notify,
      recordPoint: (point) => points.record(point),
    });
    const guards = guardKeeper({
      exchange,
      market: m,
      guards: item(ITEMS.guards),
      settings: () => deps.settings.get(),
      now: deps.now,
      recvWindowMs: s.recvWindow,
      notify: deps.notify,
      newId: () => crypto.randomUUID().replaceAll('-', ''),
    });
    const topUp = async () => autoTopUp({ settings: await deps.settings.get(), market: m, exchange, topUps: item(ITEMS.topUps), now: deps.now(), notify: deps.notify });
    const live = createLive({
      wsBase: deps.wsBase ?? HOSTS[s.environment].futuresWs,
      spotWsApi: deps.spotWsApi ?? HOSTS[s.environment].spotWsApi,
      WebSocket: deps.WebSocket ?? globalThis.WebSocket,
      exchange,
      market: m,
      monitor,
      onOrder: (o) => settle.fromStream(o),
      onAlgo: (o) => guards.onUpdate(o),
      ...(coinm ? { coinm: { wsBase: deps.coinmWs ?? HOSTS[s.environment].coinmWs, exchange: coinm } } : {}),
      refresh: async () => {
        await topUp().catch(() => null);
        const d = await monitor.refresh();
        deps.onChanged(d.assets.map((a) => a.asset));
      },
    });
    // The mark stream follows the symbols of every published dashboard.
    monitor.subscribe((d) => live.follow(d));
    return { exchange, market: m, executor, reconciler: settle, guards, monitor, live, journal: orders, history, chartPoints: points, syncIncome: () => syncIncome(exchange, history, deps.now()), topUp };
  }

  return {
    /** `touch` false for background work (the monitor): it must not keep the key unlocked. */
    async get(touch = true): Promise<KeyedServices> {
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
      const s = await deps.settings.get();
      const exchange = exchangeFor(key, s);
      if (HOSTS[s.environment].sapi) return exchange.apiRestrictions();
      await proveKey(exchange, s.environment);
      return null;
    },

    drop(): void {
      void current?.value.then((old) => old.live.stop(), () => undefined);
      current = null;
    },
  };
}

export type Keyed = ReturnType<typeof keyedServices>;
