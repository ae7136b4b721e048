/**
 * Watches the account: re-reads it (on the minute alarm, a stream event, or a view's request),
 * builds the dashboard, publishes it (stored for the views, handed to subscribers such as the live
 * mark stream), records a chart point, and signals: the badge, and each critical warning notified
 * once while it lasts.
 */
import Big from 'big.js';
import { liquidationSeverity } from '../core';
import type { MarkUpdate } from '../binance/mark-stream';
import type { Dashboard, Guard, Severity, WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { Stored } from '../shared/storage';
import type { FundingCosts } from './cost';
import { buildDashboard } from './dashboard';
import type { Market } from './market';
import type { ChartPoint } from './store';

export interface MonitorDeps {
  market: Market;
  settings: () => Promise<Settings>;
  /** The published dashboard (storage.local): views draw it and follow its changes. */
  dashboard: Stored<Dashboard | null>;
  /** Critical warnings already notified while they last (storage.session). */
  notified: Stored<string[]>;
  now: () => number;
  /** Income so far by type and symbol, from the stored history (FUNDING_FEE, COMMISSION, REALIZED_PNL). */
  incomeTotals: () => Promise<Record<string, Record<string, string>>>;
  /** Each open USDⓈ-M short's funding over 7 and 30 days and its symbol's rate history (read hourly). */
  fundingCosts: FundingCosts;
  /** The liquidation guards on Binance's book, by symbol. */
  guards: () => Promise<Record<string, Guard>>;
  setBadge: (text: string, severity: Severity | null) => Promise<void>;
  notify: (warning: WarningView) => Promise<void>;
  /** Keeps a point for the charts (the store thins them to one per 5 min). */
  recordPoint: (point: ChartPoint) => Promise<unknown>;
}

export function createMonitor(deps: MonitorDeps) {
  const subscribers = new Set<(d: Dashboard) => void>();
  // Refreshes overlap (the alarm, the streams, a view's request): one that started earlier and
  // lands later must not replace a newer dashboard. Counted in start order, not by the clock,
  // which can step back.
  let started = 0;
  let published = 0;

  async function read(): Promise<Dashboard> {
    const settings = await deps.settings();
    const now = deps.now();
    const snapshot = await deps.market.snapshot('live');
    const [account, mode, fundingInfo, totals] = await Promise.all([deps.market.account(), deps.market.mode(), deps.market.fundingInfo(), deps.incomeTotals()]);
    const hedged = [...new Set(snapshot.positions.filter((p) => !new Big(p.positionAmt).eq(0)).map((p) => p.symbol))];
    const configs = await Promise.all(hedged.map((symbol) => deps.market.symbolConfig(symbol)));
    const leverage = Object.fromEntries(configs.flatMap((c) => (c ? [[c.symbol, c.leverage]] : [])));
    // The cost of protection is context: a failure must not hide the warnings.
    const costs = await deps.fundingCosts(snapshot, fundingInfo, now).catch(() => ({}));
    const guards = await deps.guards();
    return buildDashboard({ snapshot, account, mode, fundingInfo, totals, costs, guards, leverage, settings, now });
  }

  /** Badge: the count of warn and critical warnings, red when any is critical. Notifies new criticals once. */
  async function signal(list: WarningView[], notifications: boolean): Promise<void> {
    const serious = list.filter((w) => w.severity !== 'info');
    const worst: Severity | null = serious.some((w) => w.severity === 'critical') ? 'critical' : serious.length ? 'warn' : null;
    await deps.setBadge(serious.length ? String(serious.length) : '', worst);
    const critical = list.filter((w) => w.severity === 'critical');
    const already = new Set(await deps.notified.get());
    if (notifications) for (const w of critical) if (!already.has(w.id)) await deps.notify(w);
    // Only what is still critical stays remembered: a warning that clears and comes back fires again.
    await deps.notified.set(critical.map((w) => w.id));
  }

  return {
    async refresh(): Promise<Dashboard> {
      const order = ++started;
      const dashboard = await read();
      if (order < published) return (await deps.dashboard.get()) ?? dashboard;
      published = order;
      await deps.dashboard.set(dashboard);
      for (const fn of subscribers) fn(dashboard);
      await deps.recordPoint({
        time: dashboard.updatedAt,
        marginRatio: dashboard.marginRatio,
        assets: dashboard.assets.filter((a) => a.symbol).map((a) => ({ asset: a.asset, ratio: a.ratio, markPrice: a.markPrice })),
      });
      await signal(dashboard.warnings, (await deps.settings()).notifications);
      return dashboard;
    },

    /** Calls `fn` with every dashboard published from now on. */
    subscribe(fn: (d: Dashboard) => void): void {
      subscribers.add(fn);
    },

    cached: (): Promise<Dashboard | null> => deps.dashboard.get(),

    /**
     * A live mark price: true when it moves an asset's liquidation distance into another band
     * than the last refresh saw, so the warnings must be refreshed now rather than at the next poll.
     */
    async markMoved(update: MarkUpdate): Promise<boolean> {
      const [dashboard, s] = await Promise.all([deps.dashboard.get(), deps.settings()]);
      const row = dashboard?.assets.find((a) => a.symbol === update.symbol);
      if (!dashboard || !row?.liquidationPrice) return false;
      const now = liquidationSeverity(row.liquidationPrice, update.markPrice, s.thresholds);
      const before = dashboard.warnings.find((w) => w.id === `liquidation:${row.asset}`)?.severity ?? null;
      return now !== before;
    },
  };
}

export type Monitor = ReturnType<typeof createMonitor>;
