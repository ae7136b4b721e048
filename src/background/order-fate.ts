/**
 * What became of an order, asked of Binance by its client order id. Binance's rules decide when an
 * answer is final: a status in FINAL is; "no such order" is only once the request's recvWindow has
 * passed (Binance can no longer accept it), and never for an order Binance acknowledged. A failure
 * to ask leaves the fate unknown: never "failed".
 */
import type { Exchange, FuturesOrder, OrderAck } from '../binance/exchange';
import type { JournalEntry } from './store';

/** Statuses after which an order changes no more. */
const FINAL = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'EXPIRED_IN_MATCH']);
/** Waits before each query about an order whose fate is unknown. */
const LOOKUP_WAITS_MS = [500, 1500, 3000];
/** Margin on recvWindow for the server-time offset's error. */
const WINDOW_MARGIN_MS = 1000;

/** Final, with the fill known: what the journal and the user need. */
export const isSettled = (o: OrderAck): o is FuturesOrder =>
  o.status !== undefined && FINAL.has(o.status) && o.executedQty !== undefined && (Number(o.executedQty) === 0 || o.avgPrice !== undefined);

/** What the journal keeps of a settled order; one that filled nothing counts as failed. */
export const outcome = (o: FuturesOrder): Partial<JournalEntry> => ({
  status: Number(o.executedQty) > 0 ? 'filled' : 'failed',
  orderId: o.orderId,
  executedQty: o.executedQty,
  ...(o.avgPrice !== undefined ? { avgPrice: o.avgPrice } : {}),
});

/** From then on "Binance has no such order" is final: the request can no longer be accepted. */
export const finalAfter = (sentAt: number, recvWindowMs: number): number => sentAt + recvWindowMs + WINDOW_MARGIN_MS;

export type Fate = { kind: 'settled'; order: FuturesOrder } | { kind: 'absent' } | { kind: 'unknown' };

export interface AskDeps {
  exchange: Pick<Exchange, 'getOrder'>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  recvWindowMs: number;
}

/**
 * Asks until the order is settled, or (never for an `accepted` one) until Binance can say it has
 * none; 'unknown' when Binance would not say in time.
 */
export async function askFate(deps: AskDeps, symbol: string, clientOrderId: string, sentAt: number, accepted: boolean): Promise<Fate> {
  const ask = () => deps.exchange.getOrder(symbol, clientOrderId).catch(() => 'unknown' as const);
  const final = finalAfter(sentAt, deps.recvWindowMs);
  let last: FuturesOrder | null | 'unknown' = 'unknown';
  for (const wait of LOOKUP_WAITS_MS) {
    await deps.sleep(wait);
    last = await ask();
    if (last !== null && last !== 'unknown' && isSettled(last)) return { kind: 'settled', order: last };
    if (last === null && !accepted && deps.now() >= final) return { kind: 'absent' };
  }
  if (last !== null || accepted) return { kind: 'unknown' };
  // Absent so far, but the request could still arrive: wait out its recvWindow and ask once more.
  await deps.sleep(Math.max(0, final - deps.now()));
  last = await ask();
  if (last === null) return { kind: 'absent' };
  return last !== 'unknown' && isSettled(last) ? { kind: 'settled', order: last } : { kind: 'unknown' };
}
