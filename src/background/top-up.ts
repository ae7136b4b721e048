/**
 * Auto top-up (opt-in, off by default): when the futures margin ratio reaches the warning level,
 * move USDT from spot to futures to bring it back to half that level, never more than the daily
 * cap the user set nor more than spot holds. Every top-up is recorded and notified.
 */
import Big from 'big.js';
import { marginRatio, topUpAmount, transferFor, words } from '../core';
import type { Exchange } from '../binance/exchange';
import type { TopUp, WarningView } from '../shared/hedge-types';
import type { Settings } from '../shared/settings';
import { HOSTS } from '../binance/env';
import { isFateUnknown } from '../binance/errors';
import type { Stored } from '../shared/storage';
import type { Market } from './market';

const DAY = 86_400_000;

export interface TopUpDeps {
  settings: Settings;
  market: Market;
  exchange: Pick<Exchange, 'transfer'>;
  topUps: Stored<TopUp[]>;
  now: number;
  notify: (w: WarningView) => Promise<void>;
}

export async function autoTopUp({ settings, market, exchange, topUps, now, notify }: TopUpDeps): Promise<TopUp | null> {
  const { enabled, dailyCapUsdt } = settings.autoTopUp;
  if (!enabled || !HOSTS[settings.environment].sapi) return null; // no wallet API: nothing can move
  const [account, mode] = await Promise.all([market.account(), market.mode()]);
  const ratio = marginRatio(account);
  if (new Big(ratio).lt(settings.thresholds.marginRatioWarn)) return null;
  const margin = topUpAmount(account, new Big(settings.thresholds.marginRatioWarn).div(2).toFixed());
  if (!margin) return null;
  // Multi-Assets mode counts a moved stablecoin at its collateral ratio; a credits account takes USDC, not USDT.
  const wanted = transferFor(margin, mode.multiAssetsMargin);
  const asset = mode.credits ? 'USDC' : 'USDT';
  const history = await topUps.get();
  const today = history.filter((t) => now - t.time < DAY).reduce((s, t) => s.plus(t.amount), new Big(0));
  const spot = new Big((await market.spotBalances()).find((b) => b.asset === asset)?.free ?? '0');
  const amount = [new Big(wanted), new Big(dailyCapUsdt).minus(today), spot].reduce((a, b) => (b.lt(a) ? b : a)).round(2, 0);
  if (amount.lte(0)) return null;
  // A transfer whose answer was unclear may have moved the USDT: it is recorded (and counted
  // against the cap) rather than sent again next minute.
  const tranId = await exchange.transfer('MAIN_UMFUTURE', asset, amount.toFixed(2)).then(
    (r) => r.tranId,
    (err: unknown) => {
      if (isFateUnknown(err)) return undefined;
      throw err;
    },
  );
  market.invalidateLive();
  const record: TopUp = { time: now, amount: amount.toFixed(2), ...(tranId !== undefined ? { tranId } : {}), marginRatioBefore: ratio };
  await topUps.set([...history, record].slice(-200));
  await notify({
    id: `top-up:${tranId ?? now}`,
    severity: 'warn',
    kind: 'top-up',
    message: words(tranId !== undefined ? 'notifyTopUp' : 'notifyTopUpUnconfirmed', { coins: record.amount, asset }, { percent: ratio }),
  });
  return record;
}
