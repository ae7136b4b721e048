/**
 * The Dashboard every view draws, built from one reading of the account: plans, warnings, each
 * asset's view with its P&L and funding, the margin ratio. No I/O here: `monitor.ts` reads and
 * publishes.
 */
import Big from 'big.js';
import {
  annualizedFunding,
  fundingIntervalHours,
  fundingPayment,
  hedgePnl,
  marginRatio,
  planHedges,
  ratioFor,
  warnings,
  type FundingInfo,
  type FuturesAccount,
  type Snapshot,
} from '../core';
import type { Dashboard, FundingCost, Guard } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { MarginMode } from './market';
import { hedgeSettings } from './settings-store';
import { assetView, legRows } from './views';

export interface Reading {
  snapshot: Snapshot;
  account: FuturesAccount;
  mode: MarginMode;
  fundingInfo: FundingInfo[];
  /** Income so far by type and symbol (FUNDING_FEE, COMMISSION, REALIZED_PNL). */
  totals: Record<string, Record<string, string>>;
  /** The cost of protection of each open USDⓈ-M short, by symbol (cost.ts). */
  costs: Record<string, FundingCost>;
  /** The liquidation guards by symbol (a guard being sent or asked about shows once Binance has it). */
  guards: Record<string, Guard>;
  /** Leverage set per hedged symbol. */
  leverage: Record<string, number>;
  settings: Settings;
  now: number;
}

/** Each "hedge until" day as the moment it begins in the user's time zone (the worker's is the browser's). */
const untilTimes = (days: Record<string, string>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(days)
      .map(([asset, day]) => [asset, new Date(`${day}T00:00`).getTime()] as const)
      .filter(([, t]) => Number.isFinite(t)),
  );

export function buildDashboard({ snapshot, account, mode, fundingInfo, totals, costs, guards, leverage, settings, now }: Reading): Dashboard {
  const total = (type: string, symbol: string | null): string => (symbol && totals[type]?.[symbol]) || '0';
  const hedging = hedgeSettings(settings);
  const plans = planHedges(snapshot, hedging);
  const rows = legRows(snapshot);
  let nextFunding = new Big(0);
  const assets = plans.map((plan) => {
    const premium = rows.markPrices.find((p) => p.symbol === plan.symbol);
    const positions = rows.positions.filter((p) => p.symbol === plan.symbol);
    const open = positions.find((p) => !new Big(p.positionAmt).eq(0));
    for (const p of positions) if (premium && !new Big(p.positionAmt).eq(0)) nextFunding = nextFunding.plus(fundingPayment(p.positionAmt, premium.markPrice, premium.lastFundingRate));
    // COIN-M P&L is in the coin: the statement in USDT is for USDⓈ-M hedges.
    const pnl =
      plan.family === 'usdm' && open && premium && open.entryPrice && open.unRealizedProfit
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
      ...assetView({ plan, premium, fundingInfo, positions, usdm: snapshot, now, targetRatio: ratioFor(plan.asset, hedging) }),
      pnl,
      fundingTotal: total('FUNDING_FEE', plan.symbol),
      annualizedFunding: premium && plan.symbol ? annualizedFunding(premium.lastFundingRate, fundingIntervalHours(plan.symbol, fundingInfo)) : null,
      cost: (plan.symbol && costs[plan.symbol]) || null,
      guard: plan.symbol && guards[plan.symbol]?.status === 'open' ? guards[plan.symbol]!.triggerPrice : null,
      until: settings.until[plan.asset] ?? null,
    };
  });
  return {
    assets,
    warnings: warnings(
      { plans, markPrices: rows.markPrices, positions: rows.positions, account, fundingInfo, leverage, multiAssetsMargin: mode.multiAssetsMargin, credits: mode.credits, until: untilTimes(settings.until) },
      settings.thresholds,
      now,
    ),
    marginRatio: marginRatio(account),
    account: {
      totalMarginBalance: account.totalMarginBalance,
      totalMaintMargin: account.totalMaintMargin,
      availableBalance: account.availableBalance,
      // Totals are USDT alone in Single-Asset mode, USD over every margin asset in Multi-Assets mode.
      marginMode: mode.credits ? 'credits' : mode.multiAssetsMargin ? 'multi-assets' : 'single-asset',
    },
    nextFunding: nextFunding.toFixed(4),
    updatedAt: now,
  };
}
