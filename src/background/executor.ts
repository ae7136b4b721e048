/**
 * From a confirmed preview to a verified order, safely:
 * - the order's newClientOrderId comes from the preview and is journaled BEFORE the first send;
 * - a timeout or 5xx asks Binance by origClientOrderId before sending again (only if Binance has
 *   no such order);
 * - one operation per asset at a time; double clicks share one run; a preview made before another
 *   order on the same asset is refused rather than doubling the hedge;
 * - unfinished journal entries are reconciled with Binance when the worker starts (never resent).
 */
import { UserError } from '../shared/errors';
import { price, trimZeros } from '../shared/format';
import type { AssetView, HedgeResult, Preview, Step } from '../shared/hedge-types';
import { asUserError, codeOf, isFateUnknown } from './errors';
import type { Exchange, FuturesOrder } from '../binance/exchange';
import type { KV } from './kv';
import type { Market } from './market';
import { PREVIEW_TTL_MS } from './preview';
import type { Journal, JournalEntry } from './store';

export interface ExecutorDeps {
  exchange: Exchange;
  market: Market;
  journal: Journal;
  /** storage.session: previews and per-asset last-operation times survive a worker restart. */
  session: KV;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  progress: (previewId: string, step: Step) => void;
  /** recvWindow of signed requests: Binance refuses an order whose timestamp is older than this. */
  recvWindowMs: number;
  /** The asset's view, re-read from Binance after the order. */
  viewOf: (asset: string) => Promise<AssetView>;
}

/** Waits before each query about an order whose fate is unknown. */
const LOOKUP_WAITS_MS = [500, 1500, 3000];
/** Margin on recvWindow for the server-time offset's error. */
const WINDOW_MARGIN_MS = 1000;

export const clientOrderIdFor = (previewId: string): string => `sh-${previewId}`;

/** What the journal keeps of Binance's answer; an order that filled nothing counts as failed. */
const outcome = (o: FuturesOrder): Partial<JournalEntry> => ({
  status: Number(o.executedQty) > 0 ? 'filled' : 'failed',
  orderId: o.orderId,
  executedQty: o.executedQty,
  avgPrice: o.avgPrice,
});
const previewKey = (id: string): string => `preview:${id}`;
const lastOpKey = (asset: string): string => `lastOp:${asset}`;

export function createExecutor(deps: ExecutorDeps) {
  const { exchange, journal, session, now } = deps;
  const running = new Map<string, Promise<HedgeResult>>();
  /** Client order ids being placed by this worker right now: reconcile leaves them alone. */
  const inflight = new Set<string>();
  const assetLocks = new Map<string, Promise<unknown>>();

  async function save(entry: JournalEntry, patch: Partial<JournalEntry>): Promise<JournalEntry> {
    const next = { ...entry, ...patch, updatedAt: now() };
    await journal.put(next);
    return next;
  }

  /**
   * When "Binance has no such order" is final: once the request's timestamp is older than
   * recvWindow, Binance can no longer accept it, so a resend cannot double it.
   */
  const finalAfter = (sentAt: number): number => sentAt + deps.recvWindowMs + WINDOW_MARGIN_MS;

  /**
   * The order as Binance has it: the order, null when Binance has none and can no longer accept
   * it, or 'unknown' when Binance would not say. Any failure to ask leaves the fate unknown.
   */
  async function lookup(symbol: string, clientOrderId: string, sentAt: number): Promise<FuturesOrder | null | 'unknown'> {
    const ask = () => exchange.getOrder(symbol, clientOrderId).catch(() => 'unknown' as const);
    let last: FuturesOrder | null | 'unknown' = 'unknown';
    for (const wait of LOOKUP_WAITS_MS) {
      await deps.sleep(wait);
      last = await ask();
      if (last !== null && last !== 'unknown') return last;
      if (last === null && now() >= finalAfter(sentAt)) return null;
    }
    if (last !== null) return 'unknown';
    // Absent so far, but the request could still arrive: wait out its recvWindow and ask once more.
    await deps.sleep(Math.max(0, finalAfter(sentAt) - now()));
    return ask();
  }

  async function place(entry: JournalEntry, previewId: string): Promise<FuturesOrder> {
    const { order, clientOrderId } = entry;
    for (let attempt = 0; attempt < 2; attempt++) {
      // Journaled before every send (the first one by the caller): reconcile waits out its recvWindow.
      if (attempt > 0) entry = await save(entry, { sentAt: now() });
      const sentAt = entry.sentAt ?? now();
      try {
        return await exchange.newOrder({ ...order, newClientOrderId: clientOrderId });
      } catch (err) {
        if (!isFateUnknown(err)) throw err;
        entry = await save(entry, { status: 'unknown' });
        deps.progress(previewId, 'checking');
        const found = await lookup(order.symbol, clientOrderId, sentAt);
        if (found === 'unknown') {
          throw new UserError(
            'order-unknown',
            'Binance did not confirm whether the order was placed.',
            'Do not place it again by hand: the extension checks it with Binance and updates the hedge when it knows.',
          );
        }
        if (found) return found;
        // Binance has no order with this id: it never reached the matching engine, so one resend is safe.
      }
    }
    throw new UserError('order-not-placed', 'Binance did not accept the order after two attempts; nothing was placed.', 'Try again in a minute.');
  }

  function describe(entry: JournalEntry, view: AssetView | null): string {
    const verb = entry.order.side === 'SELL' ? 'Sold' : 'Bought';
    const ratio = view?.ratio == null ? '' : ` Hedge ratio now ${(Number(view.ratio) * 100).toFixed(1)} %.`;
    return `${verb} ${trimZeros(entry.executedQty ?? '0')} ${entry.order.symbol} at ${price(entry.avgPrice ?? '0')}.${ratio}`;
  }

  /**
   * No new order on an asset while an earlier one's outcome is unknown (a worker or browser that
   * stopped mid-order): if that order reaches Binance too, the hedge would be doubled.
   */
  async function checkSettled(asset: string): Promise<void> {
    if ((await journal.unfinished()).some((e) => e.asset === asset)) {
      throw new UserError(
        'order-pending',
        `An earlier ${asset} order is still being checked with Binance.`,
        'Wait a few seconds: the extension settles it by itself; then review the hedge again.',
      );
    }
  }

  async function run(preview: Preview): Promise<HedgeResult> {
    const clientOrderId = clientOrderIdFor(preview.id);
    const known = await journal.get(clientOrderId);
    if (known) return resultOf(known);
    await checkSettled(preview.asset);

    const lastOp = await session.get<number>(lastOpKey(preview.asset));
    if (lastOp !== undefined && lastOp > preview.expiresAt - PREVIEW_TTL_MS) {
      throw new UserError('preview-stale', `The ${preview.asset} hedge changed after this preview was made.`, 'Review the new numbers and confirm again.');
    }
    const { symbol } = preview.order;
    try {
      if (preview.changes.marginType) {
        deps.progress(preview.id, 'setting-margin-type');
        await exchange.setMarginType(symbol, preview.changes.marginType.to as 'CROSSED' | 'ISOLATED').catch((err: unknown) => {
          if (codeOf(err) !== -4046) throw err; // -4046: already so
        });
      }
      if (preview.changes.leverage) {
        deps.progress(preview.id, 'setting-leverage');
        await exchange.setLeverage(symbol, preview.changes.leverage.to);
      }
      let entry: JournalEntry = {
        clientOrderId,
        asset: preview.asset,
        intent: preview.intent,
        order: preview.order,
        status: 'pending',
        createdAt: now(),
        updatedAt: now(),
      };
      if (preview.transfer) {
        deps.progress(preview.id, 'transferring');
        const { tranId } = await exchange.transfer('MAIN_UMFUTURE', 'USDT', preview.transfer);
        entry.transfer = { amount: preview.transfer, tranId };
      }
      inflight.add(clientOrderId);
      entry.sentAt = now();
      await journal.put(entry);
      await session.set(lastOpKey(preview.asset), now());
      deps.progress(preview.id, 'placing');
      let filled: FuturesOrder;
      try {
        filled = await place(entry, preview.id);
      } catch (err) {
        const user = asUserError(err);
        if (user.info.code !== 'order-unknown') await save(entry, { status: 'failed', error: user.info });
        throw user;
      } finally {
        inflight.delete(clientOrderId);
      }
      entry = await save(entry, outcome(filled));
      if (entry.status === 'failed') {
        throw new UserError('order-not-filled', `Binance accepted the order but did not fill it (status ${filled.status}).`, 'Check the market and try again.');
      }
      deps.progress(preview.id, 'verifying');
      // The verification must read the position anew, not the cache from before the order.
      deps.market.invalidateLive(symbol);
      return await resultOf(entry);
    } finally {
      deps.market.invalidateLive(symbol);
    }
  }

  async function resultOf(entry: JournalEntry): Promise<HedgeResult> {
    if (entry.status !== 'filled' || entry.orderId === undefined) {
      throw new UserError('already-sent', 'This preview was already sent to Binance.', 'Review the hedge again before another order.');
    }
    // The fill is what the user must hear about; a failed re-read must not turn it into an error.
    let view: AssetView | null = null;
    let note = '';
    try {
      view = await deps.viewOf(entry.asset);
    } catch (err) {
      note = ` The hedge could not be re-read just now (${asUserError(err).info.message}); it updates on the next refresh.`;
    }
    return {
      clientOrderId: entry.clientOrderId,
      orderId: entry.orderId,
      executedQty: entry.executedQty ?? '0',
      avgPrice: entry.avgPrice ?? '0',
      view,
      message: describe(entry, view) + note,
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
      await session.set(previewKey(preview.id), preview);
      return preview;
    },

    execute(previewId: string): Promise<HedgeResult> {
      const already = running.get(previewId);
      if (already) return already;
      const job = (async () => {
        const preview = await session.get<Preview>(previewKey(previewId));
        if (!preview || preview.expiresAt < now()) {
          const known = await journal.get(clientOrderIdFor(previewId));
          if (known) return resultOf(known);
          throw new UserError('preview-expired', 'This preview has expired; prices may have moved.', 'Review the hedge again and confirm.');
        }
        return exclusive(preview.asset, () => run(preview));
      })().finally(() => {
        running.delete(previewId);
        void session.remove(previewKey(previewId));
      });
      running.set(previewId, job);
      return job;
    },

    /**
     * Settles journal entries left unfinished by a stopped worker; never sends an order. An entry
     * Binance has no order for is settled as never placed only once Binance could no longer accept
     * it (recvWindow past its last send). Returns the assets of the entries it settled and how
     * many are still open.
     */
    async reconcile(): Promise<{ settled: string[]; open: number }> {
      const settled: string[] = [];
      let open = 0;
      for (const entry of await journal.unfinished()) {
        if (inflight.has(entry.clientOrderId)) continue;
        let found: FuturesOrder | null;
        try {
          found = await exchange.getOrder(entry.order.symbol, entry.clientOrderId);
        } catch {
          open++; // Binance unreachable: try again on the next start or alarm
          continue;
        }
        if (found) {
          await save(entry, outcome(found));
        } else if (now() >= finalAfter(entry.sentAt ?? entry.updatedAt)) {
          await save(entry, {
            status: 'failed',
            error: { code: 'never-placed', message: 'The extension stopped before Binance received this order; nothing was placed.' },
          });
        } else {
          open++; // the request may still reach Binance: ask again later
          continue;
        }
        deps.market.invalidateLive(entry.order.symbol);
        settled.push(entry.asset);
      }
      return { settled, open };
    },
  };
}

export type Executor = ReturnType<typeof createExecutor>;
