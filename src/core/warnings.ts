/**
 * The rules that turn the account's state into warnings. Each warning has a stable id (kind and
 * asset), so an alert shown once is not shown again while the same condition holds.
 */
import { D, dec, str, type Dec } from './decimal';
import { words, type Words } from './words';
import { fundingPayment } from './funding';
import { marginRatio } from './margin';
import type { HedgePlan } from './plan';
import type { FundingInfo, FuturesAccount, PositionRisk, PremiumIndex } from './types';

export type Severity = 'info' | 'warn' | 'critical';
export type WarningKind =
  | 'under'
  | 'over'
  | 'orphan'
  | 'funding-cost'
  | 'margin-ratio'
  | 'liquidation'
  | 'leverage'
  | 'below-min'
  | 'no-perp'
  | 'unreadable'
  | 'auto-exchange'
  | 'credits'
  | 'until';

export interface Warning {
  id: string;
  severity: Severity;
  asset?: string;
  kind: WarningKind;
  message: Words;
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
  account: Pick<FuturesAccount, 'totalMaintMargin' | 'totalMarginBalance' | 'assets'> | null;
  /** Multi-Assets mode, where Binance's Auto-Exchange sells collateral to cover a negative balance. */
  multiAssetsMargin?: boolean;
  /** An EEA credits account: USDT cannot move to Futures. */
  credits?: boolean;
  fundingInfo: FundingInfo[];
  /** Leverage set per symbol (GET /fapi/v1/symbolConfig). */
  leverage: Record<string, number>;
  /** When each asset's hedge was planned to end (its "hedge until" date), by asset. */
  until?: Record<string, number>;
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
    if (plan.status === 'under') out.push({ id: `under:${asset}`, severity: 'warn', asset, kind: 'under', message: words('warnUnder', plan.reason) });
    if (plan.status === 'over') out.push({ id: `over:${asset}`, severity: 'warn', asset, kind: 'over', message: words('warnOver', plan.reason, asset) });
    if (plan.status === 'orphan') out.push({ id: `orphan:${asset}`, severity: 'critical', asset, kind: 'orphan', message: words('warnOrphan', plan.reason) });
    if (plan.status === 'below-min') out.push({ id: `below-min:${asset}`, severity: 'info', asset, kind: 'below-min', message: plan.reason });
    if (plan.status === 'unreadable') out.push({ id: `unreadable:${asset}`, severity: 'warn', asset, kind: 'unreadable', message: plan.reason });
    if (plan.status === 'no-perp') out.push({ id: `no-perp:${asset}`, severity: 'info', asset, kind: 'no-perp', message: plan.reason });
    // A reminder, never an order: the user decides whether the protection is still wanted.
    const end = state.until?.[asset];
    if (end !== undefined && now >= end && !D(plan.hedge).eq(0)) {
      out.push({ id: `until:${asset}`, severity: 'warn', asset, kind: 'until', message: words('warnUntil', asset, { day: end }) });
    }

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
        message: words('warnFundingCost', plan.symbol, { rate: premium.lastFundingRate }, { money: str(payment.abs()) }, { count: interval }, { until: premium.nextFundingTime - now }),
      });
    }
    const price = (x: Dec) => ({ price: str(x), tick: plan.tickSize });
    for (const row of rows) {
      const d = liquidationDistance(row.liquidationPrice ?? '0', premium.markPrice);
      const severity = band(d, t);
      if (severity && d) {
        out.push({
          id: `liquidation:${asset}`,
          severity,
          asset,
          kind: 'liquidation',
          message: words('warnLiquidation', plan.symbol, price(d.liq), { percent: str(d.distance) }, price(d.mark)),
        });
      }
    }
    const lev = state.leverage[plan.symbol];
    if (lev !== undefined && lev > t.maxLeverage) {
      out.push({ id: `leverage:${asset}`, severity: 'warn', asset, kind: 'leverage', message: words('warnLeverage', plan.symbol, { count: lev }, { count: t.maxLeverage }) });
    }
  }

  if (state.account && state.multiAssetsMargin) {
    for (const a of state.account.assets ?? []) {
      const balance = dec(a.walletBalance, `${a.asset} walletBalance`);
      if (balance.lt(0)) {
        out.push({ id: `auto-exchange:${a.asset}`, severity: 'warn', asset: a.asset, kind: 'auto-exchange', message: words('warnAutoExchange', a.asset, { coins: str(balance), asset: a.asset }) });
      }
    }
  }
  if (state.credits) out.push({ id: 'credits', severity: 'info', kind: 'credits', message: words('warnCredits') });

  if (state.account) {
    const ratio = D(marginRatio(state.account));
    const severity = ratio.gte(t.marginRatioCritical) ? 'critical' : ratio.gte(t.marginRatioWarn) ? 'warn' : null;
    if (severity) {
      out.push({
        id: 'margin-ratio',
        severity,
        kind: 'margin-ratio',
        message: words('warnMarginRatio', { percent: str(ratio) }, { percent: '1', decimals: 0 }),
      });
    }
  }
  return out.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
