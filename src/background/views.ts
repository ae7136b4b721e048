/** Builds what views show about an asset from a core plan and the account's live data. */
import Big from 'big.js';
import { describeFunding, fundingIntervalHours, planFor, ratioFor, words, type FundingInfo, type HedgePlan, type PositionRisk, type PremiumIndex } from '../core';
import type { AssetView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { Market } from './market';
import { hedgeSettings } from './settings-store';

export interface ViewInputs {
  plan: HedgePlan;
  premium: PremiumIndex | undefined;
  fundingInfo: FundingInfo[];
  /** The hedge's position rows on its symbol (one-way: BOTH; hedge mode: SHORT or LONG). */
  positions: PositionRisk[];
  now: number;
  /** The share this asset is to be hedged at. */
  targetRatio: string;
}

/** One contract step, in coins (1000PEPEUSDT's step of 1 is 1000 PEPE). */
export const coinStepOf = (plan: Pick<HedgePlan, 'stepSize' | 'multiplier'>): string | null =>
  plan.stepSize === null ? null : new Big(plan.stepSize).times(plan.multiplier).toFixed();

function actionFor(plan: HedgePlan): AssetView['action'] {
  const coins = (qty: string) => ({ coins: new Big(qty).times(plan.multiplier).toFixed(), asset: plan.asset });
  if (plan.status === 'orphan') return { intent: 'close', label: words('actionClose') };
  if (!plan.order) return null;
  if (plan.status === 'under') return { intent: 'hedge', label: words(new Big(plan.hedge).gt(0) ? 'actionAdd' : 'actionHedge', coins(plan.order.quantity)) };
  if (plan.status === 'over') return { intent: 'hedge', label: words('actionReduce', coins(plan.order.quantity)) };
  return null;
}

export function assetView({ plan, premium, fundingInfo, positions, now, targetRatio }: ViewInputs): AssetView {
  const mark = premium?.markPrice ?? null;
  const hedgeRow = positions.find((p) => p.symbol === plan.symbol && !new Big(p.positionAmt).eq(0));
  const liq = hedgeRow?.liquidationPrice && !new Big(hedgeRow.liquidationPrice).eq(0) ? hedgeRow.liquidationPrice : null;
  const interval = plan.symbol ? fundingIntervalHours(plan.symbol, fundingInfo) : null;
  // Before a hedge is open, say what the planned one would get: that is what the user decides on.
  const hypothetical = new Big(plan.hedge).eq(0);
  const coins = hypothetical ? plan.target : plan.hedge;
  const direction = new Big(plan.exposure).lt(0) ? 1 : -1;
  const fundingText =
    premium && interval !== null && plan.symbol && !new Big(coins).eq(0)
      ? describeFunding({
          positionAmt: new Big(coins).times(direction).div(plan.multiplier).toFixed(),
          markPrice: premium.markPrice,
          fundingRate: premium.lastFundingRate,
          intervalHours: interval,
          hypothetical,
        })
      : null;
  return {
    asset: plan.asset,
    symbol: plan.symbol,
    multiplier: plan.multiplier,
    tickSize: plan.tickSize,
    coinStep: coinStepOf(plan),
    exposure: plan.exposure,
    holdings: plan.holdings,
    targetRatio,
    hedge: plan.hedge,
    ratio: plan.ratio,
    status: plan.status,
    reason: plan.reason,
    markPrice: mark,
    lastFundingRate: premium?.lastFundingRate ?? null,
    nextFundingTime: premium ? Number(premium.nextFundingTime) : null,
    fundingIntervalHours: interval,
    fundingText,
    liquidationPrice: liq,
    liquidationDistance: liq && mark ? new Big(liq).minus(mark).abs().div(mark).toFixed(4) : null,
    action: actionFor(plan),
    updatedAt: now,
  };
}

/** One asset's view, read from Binance through the cache. */
export async function viewOf(asset: string, market: Market, settings: Settings, now: number): Promise<AssetView> {
  const [snapshot, fundingInfo] = await Promise.all([market.snapshot(), market.fundingInfo()]);
  const hedging = hedgeSettings(settings);
  const plan = planFor(asset, snapshot, hedging, 'hedge');
  const premium = plan.symbol ? snapshot.markPrices.find((p) => p.symbol === plan.symbol) : undefined;
  return assetView({ plan, premium, fundingInfo, positions: snapshot.positions.filter((p) => p.symbol === plan.symbol), now, targetRatio: ratioFor(asset, hedging) });
}
