/** Builds what views show about an asset from a core plan and the account's live data. */
import Big from 'big.js';
import { describeFunding, fundingIntervalHours, fundingPayment, planFor, quarterlyFor, ratioFor, words, type Words, type FundingInfo, type HedgePlan, type PositionRisk, type PremiumIndex, type Snapshot } from '../core';
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
  /** The USDⓈ-M contracts and marks, quarterlies included: where the quarterly beside the perpetual is found. */
  usdm: Pick<Snapshot, 'futuresSymbols' | 'markPrices'>;
  now: number;
  /** The share this asset is to be hedged at. */
  targetRatio: string;
}

function actionFor(plan: HedgePlan): AssetView['action'] {
  const coins = (order: { coins: string }) => ({ coins: order.coins, asset: plan.asset, step: plan.coinStep });
  if (plan.status === 'orphan') return { intent: 'close', label: words('actionClose') };
  if (!plan.order) return null;
  if (plan.status === 'under') return { intent: 'hedge', label: words(new Big(plan.hedge).gt(0) ? 'actionAdd' : 'actionHedge', coins(plan.order)) };
  if (plan.status === 'over') return { intent: 'hedge', label: words('actionReduce', coins(plan.order)) };
  return null;
}

/**
 * The marks and position rows of every leg, COIN-M positions counted in coins (contracts × size /
 * mark): what funding, liquidation and warnings read whichever family a hedge is on.
 */
export function legRows(snapshot: Snapshot): { markPrices: PremiumIndex[]; positions: PositionRisk[] } {
  const cm = snapshot.coinm;
  if (!cm) return { markPrices: snapshot.markPrices, positions: snapshot.positions };
  const inCoins = cm.positions.map((p) => {
    const contract = cm.contracts.find((c) => c.symbol === p.symbol);
    const mark = cm.markPrices.find((m) => m.symbol === p.symbol)?.markPrice;
    if (!contract || !mark || new Big(mark).eq(0)) return p;
    return { ...p, positionAmt: new Big(p.positionAmt).times(contract.contractSize).div(mark).toFixed() };
  });
  return { markPrices: [...snapshot.markPrices, ...cm.markPrices], positions: [...snapshot.positions, ...inCoins] };
}

/** A COIN-M short's funding, paid in the coin: "receives about 0.0002 BTC (≈ 19.40 USD) per 8 h". */
function coinFundingText(asset: string, signedCoins: Big, premium: PremiumIndex, interval: number): Words {
  const usd = new Big(fundingPayment(signedCoins.toFixed(), premium.markPrice, premium.lastFundingRate));
  const inCoin = usd.abs().div(premium.markPrice).round(8, Big.roundDown).toFixed();
  return words(usd.gte(0) ? 'fundingCoinReceives' : 'fundingCoinPays', { coins: inCoin, asset }, { money: usd.abs().toFixed() }, { count: interval });
}

export function assetView({ plan, premium, fundingInfo, positions, usdm, now, targetRatio }: ViewInputs): AssetView {
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
      ? plan.family === 'coinm' && !hypothetical
        ? coinFundingText(plan.asset, new Big(coins).times(direction), premium, interval)
        : describeFunding({
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
    coinStep: plan.coinStep,
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
    quarterly: plan.family === 'usdm' && plan.symbol ? quarterlyFor(plan.symbol, usdm.futuresSymbols, usdm.markPrices, now) : null,
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
  const rows = legRows(snapshot);
  const premium = plan.symbol ? rows.markPrices.find((p) => p.symbol === plan.symbol) : undefined;
  return assetView({ plan, premium, fundingInfo, positions: rows.positions.filter((p) => p.symbol === plan.symbol), usdm: snapshot, now, targetRatio: ratioFor(asset, hedging) });
}
