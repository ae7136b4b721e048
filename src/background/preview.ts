/**
 * The confirm step's numbers: what the order is, what it changes, what it costs and risks.
 * Read fresh from Binance, so what the user confirms is the account as it is now.
 */
import Big from 'big.js';
import {
  describeFunding,
  estimateFees,
  estimateLiquidationPrice,
  fundingIntervalHours,
  fundingPayment,
  money,
  planFor,
} from '../core';
import { UserError } from '../shared/user-error';
import type { Intent, Preview } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import type { Market } from './market';
import { hedgeSettings } from './settings-store';
import { coinStepOf } from './views';
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
  const snapshot = await market.snapshot(!reserved); // a batch reads the account once, for its first preview
  const plan = planFor(asset, snapshot, hedgeSettings(settings), intent);
  const order = plan.order;
  if (!order || !plan.symbol) throw new UserError('nothing-to-do', plan.reason, 'Nothing will be sent to Binance.');
  const symbol = order.symbol;
  const premium = snapshot.markPrices.find((p) => p.symbol === symbol);
  if (!premium) throw new UserError('no-mark-price', `Binance returned no mark price for ${symbol}.`, 'Try again in a moment.');

  const [config, commission, brackets, account, fundingInfo] = await Promise.all([
    market.symbolConfig(symbol),
    market.commissionRate(symbol),
    market.leverageBrackets(),
    market.account(),
    market.fundingInfo(),
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
  const qty = new Big(order.quantity);
  const notional = qty.times(mark);
  const reducing =
    order.reduceOnly || (order.positionSide === 'SHORT' && order.side === 'BUY') || (order.positionSide === 'LONG' && order.side === 'SELL');
  const marginNeeded = reducing ? new Big(0) : notional.div(leverage);
  const fees = new Big(estimateFees(notional.toFixed(), commission.takerCommissionRate));
  // Earlier orders of a batch take their margin, and their transfers bring USDT in first.
  const available = new Big(account.availableBalance).plus(reserved?.transfer ?? 0).minus(reserved?.margin ?? 0);
  const shortfall = marginNeeded.plus(fees).minus(available);
  const transfer = !reducing && shortfall.gt(0) ? ceilCents(shortfall) : null;
  if (transfer && !HOSTS[settings.environment].sapi) {
    throw new UserError(
      'margin-not-movable',
      `This hedge needs ${money(ceilCents(marginNeeded.plus(fees)))} USDT of futures margin; Futures has ${money(available.toFixed(2))} USDT available.`,
      `The ${settings.environment} environment has no wallet API, so the extension cannot move USDT: move ${money(transfer)} USDT to Futures on ${settings.environment === 'demo' ? 'demo.binance.com' : 'the testnet site'}, then review again.`,
    );
  }
  if (transfer) {
    const usdt = snapshot.balances.find((b) => b.asset === 'USDT');
    const free = new Big(usdt?.free ?? '0').minus(reserved?.transfer ?? 0);
    if (free.lt(transfer)) {
      throw new UserError(
        'insufficient-usdt',
        `This hedge needs ${money(ceilCents(marginNeeded.plus(fees)))} USDT of futures margin; Futures has ${money(available.toFixed(2))} and Spot ${money(free.toFixed(2))} USDT free.`,
        'Add USDT, raise the leverage in options, or lower the hedge ratio.',
      );
    }
  }

  // The position once the order fills, signed in contract units (negative = short).
  const signedNow = rows
    .filter((p) => p.positionSide === order.positionSide)
    .reduce((sum, p) => sum.plus(p.positionAmt), new Big(0));
  const after = signedNow.plus(order.side === 'BUY' ? qty : qty.times(-1));
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

  const warnings: string[] = [];
  if (leverage > settings.thresholds.maxLeverage) warnings.push(`Leverage ${leverage}x is above ${settings.thresholds.maxLeverage}x: the hedge can be liquidated on a smaller rise.`);
  if (perEvent.lt(0)) warnings.push('At the current funding rate this hedge PAYS funding.');
  if (liquidationPrice && mark.gt(0)) {
    const distance = new Big(liquidationPrice).minus(mark).abs().div(mark);
    if (distance.lt(settings.thresholds.liquidationWarn)) warnings.push(`The estimated liquidation price is only ${distance.times(100).toFixed(1)} % from the mark price.`);
  }

  const exposure = new Big(plan.exposure);
  const coinsAfter = after.abs().times(plan.multiplier);
  return {
    id,
    expiresAt: now + PREVIEW_TTL_MS,
    asset,
    intent,
    order: { symbol, side: order.side, positionSide: order.positionSide, quantity: order.quantity, reduceOnly: order.reduceOnly },
    coins: qty.times(plan.multiplier).toFixed(),
    tickSize: plan.tickSize,
    coinStep: coinStepOf(plan),
    notional: notional.toFixed(2),
    leverage,
    marginType,
    changes,
    marginNeeded: marginNeeded.toFixed(2),
    availableMargin: available.toFixed(2),
    transfer,
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
    residual: plan.residual,
    ratioAfter: exposure.eq(0) ? null : coinsAfter.div(exposure.abs()).toFixed(4),
    warnings,
  };
}
