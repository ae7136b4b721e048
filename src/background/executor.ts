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
import Big from 'big.js';
import type { BatchOutcome, Exchange, FuturesOrder } from '../binance/exchange';
import { moveMargin, setLeverage, setMarginType, type ChangeDeps } from './account-changes';
import { fromBinance, isAccepted, isFateUnknown } from '../binance/errors';
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
/** Binance's most orders in one POST /fapi/v1/batchOrders. */
const BATCH_SIZE = 5;

export function createExecutor(deps: ExecutorDeps) {
  const { journal, previews, now } = deps;
  const running = new Map<string, Promise<HedgeResult>>();
  /** Previews whose order Binance acknowledged (the views were told "verifying" once). */
  const verifying = new Set<string>();
  const nowVerifying = (previewId: string): void => {
    if (verifying.has(previewId)) return;
    verifying.add(previewId);
    deps.progress(previewId, 'verifying');
  };
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
        // Acknowledged: what is left is reading it back (its fill, the position).
        nowVerifying(previewId);
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
      nowVerifying(preview.id);
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

  /** A settled answer for one order of a batch: its fill, or why not; unknown ones are asked about. */
  async function settleOne(entry: JournalEntry, previewId: string, outcomeOf: BatchOutcome | 'accepted'): Promise<JournalEntry> {
    if (outcomeOf !== 'unread' && outcomeOf !== 'accepted' && 'refused' in outcomeOf) {
      const info = asUserError(fromBinance(outcomeOf.refused.code, outcomeOf.refused.msg, 400)).info;
      return save(entry, { status: 'failed', error: info });
    }
    if (outcomeOf !== 'unread' && outcomeOf !== 'accepted' && isSettled(outcomeOf.ack)) return save(entry, outcome(outcomeOf.ack));
    const accepted = outcomeOf !== 'unread';
    entry = await save(entry, { status: accepted ? 'accepted' : 'unknown', ...(accepted && outcomeOf !== 'accepted' ? { orderId: outcomeOf.ack.orderId } : {}) });
    deps.progress(previewId, 'checking');
    const fate = await askFate({ ...deps, exchange: deps.exchange }, entry.order.symbol, entry.clientOrderId, entry.sentAt ?? now(), accepted);
    if (fate.kind === 'settled') return save(entry, outcome(fate.order));
    // Absent and past recvWindow: Binance never took it; not resent here (a batch is not retried order by order).
    if (fate.kind === 'absent') return save(entry, { status: 'failed', error: { code: 'never-placed', message: words('errNeverPlaced') } });
    return entry; // still unknown: reconcile settles it
  }

  /**
   * "Hedge all" in a few round trips: every order's account settings at once, one transfer for
   * all of them, every order journaled, then batches of five sent together (POST
   * /fapi/v1/batchOrders). Each order keeps the rules of one: a refusal fails that order only, an
   * answer missing or unreadable is asked about by its client order id, never resent.
   */
  async function runAll(batch: Preview[]): Promise<(HedgeResult | UserError)[]> {
    const results = new Map<string, HedgeResult | UserError>();
    const ready: Preview[] = [];
    for (const p of batch) {
      try {
        if (p.family !== 'usdm') throw new UserError('coinm-unavailable', words('errCoinmUnavailable'), words('doNothingSent'));
        await checkSettled(p.asset);
        const lastOrder = await previews.lastOrder(p.asset);
        if (lastOrder !== undefined && lastOrder > p.expiresAt - PREVIEW_TTL_MS) throw new UserError('preview-stale', words('errPreviewStale', p.asset), words('errPreviewStaleDo'));
        if (await journal.get(clientOrderIdFor(p.id))) throw new UserError('already-sent', words('errAlreadySent'), words('errAlreadySentDo'));
        ready.push(p);
      } catch (err) {
        results.set(p.id, asUserError(err));
      }
    }
    const changesFor = (p: Preview): ChangeDeps => ({ ...deps, venue: deps.exchange, checking: () => deps.progress(p.id, 'checking') });
    // Account settings first, all at once: a refusal leaves that hedge out, with no money moved.
    const settled = await Promise.all(
      ready.map(async (p) => {
        try {
          if (p.changes.marginType) {
            deps.progress(p.id, 'setting-margin-type');
            await setMarginType(changesFor(p), p.order.symbol, p.changes.marginType.to);
          }
          if (p.changes.leverage) {
            deps.progress(p.id, 'setting-leverage');
            await setLeverage(changesFor(p), p.order.symbol, p.changes.leverage.to);
          }
          return p;
        } catch (err) {
          results.set(p.id, asUserError(err));
          return null;
        }
      }),
    );
    const go = settled.filter((p): p is Preview => p !== null);
    if (go.length === 0) return batch.map((p) => results.get(p.id)!);
    // One transfer for every order's margin (they all use the same stablecoin).
    const total = go.reduce((sum, p) => sum.plus(p.transfer ?? 0), new Big(0));
    let moved: { amount: string; tranId?: number } | undefined;
    if (total.gt(0)) {
      for (const p of go) deps.progress(p.id, 'transferring');
      try {
        moved = await moveMargin(changesFor(go[0]!), total.toFixed(2), go[0]!.collateral, TRANSFER_IN.usdm);
      } catch (err) {
        const failed = asUserError(err);
        for (const p of go) results.set(p.id, failed);
        return batch.map((p) => results.get(p.id)!);
      }
    }
    const sentAt = now();
    const entries = await Promise.all(
      go.map(async (p) => {
        const entry: JournalEntry = {
          clientOrderId: clientOrderIdFor(p.id),
          asset: p.asset,
          intent: p.intent,
          order: p.order,
          status: 'sent',
          createdAt: sentAt,
          updatedAt: sentAt,
          sentAt,
          ...(p.transfer && moved ? { transfer: { amount: p.transfer, ...(moved.tranId !== undefined ? { tranId: moved.tranId } : {}) } } : {}),
        };
        deps.inflight.add(entry.clientOrderId);
        await journal.put(entry); // journaled before the send
        await previews.orderSent(p.asset, sentAt);
        deps.progress(p.id, 'placing');
        return { entry, preview: p };
      }),
    );
    try {
      const chunks: (typeof entries)[] = [];
      for (let i = 0; i < entries.length; i += BATCH_SIZE) chunks.push(entries.slice(i, i + BATCH_SIZE));
      await Promise.all(
        chunks.map(async (chunk) => {
          let outcomes: (BatchOutcome | 'accepted')[];
          try {
            outcomes = await deps.exchange.newOrders(chunk.map(({ entry }) => ({ ...entry.order, newClientOrderId: entry.clientOrderId })));
            for (const { preview } of chunk) nowVerifying(preview.id);
          } catch (err) {
            if (!isFateUnknown(err)) {
              const failed = asUserError(err);
              await Promise.all(chunk.map(async ({ entry, preview }) => {
                await save(entry, { status: 'failed', error: failed.info });
                results.set(preview.id, failed);
              }));
              return;
            }
            outcomes = chunk.map(() => (isAccepted(err) ? 'accepted' : 'unread'));
          }
          await Promise.all(
            chunk.map(async ({ entry, preview }, i) => {
              const done = await settleOne(entry, preview.id, outcomes[i] ?? 'unread');
              if (done.status === 'filled') {
                nowVerifying(preview.id);
                deps.market.invalidateLive(done.order.symbol);
              }
              results.set(preview.id, await resultOf(done).catch((err: unknown) => (done.status === 'failed' && done.error ? new UserError(done.error.code, done.error.message, done.error.action) : asUserError(err))));
            }),
          );
        }),
      );
    } finally {
      for (const { entry } of entries) deps.inflight.delete(entry.clientOrderId);
      deps.market.invalidateLive();
    }
    return batch.map((p) => results.get(p.id)!);
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

    /** Confirmed "hedge all": the previews' orders in batches; one result or error per preview, in order. */
    async executeAll(previewIds: string[]): Promise<(HedgeResult | UserError)[]> {
      const found = await Promise.all(previewIds.map((id) => previews.get(id)));
      const live = found.filter((p): p is Preview => p !== undefined && p.expiresAt >= now());
      const expired = new UserError('preview-expired', words('errPreviewExpired'), words('errPreviewExpiredDo'));
      // One batch at a time per asset, like single orders.
      const assets = [...new Set(live.map((p) => p.asset))].sort(); // one order of locking: two batches never wait on each other
      const run = () => runAll(live);
      const ran = await assets.reduceRight<() => Promise<(HedgeResult | UserError)[]>>((next, asset) => () => exclusive(asset, next), run)();
      const byId = new Map(live.map((p, i) => [p.id, ran[i]!]));
      for (const id of previewIds) {
        verifying.delete(id);
        void previews.drop(id);
      }
      return previewIds.map((id) => byId.get(id) ?? expired);
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
        verifying.delete(previewId);
        void previews.drop(previewId);
      });
      running.set(previewId, job);
      return job;
    },
  };
}

export type Executor = ReturnType<typeof createExecutor>;
