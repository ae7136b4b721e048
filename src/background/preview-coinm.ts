/**
 * The confirm step's numbers for a COIN-M hedge: the coins in Spot move to the COIN-M wallet and
 * become the short's collateral, the short is contracts of `contractSize` USD, and margin, fees and
 * funding are in the coin. With the hedged coins as collateral a rally does not liquidate it: the
 * preview says so when Binance's formula finds no liquidation price.
 */
import Big from 'big.js';
import {
  coinFees,
  coinFunding,
  coinmContractFor,
  coinmLiquidationPrice,
  coinmRules,
  fundingIntervalHours,
  perpFor,
  planCoinmHedge,
  planFor,
  words,
  type Intent,
  type Words,
} from '../core';
import type { Preview } from '../shared/hedge-types';
import { UserError } from '../shared/user-error';
import type { PreviewDeps } from './preview';
import { PREVIEW_TTL_MS } from './preview';
import { hedgeSettings } from './settings-store';

/** Coins are moved and shown to the satoshi. */
const toSatoshi = (x: Big): string => x.round(8, Big.roundDown).toFixed();

export async function buildCoinmPreview(asset: string, intent: Intent, { market, settings, now, id }: PreviewDeps): Promise<Preview> {
  if (!market.coinmExchange) throw new UserError('coinm-unavailable', words('errCoinmUnavailable'), words('doNothingSent'));
  const snapshot = await market.snapshot('all');
  const plan = planFor(asset, snapshot, hedgeSettings(settings), intent, 'coinm');
  const order = plan.order;
  const contract = coinmContractFor(asset, snapshot);
  if (!order || plan.family !== 'coinm' || !contract || !snapshot.coinm) throw new UserError('nothing-to-do', plan.reason, words('doNothingSent'));
  const { symbol } = order;
  const premium = snapshot.coinm.markPrices.find((p) => p.symbol === symbol);
  if (!premium) throw new UserError('no-mark-price', words('errNoMarkPrice', symbol), words('doTryAgainMoment'));
  const rules = coinmRules({ symbol, contractSize: Number(contract.contractSize), filters: contract.filters });
  const [commission, brackets, wallet] = await Promise.all([market.coinmCommission(symbol), market.coinmBrackets(), market.coinmWallet(asset)]);

  // COIN-M reports each symbol's leverage and margin type on its position rows, open or not.
  const rows = snapshot.coinm.positions.filter((p) => p.symbol === symbol);
  const hasPosition = rows.some((p) => !new Big(p.positionAmt).eq(0));
  const row = rows[0];
  const currentLeverage = row ? Number(row.leverage ?? settings.leverage) : settings.leverage;
  const currentMarginType = row && String(row.marginType ?? '').toLowerCase() === 'isolated' ? 'ISOLATED' : 'CROSSED';
  // Binance refuses a margin-type change while a position is open (-4048): keep what the symbol has then.
  const leverage = hasPosition ? currentLeverage : settings.leverage;
  const marginType = hasPosition ? currentMarginType : settings.marginType;
  const changes: Preview['changes'] = {};
  if (leverage !== currentLeverage) changes.leverage = { from: currentLeverage, to: leverage };
  if (marginType !== currentMarginType) changes.marginType = { from: currentMarginType, to: marginType };

  const mark = new Big(premium.markPrice);
  const size = new Big(rules.contractSize);
  const reducing = order.reduceOnly || (order.positionSide === 'SHORT' && order.side === 'BUY') || (order.positionSide === 'LONG' && order.side === 'SELL');
  let contracts = new Big(order.quantity);
  let transfer: string | null = null;
  const warnings: Words[] = [];
  if (!reducing) {
    // The hedged coins in Spot become the short's collateral in the COIN-M wallet.
    const spotFree = new Big(snapshot.balances.find((b) => b.asset === asset)?.free ?? '0');
    const wanted = new Big(order.coins);
    const moved = new Big(toSatoshi(spotFree.lt(wanted) ? spotFree : wanted));
    transfer = moved.gt(0) ? moved.toFixed() : null;
    const collateral = new Big(wallet.availableBalance).plus(moved);
    const fit = planCoinmHedge({ coins: collateral.toFixed(), markPrice: premium.markPrice, leverage, takerRate: commission.takerCommissionRate, rules });
    if (!fit) {
      throw new UserError('coinm-no-collateral', words('errCoinmNoCollateral', { coins: collateral.toFixed(), asset }, symbol, { money: rules.contractSize, decimals: 0 }), words('errCoinmNoCollateralDo', asset));
    }
    if (new Big(fit.contracts).lt(contracts)) {
      warnings.push(words('previewCoinmFewer', { count: contracts.minus(fit.contracts).toFixed() }, { count: leverage }));
      contracts = new Big(fit.contracts);
    }
  }
  const coins = contracts.times(size).div(mark);
  const signedNow = rows.filter((p) => p.positionSide === order.positionSide).reduce((sum, p) => sum.plus(p.positionAmt), new Big(0));
  const after = signedNow.plus(order.side === 'BUY' ? contracts : contracts.times(-1));

  const walletAfter = new Big(wallet.walletBalance).plus(transfer ?? 0);
  const bracket = brackets.find((b) => b.symbol === symbol);
  const liquidationPrice =
    !after.eq(0) && bracket
      ? coinmLiquidationPrice({ positionAmt: after.toFixed(), contractSize: rules.contractSize, entryPrice: premium.markPrice, walletBalance: walletAfter.toFixed(), brackets: bracket.brackets })
      : null;

  const interval = fundingIntervalHours(symbol, []);
  const perEvent = after.eq(0) ? new Big(0) : new Big(coinFunding(after.toFixed(), rules.contractSize, premium.markPrice, premium.lastFundingRate));
  if (perEvent.lt(0)) warnings.push(words('previewWarnPaysFunding'));
  if (leverage > settings.thresholds.maxLeverage) warnings.push(words('previewWarnLeverage', { count: leverage }, { count: settings.thresholds.maxLeverage }));

  const exposure = new Big(plan.exposure);
  const hedgeAfter = new Big(plan.hedge).plus(order.side === 'SELL' ? coins : coins.times(-1));
  return {
    id,
    expiresAt: now + PREVIEW_TTL_MS,
    asset,
    intent,
    order: { symbol, side: order.side, positionSide: order.positionSide, quantity: contracts.toFixed(), reduceOnly: order.reduceOnly },
    coins: coins.toFixed(),
    tickSize: plan.tickSize,
    coinStep: plan.coinStep,
    notional: contracts.times(size).toFixed(2),
    leverage,
    marginType,
    changes,
    marginNeeded: toSatoshi(reducing ? new Big(0) : coins.div(leverage)),
    availableMargin: toSatoshi(new Big(wallet.availableBalance)),
    transfer,
    family: 'coinm',
    alternative: (snapshot.quotes ?? ['USDT']).some((q) => perpFor(asset, snapshot.futuresSymbols, q)) ? 'usdm' : null,
    collateral: asset,
    // Closing the whole short: its coins go back to Spot once the contracts are bought back.
    returnCollateral: reducing && after.eq(0),
    partial: null,
    fees: toSatoshi(new Big(coinFees(contracts.toFixed(), rules.contractSize, premium.markPrice, commission.takerCommissionRate))),
    liquidationPrice,
    funding: after.eq(0)
      ? null
      : {
          rate: premium.lastFundingRate,
          nextFundingTime: Number(premium.nextFundingTime),
          intervalHours: interval,
          perDay: perEvent.times(24 / interval).toFixed(8),
          text: words(perEvent.gte(0) ? 'fundingCoinReceives' : 'fundingCoinPays', { coins: toSatoshi(perEvent.abs()), asset }, { money: perEvent.abs().times(mark).toFixed() }, { count: interval }),
        },
    residual: plan.residual,
    ratioAfter: exposure.eq(0) ? null : hedgeAfter.div(exposure.abs()).toFixed(4),
    warnings,
  };
}
