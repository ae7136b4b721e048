/**
 * Watches the account: re-reads it (on the minute alarm, or on demand), runs the core's warning
 * rules, sets the badge, and notifies each critical warning once while it lasts. The dashboard is
 * kept in storage.local so the popup and side panel open with it instantly.
 */
import Big from 'big.js';
import { annualizedFunding, fundingIntervalHours, fundingPayment, hedgePnl, liquidationSeverity, marginRatio, planHedges, warnings as rules } from '../core';
import type { MarkUpdate } from '../binance/mark-stream';
import { DASHBOARD_KEY, type Dashboard, type Severity, type WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { KV } from './kv';
import type { Market } from './market';
import type { Snapshot } from './store';
import { hedgeSettings } from './settings-store';
import { assetView } from './views';

export { DASHBOARD_KEY } from '../shared/hedge-types';
const NOTIFIED_KEY = 'notified';

export interface MonitorDeps {
  market: Market;
  settings: () => Promise<Settings>;
  local: KV;
  session: KV;
  now: () => number;
  /** Income so far by type and symbol, from the stored history (FUNDING_FEE, COMMISSION, REALIZED_PNL). */
  incomeTotals: () => Promise<Record<string, Record<string, string>>>;
  setBadge: (text: string, severity: Severity | null) => Promise<void>;
  notify: (warning: WarningView) => Promise<void>;
  /** Keeps a point for the charts (the store thins them to one per 5 min). */
  snapshot: (snap: Snapshot) => Promise<unknown>;
  /** After every refresh (the live mark stream follows the hedged symbols). */
  onRefreshed?: (dashboard: Dashboard) => void;
}

export function createMonitor(deps: MonitorDeps) {
  // Refreshes overlap (the alarm, the streams, a view's request): one that started earlier and
  // lands later must not replace a newer dashboard. Counted in start order, not by the clock,
  // which can step back.
  let started = 0;
  let stored = 0;
  return {
    async refresh(): Promise<Dashboard> {
      const order = ++started;
      const s = await deps.settings();
      const now = deps.now();
      const snapshot = await deps.market.snapshot(true);
      const [account, fundingInfo, totals] = await Promise.all([deps.market.account(), deps.market.fundingInfo(), deps.incomeTotals()]);
      const total = (type: string, symbol: string | null): string => (symbol && totals[type]?.[symbol]) || '0';
      const plans = planHedges(snapshot, hedgeSettings(s));
      const hedged = [...new Set(snapshot.positions.filter((p) => !new Big(p.positionAmt).eq(0)).map((p) => p.symbol))];
      const configs = await Promise.all(hedged.map((symbol) => deps.market.symbolConfig(symbol)));
      const leverage = Object.fromEntries(configs.filter((c) => c !== null).map((c) => [c!.symbol, c!.leverage]));
      const list: WarningView[] = rules({ plans, markPrices: snapshot.markPrices, positions: snapshot.positions, account, fundingInfo, leverage }, s.thresholds, now);

      let nextFunding = new Big(0);
      const assets = plans.map((plan) => {
        const premium = snapshot.markPrices.find((p) => p.symbol === plan.symbol);
        const positions = snapshot.positions.filter((p) => p.symbol === plan.symbol);
        for (const p of positions) if (premium && !new Big(p.positionAmt).eq(0)) nextFunding = nextFunding.plus(fundingPayment(p.positionAmt, premium.markPrice, premium.lastFundingRate));
        const view = assetView({ plan, premium, fundingInfo, positions, now });
        const open = positions.find((p) => !new Big(p.positionAmt).eq(0));
        const pnl =
          open && premium && open.entryPrice && open.unRealizedProfit
            ? hedgePnl({
                exposure: plan.exposure,
                multiplier: plan.multiplier,
                entryPrice: open.entryPrice,
                markPrice: premium.markPrice,
                unRealizedProfit: open.unRealizedProfit,
                realizedPnl: total('REALIZED_PNL', plan.symbol),
                funding: total('FUNDING_FEE', plan.symbol),
                commission: total('COMMISSION', plan.symbol),
              })
            : null;
        return {
          ...view,
          pnl,
          fundingTotal: total('FUNDING_FEE', plan.symbol),
          annualizedFunding: premium && plan.symbol ? annualizedFunding(premium.lastFundingRate, fundingIntervalHours(plan.symbol, fundingInfo)) : null,
        };
      });
      const dashboard: Dashboard = {
        assets,
        warnings: list,
        marginRatio: marginRatio(account),
        account: { totalMarginBalance: account.totalMarginBalance, totalMaintMargin: account.totalMaintMargin, availableBalance: account.availableBalance },
        nextFunding: nextFunding.toFixed(4),
        updatedAt: now,
      };
      if (order < stored) return (await deps.local.get<Dashboard>(DASHBOARD_KEY)) ?? dashboard;
      stored = order;
      await deps.local.set(DASHBOARD_KEY, dashboard);
      await deps.snapshot({
        time: now,
        marginRatio: dashboard.marginRatio,
        assets: assets.filter((a) => a.symbol).map((a) => ({ asset: a.asset, ratio: a.ratio, markPrice: a.markPrice })),
      });
      await this.signal(list, s.notifications);
      deps.onRefreshed?.(dashboard);
      return dashboard;
    },

    /** Badge: the count of warn and critical warnings, red when any is critical. Notifies new criticals once. */
    async signal(list: WarningView[], notifications: boolean): Promise<void> {
      const serious = list.filter((w) => w.severity !== 'info');
      const worst: Severity | null = serious.some((w) => w.severity === 'critical') ? 'critical' : serious.length ? 'warn' : null;
      await deps.setBadge(serious.length ? String(serious.length) : '', worst);
      const critical = list.filter((w) => w.severity === 'critical');
      const already = new Set((await deps.session.get<string[]>(NOTIFIED_KEY)) ?? []);
      if (notifications) for (const w of critical) if (!already.has(w.id)) await deps.notify(w);
      // Only what is still critical stays remembered: a warning that clears and comes back fires again.
      await deps.session.set(NOTIFIED_KEY, critical.map((w) => w.id));
    },

    cached: (): Promise<Dashboard | undefined> => deps.local.get<Dashboard>(DASHBOARD_KEY),

    /**
     * A live mark price: true when it moves an asset's liquidation distance into another band
     * than the last refresh saw, so the warnings must be refreshed now rather than at the next poll.
     */
    async markMoved(update: MarkUpdate): Promise<boolean> {
      const [dashboard, s] = await Promise.all([deps.local.get<Dashboard>(DASHBOARD_KEY), deps.settings()]);
      const row = dashboard?.assets.find((a) => a.symbol === update.symbol);
      if (!dashboard || !row?.liquidationPrice) return false;
      const now = liquidationSeverity(row.liquidationPrice, update.markPrice, s.thresholds);
      const before = dashboard.warnings.find((w) => w.id === `liquidation:${row.asset}`)?.severity ?? null;
      return now !== before;
    },
  };
}

export type Monitor = ReturnType<typeof createMonitor>;
