/**
 * What the product should say, worked out from the simulator's own state (its engine, in process)
 * and the rules as README and settings state them, not from the product's code: a hedge is on
 * target within the tolerance (or one contract step), else under or over; a short with no coins is
 * an orphan; a short paying at least the funding threshold per event warns; liquidation and margin
 * ratio by their bands; leverage above the maximum warns. Only USDⓈ-M hedges on USDT perpetuals in
 * one-way mode are modelled (the soak's account); any other position is reported as unmodelled.
 */
import Big from 'big.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { Account } from '../sim/account';
import type { Engine } from '../sim/engine';
import { CONTRACTS, type Contract } from '../sim/market';

const STABLE = new Set(['USDT', 'USDC', 'FDUSD', 'TUSD', 'USDP', 'DAI', 'BUSD', 'USDE', 'BNFCR']);
const T = DEFAULT_SETTINGS.thresholds;
const TOLERANCE = new Big(DEFAULT_SETTINGS.tolerance);
const f8 = (x: Big): Big => new Big(x.toFixed(8));

export type Status = 'hedged' | 'under' | 'over' | 'orphan' | 'below-min';

export interface AssetTruth {
  asset: string;
  symbol: string;
  exposure: Big;
  /** Coins the short offsets (positive for a short). */
  hedge: Big;
  status: Status;
}

export interface Expectation {
  assets: Map<string, AssetTruth>;
  /** Warning id → severity, for the kinds modelled (info left out). */
  warnings: Map<string, 'warn' | 'critical'>;
  /** Assets whose hedge the oracle does not model (COIN-M, another quote): left out of the comparison. */
  unmodelled: string[];
}

/** Earn balances as some reading saw them: the product reads Earn every few minutes, not every minute. */
export type EarnReading = { flexible: Map<string, Big>; locked: Map<string, Big> };

export const usdtPerp = (coin: string): Contract | undefined => CONTRACTS.find((k) => k.coin === coin && k.quoteAsset === 'USDT');

export function earnOf(a: Account): EarnReading {
  return { flexible: new Map(a.earn.flexible), locked: new Map(a.earn.locked) };
}

/** Coins held of `coin` in every wallet the default settings count (Spot free + locked, Earn, Funding). */
export function exposureOf(a: Account, coin: string, earn: EarnReading = a.earn): Big {
  const spot = a.spot.get(coin);
  return (spot ? spot.free.plus(spot.locked) : new Big(0))
    .plus(earn.flexible.get(coin) ?? 0)
    .plus(earn.locked.get(coin) ?? 0)
    .plus(a.funding.get(coin) ?? 0);
}

function statusOf(k: Contract, exposure: Big, positionCoins: Big, mark: Big): Status {
  if (exposure.eq(0)) return positionCoins.eq(0) ? 'hedged' : 'orphan';
  const target = exposure.times(-1);
  const delta = target.minus(positionCoins);
  const oneStep = new Big(k.stepSize).times(k.multiplier);
  if (delta.abs().lte(target.abs().times(TOLERANCE)) || (!positionCoins.eq(0) && delta.abs().lt(oneStep))) return 'hedged';
  const reducing = !positionCoins.eq(0) && delta.s !== positionCoins.s && delta.abs().lte(positionCoins.abs());
  const q = delta.abs().div(k.multiplier).div(k.stepSize).round(0, Big.roundDown).times(k.stepSize);
  const tooSmall = q.eq(0) || q.lt(k.minQty) || (!reducing && q.times(mark).lt(k.minNotional));
  if (tooSmall) return 'below-min';
  return positionCoins.abs().lt(target.abs()) ? 'under' : 'over';
}

export function expect(engine: Engine, a: Account, earn: EarnReading = a.earn): Expectation {
  const assets = new Map<string, AssetTruth>();
  const warnings = new Map<string, 'warn' | 'critical'>();
  const unmodelled: string[] = [];
  const coins = new Set<string>();
  for (const [asset] of a.spot) coins.add(asset);
  for (const m of [earn.flexible, earn.locked, a.funding]) for (const [asset] of m) coins.add(asset);
  const open = [...a.positions.values()].filter((p) => !p.amt.eq(0));
  for (const p of open) coins.add(engine.contractOf(p.symbol).coin);
  for (const p of a.coinm.positions.values()) if (!p.amt.eq(0)) unmodelled.push(p.symbol.replace(/USD_PERP$/, ''));

  for (const coin of [...coins].sort()) {
    if (STABLE.has(coin) || unmodelled.includes(coin)) continue;
    const k = usdtPerp(coin);
    const exposure = exposureOf(a, coin, earn);
    const rows = open.filter((p) => engine.contractOf(p.symbol).coin === coin);
    if (!k || rows.some((p) => p.symbol !== k.symbol || p.positionSide !== 'BOTH')) {
      if (rows.length || !exposure.eq(0)) unmodelled.push(coin);
      continue;
    }
    if (exposure.eq(0) && rows.length === 0) continue;
    const contracts = rows.reduce((s, p) => s.plus(p.amt), new Big(0));
    const positionCoins = contracts.times(k.multiplier);
    const mark = engine.mark(k.symbol);
    const status = statusOf(k, exposure, positionCoins, mark);
    assets.set(coin, { asset: coin, symbol: k.symbol, exposure, hedge: positionCoins.times(-1), status });
    if (status === 'under' || status === 'over') warnings.set(`${status}:${coin}`, 'warn');
    if (status === 'orphan') warnings.set(`orphan:${coin}`, 'critical');
    if (contracts.eq(0)) continue;

    // Funding: positive rate, longs pay shorts; a short pays when the rate is negative.
    const rate = engine.market.get(k.symbol)!.fundingRate;
    const payment = new Big(rate.toFixed(8)).times(mark).times(contracts).times(-1);
    if (payment.lt(0) && payment.abs().gte(T.fundingCostUsdt)) warnings.set(`funding-cost:${coin}`, 'warn');
    for (const p of rows) {
      const liq = engine.liquidationPrice(a, p);
      if (liq.lte(0)) continue;
      const distance = liq.minus(mark).abs().div(mark);
      if (distance.lt(T.liquidationCritical)) warnings.set(`liquidation:${coin}`, 'critical');
      else if (distance.lt(T.liquidationWarn)) warnings.set(`liquidation:${coin}`, 'warn');
    }
    if (engine.leverageOf(a, k.symbol) > T.maxLeverage) warnings.set(`leverage:${coin}`, 'warn');
  }

  const t = engine.totals(a, 'USDT');
  const maint = f8(t.maint);
  const balance = f8(t.marginBalance);
  const ratio = balance.lte(0) ? (maint.gt(0) ? new Big(1) : new Big(0)) : maint.div(balance);
  if (ratio.gte(T.marginRatioCritical)) warnings.set('margin-ratio', 'critical');
  else if (ratio.gte(T.marginRatioWarn)) warnings.set('margin-ratio', 'warn');
  return { assets, warnings, unmodelled };
}

/** The kinds compared with the product's warnings. */
export const MODELLED = new Set(['under', 'over', 'orphan', 'funding-cost', 'liquidation', 'margin-ratio', 'leverage']);
