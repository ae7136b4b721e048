/**
 * From a confirmed preview to a verified order, safely:
 * - the order's newClientOrderId comes from the preview and is journaled BEFORE the first send;
 * - an unclear answer (timeout, 5xx) asks Binance by origClientOrderId before sending again, and
 *   only resends when Binance has no such order and can no longer accept the first request;
 * - a 2xx answer means Binance accepted the order, even when the reply cannot be read or lacks the
 *   fill: the fill is read from the order query (or the stream), and it is never sent again;
 * - one operation per asset at a time; double clicks share one run; a preview made before another
 *   order on the same asset is refused rather than doubling the hedge.
 * Settling what a stopped worker left is `reconcile.ts`; asking about one order is `order-fate.ts`.
 */
import { UserError } from '../shared/user-error';
import { words, type Words } from '../core';
import type { AssetView, HedgeResult, Preview, Step } from '../shared/hedge-types';
import type { Exchange, FuturesOrder } from '../binance/exchange';
import { moveMargin, setLeverage, setMarginType, type ChangeDeps } from './account-changes';
import { isAccepted, isFateUnknown } from '../binance/errors';
import { asUserError } from './explain';
import type { Market } from './market';
import { askFate, isSettled, outcome, type AskDeps } from './order-fate';
import { PREVIEW_TTL_MS } from './preview';
import type { PreviewStore } from './preview-store';
import type { Journal, JournalEntry } from './store';
import { TRANSFER_IN, type Venue } from './venue';

export interface ExecutorDeps {
  exchange: Exchange;
  /** COIN-M, where the environment has it. */
  coinm: Venue | null;
  market: Market;
  journal: Journal;
  previews: PreviewStore;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  progress: (previewId: string, step: Step) => void;
  /** recvWindow of signed requests: Binance refuses an order whose timestamp is older than this. */
  recvWindowMs: number;
  /** The asset's view, re-read from Binance after the order. */
  viewOf: (asset: string) => Promise<AssetView>;
  /** Client order ids being placed by this worker right now: reconcile leaves them alone. */
  inflight: Set<string>;
}

export const clientOrderIdFor = (previewId: string): string => `sh-${previewId}`;

const ACCEPTED_ACTION = words('doDoNotPlaceAgain');

export function createExecutor(deps: ExecutorDeps) {
  const { journal, previews, now } = deps;
  const running = new Map<string, Promise<HedgeResult>>();
  const assetLocks = new Map<string, Promise<unknown>>();

  async function save(entry: JournalEntry, patch: Partial<JournalEntry>): Promise<JournalEntry> {
    const next = { ...entry, ...patch, updatedAt: now() };
    await journal.put(next);
    return next;
  }

  /**
   * Sends the journaled order and returns it settled. Binance acknowledged it, or may have: then it
   * is asked about, and resent once only when Binance has no such order and can no longer take it.
   */
  async function place(entry: JournalEntry, previewId: string, venue: Venue): Promise<{ entry: JournalEntry; order: FuturesOrder }> {
    const { order, clientOrderId } = entry;
    const asking: AskDeps = { ...deps, exchange: venue };
    for (let attempt = 0; attempt < 2; attempt++) {
      // Journaled before every send (the first one by the caller): reconcile waits out its recvWindow.
      if (attempt > 0) entry = await save(entry, { sentAt: now() });
      const sentAt = entry.sentAt ?? now();
      let accepted = false;
      try {
        const ack = await venue.newOrder({ ...order, newClientOrderId: clientOrderId });
        if (isSettled(ack)) return { entry, order: ack };
        // Acknowledged without its fill (Binance's reply no longer carries avgPrice): read it.
        accepted = true;
        entry = await save(entry, { status: 'accepted', orderId: ack.orderId });
      } catch (err) {
        if (!isFateUnknown(err)) throw err;
        accepted = isAccepted(err);
        entry = await save(entry, { status: accepted ? 'accepted' : 'unknown' });
        deps.progress(previewId, 'checking');
      }
      const fate = await askFate(asking, order.symbol, clientOrderId, sentAt, accepted);
      if (fate.kind === 'settled') return { entry, order: fate.order };
      if (fate.kind === 'unknown') {
        throw accepted
          ? new UserError('order-accepted', words('errOrderAccepted'), ACCEPTED_ACTION)
          : new UserError('order-unknown', words('errOrderUnknown'), words('errOrderUnknownDo'));
      }
      // Binance has no order with this id and can no longer accept it: one resend is safe.
    }
    throw new UserError('order-not-placed', words('errOrderNotPlaced'), words('doTryAgainMinute'));
  }

  /** "Sold 1.5 BTCUSDT at 97,000.0. Hedge ratio now 100.0%." */
  function describe(entry: JournalEntry, view: AssetView | null): Words {
    const verb = entry.order.side === 'SELL' ? 'resultSold' : 'resultBought';
    const quantity = { count: entry.executedQty ?? '0' };
    const fill = entry.avgPrice
      ? words(`${verb}At`, quantity, entry.order.symbol, { price: entry.avgPrice, tick: view?.tickSize ?? null })
      : words(verb, quantity, entry.order.symbol);
    return view?.ratio == null ? fill : words('resultWithRatio', fill, { percent: view.ratio });
  }

  /**
   * No new order on an asset while an earlier one's outcome is unknown (a worker or browser that
   * stopped mid-order): if that order reaches Binance too, the hedge would be doubled.
   */
  async function checkSettled(asset: string): Promise<void> {
    if ((await journal.unfinished()).some((e) => e.asset === asset)) {
      throw new UserError('order-pending', words('errOrderPending', asset), words('errOrderPendingDo'));
    }
  }

  async function run(preview: Preview): Promise<HedgeResult> {
    const clientOrderId = clientOrderIdFor(preview.id);
    const known = await journal.get(clientOrderId);
    if (known) return resultOf(known);
    await checkSettled(preview.asset);

    const lastOrder = await previews.lastOrder(preview.asset);
    if (lastOrder !== undefined && lastOrder > preview.expiresAt - PREVIEW_TTL_MS) {
      throw new UserError('preview-stale', words('errPreviewStale', preview.asset), words('errPreviewStaleDo'));
    }
    const { symbol } = preview.order;
    const coinm = preview.family === 'coinm';
    const venue = coinm ? deps.coinm : deps.exchange;
    if (!venue) throw new UserError('coinm-unavailable', words('errCoinmUnavailable'), words('doNothingSent'));
    const changes: ChangeDeps = { ...deps, venue, checking: () => deps.progress(preview.id, 'checking') };
    try {
      if (preview.changes.marginType) {
        deps.progress(preview.id, 'setting-margin-type');
        await setMarginType(changes, symbol, preview.changes.marginType.to);
      }
      if (preview.changes.leverage) {
        deps.progress(preview.id, 'setting-leverage');
        await setLeverage(changes, symbol, preview.changes.leverage.to);
      }
      let entry: JournalEntry = {
        clientOrderId,
        asset: preview.asset,
        intent: preview.intent,
        order: preview.order,
        status: 'pending',
        createdAt: now(),
        updatedAt: now(),
        ...(coinm ? { family: 'coinm' as const } : {}),
      };
      if (preview.transfer) {
        deps.progress(preview.id, 'transferring');
        entry.transfer = await moveMargin(changes, preview.transfer, preview.collateral, TRANSFER_IN[preview.family]);
      }
      deps.inflight.add(clientOrderId);
      entry.sentAt = now();
      await journal.put(entry);
      await previews.orderSent(preview.asset, now());
      deps.progress(preview.id, 'placing');
      let filled: FuturesOrder;
      try {
        ({ entry, order: filled } = await place(entry, preview.id, venue));
      } catch (err) {
        const user = asUserError(err);
        // An order Binance may have, or has taken, stays open for reconcile; anything else was refused.
        if (user.info.code !== 'order-unknown' && user.info.code !== 'order-accepted') {
          await save((await journal.get(clientOrderId)) ?? entry, { status: 'failed', error: user.info });
        }
        throw user;
      } finally {
        deps.inflight.delete(clientOrderId);
      }
      entry = await save(entry, outcome(filled));
      if (entry.status === 'failed') {
        throw new UserError('order-not-filled', words('errOrderNotFilled', filled.status), words('errOrderNotFilledDo'));
      }
      deps.progress(preview.id, 'verifying');
      // The verification must read the position anew, not the cache from before the order.
      deps.market.invalidateLive(symbol);
      if (coinm && preview.returnCollateral) {
        deps.progress(preview.id, 'returning');
        entry = await save(entry, { returned: await returnCoins(changes, preview.asset) });
      }
      return await resultOf(entry);
    } finally {
      deps.market.invalidateLive(symbol);
    }
  }

  /**
   * After a COIN-M hedge is closed, its coins go back to Spot: what the COIN-M wallet can release.
   * A transfer Binance did not confirm leaves them counted where they are (nothing is lost).
   */
  async function returnCoins(changes: ChangeDeps, asset: string): Promise<{ amount: string; tranId?: number } | undefined> {
    const wallet = await deps.market.coinmWallet(asset).catch(() => null);
    if (!wallet || !(Number(wallet.availableBalance) > 0)) return undefined;
    return moveMargin(changes, wallet.availableBalance, asset, 'CMFUTURE_MAIN').catch(() => undefined);
  }

  async function resultOf(entry: JournalEntry): Promise<HedgeResult> {
    if (entry.status === 'accepted' || entry.status === 'unknown') {
      throw new UserError('order-accepted', words('errOrderStillChecked'), ACCEPTED_ACTION);
    }
    if (entry.status !== 'filled' || entry.orderId === undefined) {
      throw new UserError('already-sent', words('errAlreadySent'), words('errAlreadySentDo'));
    }
    // The fill is what the user must hear about; a failed re-read must not turn it into an error.
    let view: AssetView | null = null;
    let unread: Words | null = null;
    try {
      view = await deps.viewOf(entry.asset);
    } catch (err) {
      unread = asUserError(err).info.message;
    }
    return {
      clientOrderId: entry.clientOrderId,
      orderId: entry.orderId,
      executedQty: entry.executedQty ?? '0',
      avgPrice: entry.avgPrice ?? null,
      view,
      message: unread ? words('resultNotReread', describe(entry, view), unread) : describe(entry, view),
    };
  }

  /** Runs `fn` after any other operation on the same asset. */
  function exclusive<T>(asset: string, fn: () => Promise<T>): Promise<T> {
    const before = assetLocks.get(asset) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(fn);
    assetLocks.set(asset, next);
    return next;
  }

  return {
    checkSettled,

    async rememberPreview(preview: Preview): Promise<Preview> {
      await previews.remember(preview);
      return preview;
    },

    execute(previewId: string): Promise<HedgeResult> {
      const already = running.get(previewId);
      if (already) return already;
      const job = (async () => {
        const preview = await previews.get(previewId);
        if (!preview || preview.expiresAt < now()) {
          const known = await journal.get(clientOrderIdFor(previewId));
          if (known) return resultOf(known);
          throw new UserError('preview-expired', words('errPreviewExpired'), words('errPreviewExpiredDo'));
        }
        return exclusive(preview.asset, () => run(preview));
      })().finally(() => {
        running.delete(previewId);
        void previews.drop(previewId);
      });
      running.set(previewId, job);
      return job;
    },
  };
}

export type Executor = ReturnType<typeof createExecutor>;
