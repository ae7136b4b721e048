/**
 * Auto top-up (opt-in, off by default): when the futures margin ratio reaches the warning level,
 * move USDT from spot to futures to bring it back to half that level, never more than the daily
 * cap the user set nor more than spot holds. Every top-up is recorded and notified.
 */
import Big from 'big.js';
import { marginRatio, topUpAmount } from '../core';
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
  const account = await market.account();
  const ratio = marginRatio(account);
  if (new Big(ratio).lt(settings.thresholds.marginRatioWarn)) return null;
  const wanted = topUpAmount(account, new Big(settings.thresholds.marginRatioWarn).div(2).toFixed());
  if (!wanted) return null;
  const history = await topUps.get();
  const today = history.filter((t) => now - t.time < DAY).reduce((s, t) => s.plus(t.amount), new Big(0));
  const spot = new Big((await market.spotBalances()).find((b) => b.asset === 'USDT')?.free ?? '0');
  const amount = [new Big(wanted), new Big(dailyCapUsdt).minus(today), spot].reduce((a, b) => (b.lt(a) ? b : a)).round(2, 0);
  if (amount.lte(0)) return null;
  // A transfer whose answer was unclear may have moved the USDT: it is recorded (and counted
  // against the cap) rather than sent again next minute.
  const tranId = await exchange.transfer('MAIN_UMFUTURE', 'USDT', amount.toFixed(2)).then(
    (r) => r.tranId,
    (err: unknown) => {
      if (isFateUnknown(err)) return undefined;
      throw err;
    },
  );
  market.invalidateLive();
  const record: TopUp = { time: now, amount: amount.toFixed(2), ...(tranId !== undefined ? { tranId } : {}), marginRatioBefore: ratio };
  await topUps.set([...history, record].slice(-200));
  const why = `the margin ratio was ${(Number(ratio) * 100).toFixed(1)} %`;
  await notify({
    id: `top-up:${tranId ?? now}`,
    severity: 'warn',
    kind: 'top-up',
    message:
      tranId !== undefined
        ? `Auto top-up moved ${record.amount} USDT from Spot to Futures: ${why}.`
        : `Auto top-up sent ${record.amount} USDT from Spot to Futures (${why}); Binance did not confirm it, so it counts against today's cap and is not sent again.`,
  });
  return record;
}
