/**
 * The rules that turn the account's state into warnings. Each warning has a stable id (kind and
 * asset), so an alert shown once is not shown again while the same condition holds.
 */
import { D, dec, str, type Dec } from './decimal';
import { atTick, fundingRate, grouped, money, percent } from './format';
import { fundingPayment } from './funding';
import { marginRatio } from './margin';
import type { HedgePlan } from './plan';
import type { FundingInfo, FuturesAccount, PositionRisk, PremiumIndex } from './types';

export type Severity = 'info' | 'warn' | 'critical';
export type WarningKind = 'under' | 'over' | 'orphan' | 'funding-cost' | 'margin-ratio' | 'liquidation' | 'leverage' | 'below-min' | 'no-perp' | 'unreadable';

export interface Warning {
  id: string;
  severity: Severity;
  asset?: string;
  kind: WarningKind;
  message: string;
}

export interface WarningThresholds {
  marginRatioWarn: string;
  marginRatioCritical: string;
  /** Distance from mark to liquidation price, as a fraction of the mark. */
  liquidationWarn: string;
  liquidationCritical: string;
  maxLeverage: number;
  /** Warn when one funding event costs a hedge at least this many USDT. */
  fundingCostUsdt: string;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = {
  marginRatioWarn: '0.5',
  marginRatioCritical: '0.8',
  liquidationWarn: '0.15',
  liquidationCritical: '0.07',
  maxLeverage: 5,
  fundingCostUsdt: '1',
};

export interface WarningState {
  plans: HedgePlan[];
  markPrices: PremiumIndex[];
  positions: PositionRisk[];
  account: Pick<FuturesAccount, 'totalMaintMargin' | 'totalMarginBalance'> | null;
  fundingInfo: FundingInfo[];
  /** Leverage set per symbol (GET /fapi/v1/symbolConfig). */
  leverage: Record<string, number>;
}


function inWords(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  return min >= 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${min} min`;
}

const ORDER: Record<Severity, number> = { critical: 0, warn: 1, info: 2 };

type LiquidationBands = Pick<WarningThresholds, 'liquidationWarn' | 'liquidationCritical'>;

/** The two prices and |liquidation − mark| / mark, or null without a liquidation price. */
function liquidationDistance(liquidationPrice: string, markPrice: string) {
  const liq = dec(liquidationPrice, 'liquidationPrice');
  const mark = dec(markPrice, 'markPrice');
  return liq.lte(0) || mark.lte(0) ? null : { liq, mark, distance: liq.minus(mark).abs().div(mark) };
}

const band = (d: ReturnType<typeof liquidationDistance>, t: LiquidationBands): 'warn' | 'critical' | null =>
  d === null ? null : d.distance.lt(t.liquidationCritical) ? 'critical' : d.distance.lt(t.liquidationWarn) ? 'warn' : null;

/** How close liquidation is: the warning band of its distance from the mark, or null when far (or none). */
export const liquidationSeverity = (liquidationPrice: string, markPrice: string, t: LiquidationBands) =>
  band(liquidationDistance(liquidationPrice, markPrice), t);

/** All warnings, the most severe first. */
export function warnings(state: WarningState, thresholds: WarningThresholds = DEFAULT_THRESHOLDS, now: number): Warning[] {
  const out: Warning[] = [];
  const t = thresholds;

  for (const plan of state.plans) {
    const asset = plan.asset;
    if (plan.status === 'under') out.push({ id: `under:${asset}`, severity: 'warn', asset, kind: 'under', message: `${plan.reason} Add to the hedge to protect it.` });
    if (plan.status === 'over') out.push({ id: `over:${asset}`, severity: 'warn', asset, kind: 'over', message: `${plan.reason} Reduce the hedge, or it will lose if ${asset} rises.` });
    if (plan.status === 'orphan') out.push({ id: `orphan:${asset}`, severity: 'critical', asset, kind: 'orphan', message: `${plan.reason} It no longer hedges anything: close it.` });
    if (plan.status === 'below-min') out.push({ id: `below-min:${asset}`, severity: 'info', asset, kind: 'below-min', message: plan.reason });
    if (plan.status === 'unreadable') out.push({ id: `unreadable:${asset}`, severity: 'warn', asset, kind: 'unreadable', message: plan.reason });
    if (plan.status === 'no-perp') out.push({ id: `no-perp:${asset}`, severity: 'info', asset, kind: 'no-perp', message: plan.reason });

    if (!plan.symbol) continue;
    const premium = state.markPrices.find((p) => p.symbol === plan.symbol);
    const rows = state.positions.filter((p) => p.symbol === plan.symbol && !dec(p.positionAmt, 'positionAmt').eq(0));
    if (!premium || rows.length === 0) continue;
    const amount = rows.reduce((s, p) => s.plus(p.positionAmt), D(0));
    const payment = D(fundingPayment(str(amount), premium.markPrice, premium.lastFundingRate));
    if (payment.lt(0) && payment.abs().gte(dec(t.fundingCostUsdt, 'fundingCostUsdt'))) {
      const interval = state.fundingInfo.find((f) => f.symbol === plan.symbol)?.fundingIntervalHours ?? 8;
      out.push({
        id: `funding-cost:${asset}`,
        severity: 'warn',
        asset,
        kind: 'funding-cost',
        message: `Funding on ${plan.symbol} is ${fundingRate(premium.lastFundingRate)}: the hedge pays about ${money(str(payment.abs()))} USDT every ${interval} h, next in ${inWords(premium.nextFundingTime - now)}. Consider a smaller hedge if this lasts.`,
      });
    }
    const price = (x: Dec): string => (plan.tickSize ? atTick(str(x), plan.tickSize) : grouped(str(x)));
    for (const row of rows) {
      const d = liquidationDistance(row.liquidationPrice ?? '0', premium.markPrice);
      const severity = band(d, t);
      if (severity && d) {
        out.push({
          id: `liquidation:${asset}`,
          severity,
          asset,
          kind: 'liquidation',
          message: `${plan.symbol} would be liquidated at ${price(d.liq)}, only ${percent(str(d.distance))} from the mark price ${price(d.mark)}. Add margin or reduce leverage.`,
        });
      }
    }
    const lev = state.leverage[plan.symbol];
    if (lev !== undefined && lev > t.maxLeverage) {
      out.push({ id: `leverage:${asset}`, severity: 'warn', asset, kind: 'leverage', message: `${plan.symbol} uses ${lev}x leverage, above ${t.maxLeverage}x: a hedge is safer with less.` });
    }
  }

  if (state.account) {
    const ratio = D(marginRatio(state.account));
    const severity = ratio.gte(t.marginRatioCritical) ? 'critical' : ratio.gte(t.marginRatioWarn) ? 'warn' : null;
    if (severity) {
      out.push({
        id: 'margin-ratio',
        severity,
        kind: 'margin-ratio',
        message: `Futures margin ratio is ${percent(str(ratio))}; at 100% positions are liquidated. Move USDT to Futures or reduce positions.`,
      });
    }
  }
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
