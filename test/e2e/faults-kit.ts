/**
 * The fault-injection suite's bookkeeping: operations sent the way the extension's own pages send
 * them, the journal read from the extension's IndexedDB, the simulator's orders, and one row per
 * fault: orders, duplicates, journal entries, losses, and what the user was shown.
 */
import type { Page } from 'playwright-core';
import type { World } from './setup';

export interface ErrorShown {
  code: string;
  message: string;
  action?: string;
}

/** What one operation ended as, for the user; `id` is its order's client order id when known. */
export type Shown = ({ kind: 'done'; text: string } | { kind: 'failed'; error: ErrorShown } | { kind: 'pending'; error: ErrorShown }) & { id?: string };

const UNFINISHED = new Set(['pending', 'sent', 'unknown']);

/** Codes that say "the outcome is not known yet": the extension must settle these by itself. */
const PENDING = new Set(['order-unknown', 'unreachable']);

export function shownOf(reply: { ok: true; message: string } | { ok: false; error: ErrorShown }, id?: string): Shown {
  const shown: Shown = reply.ok ? { kind: 'done', text: reply.message } : PENDING.has(reply.error.code) ? { kind: 'pending', error: reply.error } : { kind: 'failed', error: reply.error };
  if (id) shown.id = id;
  return shown;
}

type Envelope = { ok: true; data: any } | { ok: false; error: ErrorShown };

/** A request as an extension page sends it; a stopped worker shows as the page's own 'unreachable'. */
export async function ask(page: Page, message: Record<string, unknown>): Promise<Envelope> {
  try {
    return await page.evaluate(async (m) => {
      try {
        return await chrome.runtime.sendMessage(m);
      } catch {
        return { ok: false, error: { code: 'unreachable', message: 'The extension stopped while this order was being placed.' } };
      }
    }, message);
  } catch {
    return { ok: false, error: { code: 'unreachable', message: 'The browser closed while this order was being placed.' } };
  }
}

/** Waits, as a user checking the status would, until no journal entry is open. */
export async function settled(page: Page, timeoutMs = 20_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await page.waitForTimeout(250)) {
    if (!(await readJournal(page)).some((e) => UNFINISHED.has(e.status))) return;
  }
}

export async function preview(page: Page, asset: string, intent: 'hedge' | 'close'): Promise<{ id: string } | { error: ErrorShown }> {
  const r = await ask(page, { type: 'hedge/preview', asset, intent });
  return r.ok ? { id: r.data.id as string } : { error: r.error };
}

export async function execute(page: Page, previewId: string): Promise<Shown> {
  const r = await ask(page, { type: 'hedge/execute', previewId });
  return shownOf(r.ok ? { ok: true, message: r.data.message } : r, `sh-${previewId}`);
}

export interface JournalRow {
  clientOrderId: string;
  asset: string;
  status: string;
  createdAt: number;
  executedQty?: string;
}

/** The journal straight from IndexedDB (extension pages share the worker's origin). */
export function readJournal(page: Page): Promise<JournalRow[]> {
  return page.evaluate(
    () =>
      new Promise<JournalRow[]>((resolve, reject) => {
        const open = indexedDB.open('spot-hedge');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('journal')) return resolve([]);
          const q = db.transaction('journal').objectStore('journal').getAll();
          q.onsuccess = () => resolve(q.result as JournalRow[]);
          q.onerror = () => reject(q.error);
        };
      }),
  );
}

export interface Row {
  fault: string;
  ops: number;
  orders: number;
  duplicates: number;
  journal: number;
  lost: number;
  done: number;
  failed: number;
  reconciled: number;
  unresolved: number;
  /** The distinct messages the user saw for failures. */
  messages: string[];
}

/**
 * Waits until the journal entries made since `since` are settled (the extension reconciles by
 * itself), then compares them with the simulator's orders and the user's outcomes.
 */
export async function tally(w: World, page: () => Page, fault: string, since: number, ordersBefore: number, shown: Shown[], settleMs = 30_000): Promise<Row> {
  let journal: JournalRow[] = [];
  for (const until = Date.now() + settleMs; ; ) {
    journal = (await readJournal(page())).filter((e) => e.createdAt >= since);
    if (!journal.some((e) => UNFINISHED.has(e.status)) || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return rowOf(fault, journal, (await w.orders()).slice(ordersBefore), shown);
}

/** One row from the journal entries and the simulator's orders of one batch. */
export function rowOf(fault: string, journal: JournalRow[], simOrders: { clientOrderId: string }[], shown: Shown[]): Row {
  const orders = simOrders.filter((o) => o.clientOrderId.startsWith('sh-'));
  const perId = new Map<string, number>();
  for (const o of orders) perId.set(o.clientOrderId, (perId.get(o.clientOrderId) ?? 0) + 1);
  const duplicates = [...perId.values()].reduce((s, n) => s + n - 1, 0);
  const byId = new Map(journal.map((e) => [e.clientOrderId, e]));
  // Lost: an order the journal does not know, an entry still open, or one that says otherwise than Binance.
  let lost = orders.filter((o) => !byId.has(o.clientOrderId)).length;
  for (const e of journal) {
    const placed = perId.has(e.clientOrderId);
    if (UNFINISHED.has(e.status) || (e.status === 'filled') !== placed) lost++;
  }
  // "Not known yet" must end settled: its entry settled, or no entry and no order (never sent).
  const pending = shown.filter((s) => s.kind === 'pending');
  const reconciled = pending.filter((s) => {
    if (!s.id) return false;
    const entry = byId.get(s.id);
    return entry ? !UNFINISHED.has(entry.status) : !perId.has(s.id);
  }).length;
  return {
    fault,
    ops: shown.length,
    orders: orders.length,
    duplicates,
    journal: journal.length,
    lost,
    done: shown.filter((s) => s.kind === 'done').length,
    failed: shown.filter((s) => s.kind === 'failed' && s.error.message.length > 0).length,
    reconciled,
    // A failure without words, or one told about an order that did fill, leaves the user misinformed.
    unresolved: pending.length - reconciled + shown.filter((s) => s.kind === 'failed' && (!s.error.message || (s.id !== undefined && perId.has(s.id)))).length,
    messages: [...new Set(shown.flatMap((s) => (s.kind === 'done' ? [] : [s.error.message])))],
  };
}

export function table(rows: Row[]): string {
  const head = ['fault', 'ops', 'orders', 'dup', 'journal', 'lost', 'done', 'failed', 'reconciled', 'unresolved'];
  const body = rows.map((r) => [r.fault, r.ops, r.orders, r.duplicates, r.journal, r.lost, r.done, r.failed, r.reconciled, r.unresolved].map(String));
  const total = ['TOTAL', ...head.slice(1).map((h) => String(rows.reduce((s, r) => s + (r[keyOf(h)] as number), 0)))];
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const messages = rows.flatMap((r) => r.messages.map((m) => `  ${r.fault}: ${m}`));
  return [line(head), ...body.map(line), line(total), '', 'What failed operations told the user:', ...messages].join('\n');
}

function keyOf(h: string): keyof Row {
  return (({ dup: 'duplicates' }) as Record<string, keyof Row>)[h] ?? (h as keyof Row);
}
