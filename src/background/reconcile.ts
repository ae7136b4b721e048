/**
 * Settles journal entries a stopped worker, an unclear answer or an unread fill left open; never
 * sends an order. An entry Binance has no order for is settled as never placed only once Binance
 * could no longer accept it (recvWindow past its last send), and never when Binance acknowledged
 * it: such an order is asked about until Binance reports it (it keeps unfilled cancelled orders for
 * 3 days, filled ones for 90). The user-data stream settles entries too, as their fills arrive.
 */
import { words } from '../core';
import type { Exchange, FuturesOrder } from '../binance/exchange';
import type { Market } from './market';
import { finalAfter, isSettled, outcome } from './order-fate';
import { UNFINISHED, type Journal, type JournalEntry } from './store';

/** After this, an acknowledged order Binance no longer lists was cancelled or expired unfilled. */
const UNFILLED_KEPT_MS = 3 * 86_400_000;

export interface ReconcileDeps {
  exchange: Pick<Exchange, 'getOrder'>;
  /** Where COIN-M entries are asked about; none where the environment has no COIN-M (they stay open). */
  coinm: Pick<Exchange, 'getOrder'> | null;
  market: Pick<Market, 'invalidateLive'>;
  journal: Journal;
  now: () => number;
  recvWindowMs: number;
  /** Client order ids being placed by this worker right now: left alone. */
  inflight: Set<string>;
}

/** ORDER_TRADE_UPDATE's order, in the stream's short names. */
export interface OrderUpdate {
  s: string;
  c: string;
  i: number;
  X: string;
  z: string;
  ap: string;
}

export function reconciler(deps: ReconcileDeps) {
  const { journal, now } = deps;

  async function settle(entry: JournalEntry, order: FuturesOrder): Promise<void> {
    await journal.put({ ...entry, ...outcome(order), updatedAt: now() });
    deps.market.invalidateLive(entry.order.symbol);
  }

  return {
    /** Returns the assets of the entries it settled and how many are still open. */
    async reconcile(): Promise<{ settled: string[]; open: number }> {
      const settled: string[] = [];
      let open = 0;
      for (const entry of await journal.unfinished()) {
        if (deps.inflight.has(entry.clientOrderId)) continue;
        let found: FuturesOrder | null;
        // An entry is asked about where its order went: a COIN-M order is unknown to USDⓈ-M.
        const venue = entry.family === 'coinm' ? deps.coinm : deps.exchange;
        try {
          if (!venue) throw new Error('no COIN-M here');
          found = await venue.getOrder(entry.order.symbol, entry.clientOrderId);
        } catch {
          open++; // Binance unreachable: try again on the next start or alarm
          continue;
        }
        const sentAt = entry.sentAt ?? entry.updatedAt;
        if (found && isSettled(found)) {
          await settle(entry, found);
        } else if (found) {
          open++; // still working at Binance: ask again
          continue;
        } else if (entry.status === 'accepted' ? now() >= sentAt + UNFILLED_KEPT_MS : now() >= finalAfter(sentAt, deps.recvWindowMs)) {
          const message = words(entry.status === 'accepted' ? 'errNeverFilled' : 'errNeverPlaced');
          await journal.put({ ...entry, status: 'failed', error: { code: 'never-placed', message }, updatedAt: now() });
          deps.market.invalidateLive(entry.order.symbol);
        } else {
          open++; // the request may still reach Binance, or Binance has not listed it yet: ask later
          continue;
        }
        settled.push(entry.asset);
      }
      return { settled, open };
    },

    /** A fill on the user-data stream settles its entry without a query; returns its asset if it did. */
    async fromStream(o: OrderUpdate): Promise<string | null> {
      const entry = await journal.get(o.c);
      if (!entry || !UNFINISHED.includes(entry.status)) return null;
      const order = { orderId: o.i, symbol: o.s, clientOrderId: o.c, status: o.X, executedQty: o.z, avgPrice: o.ap };
      if (!isSettled(order) || deps.inflight.has(o.c)) return null;
      await settle(entry, order);
      return entry.asset;
    },
  };
}

export type Reconciler = ReturnType<typeof reconciler>;
