/**
 * The confirm step's numbers: what the order is, what it changes, what it costs and risks.
 * Read fresh from Binance, so what the user confirms is the account as it is now.
 */
import Big from 'big.js';
import {
  coinmContractFor,
  describeFunding,
  estimateFees,
  largestAffordable,
  lotRules,
  marginFrom,
  transferFor,
  estimateLiquidationPrice,
  fundingIntervalHours,
  fundingPayment,
  words,
  type Words,
  planFor,
} from '../core';
import { UserError } from '../shared/user-error';
import type { Intent, Preview } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { Market } from './market';
import { hedgeSettings } from './settings-store';
import { HOSTS } from '../binance/env';

/** How long a preview may be confirmed: long enough to read it, short enough that prices hold. */
export const PREVIEW_TTL_MS = 60_000;


const ceilCents = (x: Big): string => x.round(2, Big.roundUp).toFixed(2);

export interface PreviewDeps {
  market: Market;
  settings: Settings;
  now: number;
  id: string;
  /** Margin (with fees) and spot USDT already taken by earlier orders of the same batch. */
  reserved?: { margin: string; transfer: string };
}

export async function buildPreview(asset: string, intent: Intent, { market, settings, now, id, reserved }: PreviewDeps): Promise<Preview> {
  const snapshot = await market.snapshot(reserved ? 'cached' : 'all'); // a batch reads the account once, for its first preview
  const plan = planFor(asset, snapshot, hedgeSettings(settings), intent, 'usdm');
  const order = plan.order;
  if (!order || !plan.symbol || plan.family !== 'usdm') throw new UserError('nothing-to-do', plan.reason, words('doNothingSent'));
  const symbol = order.symbol;
  const premium = snapshot.markPrices.find((p) => p.symbol === symbol);
  if (!premium) throw new UserError('no-mark-price', words('errNoMarkPrice', symbol), words('doTryAgainMoment'));

  const [config, commission, brackets, account, fundingInfo, mode] = await Promise.all([
    market.symbolConfig(symbol),
    market.commissionRate(symbol),
    market.leverageBrackets(),
    market.account(),
    market.fundingInfo(),
    market.mode(),
  ]);

  const rows = snapshot.positions.filter((p) => p.symbol === symbol);
  const hasPosition = rows.some((p) => !new Big(p.positionAmt).eq(0));
  // Binance refuses a margin-type change while a position is open (-4048): keep what the symbol has then.
  const currentLeverage = config?.leverage ?? settings.leverage;
  const currentMarginType = config?.marginType ?? 'CROSSED';
  const leverage = hasPosition ? currentLeverage : settings.leverage;
  const marginType = hasPosition ? currentMarginType : settings.marginType;
  const changes: Preview['changes'] = {};
  if (leverage !== currentLeverage) changes.leverage = { from: currentLeverage, to: leverage };
  if (marginType !== currentMarginType) changes.marginType = { from: currentMarginType, to: marginType };

  const mark = new Big(premium.markPrice);
  const reducing =
    order.reduceOnly || (order.positionSide === 'SHORT' && order.side === 'BUY') || (order.positionSide === 'LONG' && order.side === 'SELL');
  // An EEA credits account takes USDC into Futures, not USDT; Multi-Assets mode counts either at its collateral ratio.
  const collateral = mode.credits ? 'USDC' : 'USDT';
  // Earlier orders of a batch take their margin, and their transfers bring stablecoins in first.
  // Binance shows no less than 0 available: once the marks leave the wallet under its initial margin,
  // the transfer must cover that deficit too, or the order meets -2019. (Binance calls the totals
  // useless with isolated positions: then its own figure stands.)
  const isolated = snapshot.positions.some((p) => !new Big(p.positionAmt).eq(0) && new Big(p.isolatedWallet ?? '0').gt(0));
  const headroom = isolated || account.totalInitialMargin === undefined ? null : new Big(account.totalMarginBalance).minus(account.totalInitialMargin);
  const shown = new Big(account.availableBalance);
  const available = (headroom && headroom.lt(shown) ? headroom : shown).plus(reserved?.transfer ?? 0).minus(reserved?.margin ?? 0);
  /** What the user reads as available: a deficit is what the transfer covers, never "−12,240 available". */
  const availableText = available.lt(0) ? '0.00' : available.toFixed(2);
  const free = new Big(snapshot.balances.find((b) => b.asset === collateral)?.free ?? '0').minus(reserved?.transfer ?? 0);
  /** What an order of `quantity` contracts needs: its margin, its fee, and what to move to Futures first. */
  const costs = (quantity: Big) => {
    const notional = quantity.times(mark);
    const marginNeeded = reducing ? new Big(0) : notional.div(leverage);
    const fees = new Big(estimateFees(notional.toFixed(), commission.takerCommissionRate));
    const shortfall = marginNeeded.plus(fees).minus(available);
    return { notional, marginNeeded, fees, transfer: !reducing && shortfall.gt(0) ? transferFor(shortfall.toFixed(), mode.multiAssetsMargin) : null };
  };

  let qty = new Big(order.quantity);
  let cost = costs(qty);
  if (cost.transfer && !HOSTS[settings.environment].sapi) {
    throw new UserError(
      'margin-not-movable',
      words('errMarginNotMovable', { money: ceilCents(cost.marginNeeded.plus(cost.fees)) }, { money: availableText }),
      words(settings.environment === 'demo' ? 'errMarginNotMovableDoDemo' : 'errMarginNotMovableDoTestnet', { money: cost.transfer }),
    );
  }
  // Too little to hedge it all: the largest order the free stablecoins allow, and what the rest needs.
  let partial: Preview['partial'] = null;
  if (cost.transfer && free.lt(cost.transfer)) {
    const info = snapshot.futuresSymbols.find((s) => s.symbol === symbol)!;
    // Cut to the cent: a transfer rounded up to the cent then never asks for more than there is.
    const spendable = free.gt(0) ? free.round(2, Big.roundDown) : new Big(0);
    const funds = available.plus(marginFrom(spendable.toFixed(), mode.multiAssetsMargin));
    const fits = largestAffordable({ funds: funds.toFixed(), markPrice: premium.markPrice, leverage, takerRate: commission.takerCommissionRate, rules: lotRules(info) });
    const missing = new Big(cost.transfer).minus(spendable).toFixed(2);
    if (!fits || new Big(fits).gte(qty)) {
      const needed = { money: ceilCents(cost.marginNeeded.plus(cost.fees)) };
      if (mode.credits) throw new UserError('credits-no-usdc', words('errCreditsNoUsdc', needed, { money: availableText }, { money: free.toFixed(2) }), words('errCreditsNoUsdcDo'));
      throw new UserError(
        'insufficient-usdt',
        words('errInsufficientUsdt', needed, { money: availableText }, { money: free.toFixed(2) }),
        words('errInsufficientUsdtDo', { money: missing }),
      );
    }
    partial = { coins: qty.times(plan.multiplier).toFixed(), missing, collateral };
    qty = new Big(fits);
    cost = costs(qty);
  }
  const { notional, marginNeeded, fees, transfer } = cost;

  // The position once the order fills, signed in contract units (negative = short).
  const signedNow = rows
    .filter((p) => p.positionSide === order.positionSide)
    .reduce((sum, p) => sum.plus(p.positionAmt), new Big(0));
  const after = signedNow.plus(order.side === 'BUY' ? qty : qty.times(-1));
  const partialLeft = partial ? new Big(partial.coins).minus(qty.times(plan.multiplier)) : new Big(0);
  const interval = fundingIntervalHours(symbol, fundingInfo);
  const perEvent = after.eq(0) ? new Big(0) : new Big(fundingPayment(after.toFixed(), premium.markPrice, premium.lastFundingRate));
  const bracket = brackets.find((b) => b.symbol === symbol);

  let liquidationPrice: string | null = null;
  if (!after.eq(0) && bracket) {
    const walletBalance = marginType === 'ISOLATED' ? marginNeeded.toFixed() : new Big(account.totalWalletBalance).plus(transfer ?? 0).toFixed();
    liquidationPrice = estimateLiquidationPrice({
      side: after.lt(0) ? 'SHORT' : 'LONG',
      quantity: after.abs().toFixed(),
      entryPrice: premium.markPrice,
      walletBalance,
      brackets: bracket.brackets,
      mode: marginType === 'ISOLATED' ? 'isolated' : 'cross',
    });
  }

  const warnings: Words[] = [];
  if (leverage > settings.thresholds.maxLeverage) warnings.push(words('previewWarnLeverage', { count: leverage }, { count: settings.thresholds.maxLeverage }));
  if (perEvent.lt(0)) warnings.push(words('previewWarnPaysFunding'));
  if (liquidationPrice && mark.gt(0)) {
    const distance = new Big(liquidationPrice).minus(mark).abs().div(mark);
    if (distance.lt(settings.thresholds.liquidationWarn)) warnings.push(words('previewWarnLiquidationNear', { percent: distance.toFixed() }));
  }

  const exposure = new Big(plan.exposure);
  const coinsAfter = after.abs().times(plan.multiplier);
  return {
    id,
    expiresAt: now + PREVIEW_TTL_MS,
    asset,
    intent,
    order: { symbol, side: order.side, positionSide: order.positionSide, quantity: qty.toFixed(), reduceOnly: order.reduceOnly },
    coins: qty.times(plan.multiplier).toFixed(),
    tickSize: plan.tickSize,
    coinStep: plan.coinStep,
    notional: notional.toFixed(2),
    leverage,
    marginType,
    changes,
    marginNeeded: marginNeeded.toFixed(2),
    availableMargin: availableText,
    transfer,
    family: 'usdm',
    alternative: coinmContractFor(asset, snapshot) ? 'coinm' : null,
    collateral,
    returnCollateral: false,
    partial,
    fees: fees.toFixed(4),
    liquidationPrice,
    funding: after.eq(0)
      ? null
      : {
          rate: premium.lastFundingRate,
          nextFundingTime: Number(premium.nextFundingTime),
          intervalHours: interval,
          perDay: perEvent.times(24 / interval).toFixed(4),
          text: describeFunding({ positionAmt: after.toFixed(), markPrice: premium.markPrice, fundingRate: premium.lastFundingRate, intervalHours: interval }),
        },
    residual: partialLeft.plus(plan.residual).toFixed(),
    ratioAfter: exposure.eq(0) ? null : coinsAfter.div(exposure.abs()).toFixed(4),
    warnings,
  };
}
