/**
 * The account changes a hedge makes before its order: margin type, leverage and the margin transfer.
 * Each follows the rule for writes: a 2xx reply that cannot be read means Binance accepted it; a
 * timeout or 5xx is settled by asking Binance (the symbol's settings, the transfer history), and
 * when Binance will not say, nothing is ordered and the user is told exactly that.
 */
import Big from 'big.js';
import type { Exchange } from '../binance/exchange';
import { words, type MarginType, type Words } from '../core';
import { UserError } from '../shared/user-error';
import { codeOf, isAccepted, isFateUnknown } from '../binance/errors';

export interface ChangeDeps {
  /** The symbol's venue (USDⓈ-M or COIN-M) for its settings; the wallet API for transfers. */
  venue: Pick<Exchange, 'setMarginType' | 'setLeverage' | 'symbolConfig'>;
  exchange: Pick<Exchange, 'transfer' | 'transfers'>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The step is being checked with Binance (the views say so). */
  checking: () => void;
}

/** Waits before each look at the transfer history for a transfer of unknown fate. */
const TRANSFER_WAITS_MS = [500, 1500, 3000];
/** How far before our clock's send time Binance's timestamp of the transfer may be (clock offset). */
const CLOCK_SLACK_MS = 60_000;

/** Sends `apply`; on an unclear answer reads the symbol's settings back and goes on only if `took` holds. */
async function settle(deps: ChangeDeps, apply: () => Promise<void>, symbol: string, took: (c: { leverage: number; marginType: string }) => boolean, unconfirmed: Words): Promise<void> {
  try {
    await apply();
  } catch (err) {
    if (!isFateUnknown(err)) throw err;
    if (isAccepted(err)) return;
    deps.checking();
    const config = await deps.venue.symbolConfig(symbol).catch(() => null);
    if (config && took(config)) return;
    throw new UserError('setting-unknown', unconfirmed, words('errSettingUnknownDo'));
  }
}

export function setMarginType(deps: ChangeDeps, symbol: string, marginType: MarginType): Promise<void> {
  const apply = () =>
    deps.venue.setMarginType(symbol, marginType).catch((err: unknown) => {
      if (codeOf(err) !== -4046) throw err; // -4046: already so
    });
  return settle(deps, apply, symbol, (c) => c.marginType === marginType, words(marginType === 'CROSSED' ? 'errSettingUnknownCross' : 'errSettingUnknownIsolated'));
}

export function setLeverage(deps: ChangeDeps, symbol: string, leverage: number): Promise<void> {
  return settle(deps, () => deps.venue.setLeverage(symbol, leverage), symbol, (c) => c.leverage === leverage, words('errSettingUnknownLeverage', { count: leverage }));
}

type TransferType = Parameters<Exchange['transfer']>[0];

/**
 * Moves margin between Spot and a futures wallet: USDT (USDC on a credits account) to USDⓈ-M, the
 * coin to COIN-M, or the coin back. Returns the transfer's id when Binance told it.
 */
export async function moveMargin(deps: ChangeDeps, amount: string, asset: string, type: TransferType = 'MAIN_UMFUTURE'): Promise<{ amount: string; tranId?: number }> {
  const sentAt = deps.now();
  try {
    const { tranId } = await deps.exchange.transfer(type, asset, amount);
    return { amount, tranId };
  } catch (err) {
    if (!isFateUnknown(err)) throw err;
    if (isAccepted(err)) return { amount };
    deps.checking();
    for (const wait of TRANSFER_WAITS_MS) {
      await deps.sleep(wait);
      const rows = await deps.exchange.transfers(type, sentAt - CLOCK_SLACK_MS).catch(() => []);
      const found = rows.find((r) => r.asset === asset && new Big(r.amount).eq(amount) && r.status !== 'FAILED');
      if (found) return { amount, tranId: found.tranId };
    }
    throw new UserError('transfer-unknown', words('errTransferUnknown', { coins: amount, asset }), words('errTransferUnknownDo'));
  }
}
