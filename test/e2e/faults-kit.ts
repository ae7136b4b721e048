/**
 * The fault-injection suite's bookkeeping: operations sent the way the extension's own pages send
 * them (with the progress steps the views are shown), the journal read from the extension's
 * IndexedDB, the simulator's orders and request log, and one row per fault: how often the fault
 * fired, orders, duplicates, journal entries, losses, and what the user was shown. The table is
 * printed, and a full run writes it to docs/fault-table.md and into SECURITY.md and README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { RequestLog } from '../sim/server';
import type { World } from './setup';
import { said } from '../unit/chrome-i18n';

export interface ErrorShown {
  code: string;
  message: string;
  action?: string;
}

/**
 * What one operation ended as, for the user; `id` is its order's client order id when known, and
 * `steps` the progress steps the views were sent while it ran.
 */
export type Shown = ({ kind: 'done'; text: string } | { kind: 'failed'; error: ErrorShown } | { kind: 'pending'; error: ErrorShown }) & { id?: string; steps?: string[] };

const UNFINISHED = new Set(['pending', 'sent', 'unknown', 'accepted']);

/** Codes that say "the outcome is not known yet": the extension must settle these by itself. */
const PENDING = new Set(['order-unknown', 'order-accepted', 'unreachable']);

/** An error as the extension sent it (its words as message ids), in the English the user reads. */
type Sent = { code: string; message: unknown; action?: unknown };
const inEnglish = (e: Sent): ErrorShown => ({ code: e.code, message: said(e.message), ...(e.action ? { action: said(e.action) } : {}) });

export function shownOf(reply: { ok: true; message: unknown } | { ok: false; error: Sent }, id?: string): Shown {
  const shown: Shown = reply.ok
    ? { kind: 'done', text: said(reply.message) }
    : PENDING.has(reply.error.code)
      ? { kind: 'pending', error: inEnglish(reply.error) }
      : { kind: 'failed', error: inEnglish(reply.error) };
  if (id) shown.id = id;
  return shown;
}

type Envelope = { ok: true; data: any } | { ok: false; error: Sent };

const UNREACHABLE = { ok: false, error: { code: 'unreachable', message: 'The extension stopped while this order was being placed.' } } as const;

/** A request as an extension page sends it; a stopped worker shows as the page's own 'unreachable'. */
export async function ask(page: Page, message: Record<string, unknown>): Promise<Envelope> {
  return (await watch(page, message, null)).reply;
}

/**
 * Sends `message` from an extension page with the views' events port open, and collects the
 * progress steps sent for `previewId` meanwhile (the port's name is src/shared/channels.ts' EVENTS_PORT).
 */
async function watch(page: Page, message: Record<string, unknown>, previewId: string | null): Promise<{ reply: Envelope; steps: string[] }> {
  try {
    return await page.evaluate(
      async ({ m, id, unreachable }) => {
        const steps: string[] = [];
        let port: chrome.runtime.Port | undefined;
        try {
          if (id) {
            port = chrome.runtime.connect({ name: 'events' });
            port.onMessage.addListener((e: { type?: string; previewId?: string; step?: string }) => {
              if (e?.type === 'progress' && e.previewId === id && e.step) steps.push(e.step);
            });
            await chrome.runtime.sendMessage({ type: 'ping' }); // the port is registered before the request
          }
          return { reply: await chrome.runtime.sendMessage(m), steps };
        } catch {
          return { reply: unreachable, steps };
        } finally {
          try {
            port?.disconnect();
          } catch {
            // the worker stopped: the port is gone already
          }
        }
      },
      { m: message, id: previewId, unreachable: UNREACHABLE },
    );
  } catch {
    return { reply: { ok: false, error: { code: 'unreachable', message: 'The browser closed while this order was being placed.' } }, steps: [] };
  }
}

/** Waits, as a user checking the status would, until no journal entry (of `asset`, when named) is open. */
export async function settled(page: Page, asset?: string, timeoutMs = 20_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await page.waitForTimeout(250)) {
    if (!(await readJournal(page)).some((e) => UNFINISHED.has(e.status) && (!asset || e.asset === asset))) return;
  }
}

export async function preview(page: Page, asset: string, intent: 'hedge' | 'close'): Promise<{ id: string } | { error: ErrorShown }> {
  const r = await ask(page, { type: 'hedge/preview', asset, intent });
  return r.ok ? { id: r.data.id as string } : { error: inEnglish(r.error) };
}

/** The order's client order id for a preview (src/background/executor.ts' clientOrderIdFor). */
export const orderIdOf = (previewId: string): string => `sh-${previewId}`;

/** Confirms a preview; the result carries the progress steps the views were shown. */
export async function execute(page: Page, previewId: string): Promise<Shown> {
  const { reply, steps } = await watch(page, { type: 'hedge/execute', previewId }, previewId);
  return { ...shownOf(reply.ok ? { ok: true, message: reply.data.message } : reply, orderIdOf(previewId)), steps };
}

export interface JournalRow {
  clientOrderId: string;
  asset: string;
  status: string;
  createdAt: number;
  executedQty?: string;
  error?: { code: string };
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

/** One entry of the simulator's request log (GET /__sim/requests). */
export type SimRequest = RequestLog;

export const simRequests = (w: World): Promise<SimRequest[]> => fetch(`${w.sim.url}/__sim/requests`).then((r) => r.json() as Promise<SimRequest[]>);

export interface Row {
  fault: string;
  /** The steps the fault was armed for: preview, transfer, order, lookup, confirm, stream. */
  armed: string;
  ops: number;
  /** How often the fault hit (requests, refusals, clicks, stops, stream cuts): a fault row needs every operation hit. */
  fired: number;
  /** What `fired` counts for this row, in words. */
  firedBy: string;
  /** A control: the same operations with a fault too mild to matter; nothing may fire. */
  control?: boolean;
  orders: number;
  duplicates: number;
  journal: number;
  lost: number;
  done: number;
  failed: number;
  reconciled: number;
  unresolved: number;
  /** The distinct messages the user saw for failures and pending outcomes. */
  messages: string[];
  /** The first failed check, when the row failed. */
  failure?: string;
  /** When the row started: the table lists rows in this order (rows run at once finish in any order). */
  startedAt: number;
}

export type Counts = Omit<Row, 'armed' | 'fired' | 'firedBy' | 'control' | 'failure' | 'startedAt'>;

/**
 * Waits until the journal entries of `asset` made since `since` are settled (the extension
 * reconciles by itself), then compares them with the simulator's orders for the asset's symbol
 * and the user's outcomes. Rows running at once each have their own asset.
 */
export async function tally(w: World, page: () => Page, fault: string, asset: string, since: number, ordersBefore: number, shown: Shown[], settleMs = 30_000): Promise<Counts> {
  let journal: JournalRow[] = [];
  for (const until = Date.now() + settleMs; ; ) {
    journal = (await readJournal(page())).filter((e) => e.createdAt >= since && e.asset === asset);
    if (!journal.some((e) => UNFINISHED.has(e.status)) || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const orders = (await w.orders()).slice(ordersBefore).filter((o: { symbol: string }) => o.symbol === `${asset}USDT`);
  return rowOf(fault, journal, orders, shown);
}

/** One row's counts from the journal entries and the simulator's orders of one batch. */
export function rowOf(fault: string, journal: JournalRow[], simOrders: { clientOrderId: string }[], shown: Shown[]): Counts {
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

// ---- the table, printed and published -------------------------------------------------------

/** Each column's heading and field; the first two are text, the others counts. */
const COLUMNS = [
  ['fault', 'fault'], ['armed at', 'armed'], ['ops', 'ops'], ['fired', 'fired'], ['orders', 'orders'], ['dup', 'duplicates'],
  ['journal', 'journal'], ['lost', 'lost'], ['done', 'done'], ['failed', 'failed'], ['reconciled', 'reconciled'], ['unresolved', 'unresolved'],
] as const satisfies readonly (readonly [string, keyof Row])[];

const cells = (r: Row): string[] => COLUMNS.map(([, key]) => String(r[key]));

function totalOf(rows: Row[], name: string): string[] {
  return [name, '', ...COLUMNS.slice(2).map(([, key]) => String(rows.reduce((s, r) => s + Number(r[key]), 0)))];
}

function textTable(rows: Row[], name: string): string[] {
  const all = [COLUMNS.map(([h]) => h), ...rows.map(cells), totalOf(rows, name)];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

/** The console's table: fault rows, then controls, then what failed operations told the user. */
export function table(rows: Row[]): string {
  const faults = rows.filter((r) => !r.control);
  const controls = rows.filter((r) => r.control);
  const failures = rows.filter((r) => r.failure).map((r) => `  ${r.fault}: ${r.failure}`);
  return [
    ...textTable(faults, 'TOTAL'),
    '',
    'Controls (a fault too mild to matter: it must not fire):',
    ...textTable(controls, 'controls'),
    '',
    'What failed or pending operations told the user:',
    ...rows.flatMap((r) => r.messages.map((m) => `  ${r.fault}: ${m}`)),
    ...(failures.length ? ['', 'FAILED rows:', ...failures] : []),
  ].join('\n');
}

function markdownTable(rows: Row[], total: string): string[] {
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  return [line(COLUMNS.map(([h]) => h)), line(COLUMNS.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map((r) => line(cells(r))), line(totalOf(rows, `**${total}**`))];
}

export interface RunInfo {
  date: string;
  machine: string;
  browser: string;
  seconds: number;
}

/** docs/fault-table.md: the whole record of one full run. */
export function markdown(rows: Row[], run: RunInfo): string {
  const faults = rows.filter((r) => !r.control);
  const controls = rows.filter((r) => r.control);
  const failed = rows.filter((r) => r.failure);
  const sum = (k: 'duplicates' | 'lost' | 'unresolved') => faults.reduce((s, r) => s + r[k], 0);
  return [
    '<!-- Written by test/e2e/faults.e2e.ts at the end of every full run of that file; do not edit by hand. -->',
    '# The fault-injection table',
    '',
    `Run of ${run.date} (${run.machine}, ${run.browser}, ${run.seconds} s): ${faults.length} faults, ` +
      `${faults.reduce((s, r) => s + r.ops, 0)} operations${failed.length ? '' : ', every one hit by its fault'}; ` +
      `${sum('duplicates')} duplicates, ${sum('lost')} lost, ${sum('unresolved')} unresolved. ` +
      (failed.length ? `**${failed.length} rows FAILED:** ${failed.map((r) => `${r.fault} (${r.failure})`).join('; ')}.` : 'Every row passed.'),
    '',
    ...markdownTable(faults, 'total'),
    '',
    'Controls: the same operations with a fault too mild to matter. Nothing may fire (*fired* must be 0) and every operation must succeed.',
    '',
    ...markdownTable(controls, 'controls'),
    '',
    'What *fired* counts, row by row (a fault row fails if any of its operations was not hit):',
    '',
    ...rows.map((r) => `- ${r.fault}: ${r.firedBy}`),
    '',
    'What failed or pending operations told the user:',
    '',
    ...rows.flatMap((r) => r.messages.map((m) => `- ${r.fault}: ${m}`)),
    '',
  ].join('\n');
}

/** The one-line summary README.md carries. */
export function summary(rows: Row[], run: RunInfo): string {
  const faults = rows.filter((r) => !r.control);
  const n = (k: 'ops' | 'fired' | 'duplicates' | 'lost' | 'unresolved') => faults.reduce((s, r) => s + r[k], 0);
  const failed = rows.filter((r) => r.failure).length;
  return (
    `Last run (${run.date}): ${faults.length} faults, ${n('ops')} operations, fired ${n('fired')} times, ` +
    `${n('duplicates')} duplicates, ${n('lost')} lost, ${n('unresolved')} unresolved` +
    (failed ? `, **${failed} rows failed**` : '') +
    ' — the table: [docs/fault-table.md](docs/fault-table.md).'
  );
}

/** Replaces what stands between `<!-- fault-table -->` and `<!-- /fault-table -->` in `file`. */
export function replaceBlock(file: string, content: string): void {
  const text = readFileSync(file, 'utf8');
  const block = /(<!-- fault-table -->\n)[\s\S]*?(\n<!-- \/fault-table -->)/;
  if (!block.test(text)) throw new Error(`${file} has no <!-- fault-table --> block`);
  writeFileSync(file, text.replace(block, (_, open: string, close: string) => `${open}${content}${close}`));
}
