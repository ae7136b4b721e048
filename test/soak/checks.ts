/**
 * The soak's invariants, checked as the days pass: after every minute alarm (warnings, freshness,
 * the hedges the user just acted on, the badge), on every published dashboard and notification
 * (episodes), after every order (one per client order id, no short beyond the coins), whenever the
 * income history is synced (funding to the cent), and at each day's end (journal against Binance's
 * orders, chart points' retention, the heap).
 */
import Big from 'big.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { POINT_KEEP_MS } from '../../src/background/store';
import type { Dashboard, WarningView } from '../../src/shared/hedge-types';
import { ITEMS } from '../../src/shared/storage';
import type { Account } from '../sim/account';
import type { Sim } from '../sim/server';
import type { SimClock } from './clock';
import { Ledger, when } from './ledger';
import { MODELLED, earnOf, expect, exposureOf, usdtPerp, type EarnReading } from './oracle';
import type { Product } from './product';
import { MINUTE } from './world';

const EARN_PATHS = new Set(['/sapi/v1/simple-earn/flexible/position', '/sapi/v1/simple-earn/locked/position']);
const cents = (x: Big): string => x.round(2, Big.roundHalfUp).toFixed(2);
const MB = 1024 * 1024;
/** V8's gc(), reached without node's --expose-gc flag (vitest's workers do not have it). */
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

export interface Act {
  asset: string;
  minute: number;
  clientOrderId: string;
  /** The preview hedged only part of the coins (too little USDT): not expected on target. */
  partial: boolean;
}

/** What happened besides the invariants: the world's events, the product's answers, the faults that fired. */
export class Observed {
  counts = new Map<string, number>();
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

export class Checks {
  readonly ledger = new Ledger();
  readonly seen = new Observed();
  private last: { d: Dashboard; t: number } | null = null;
  /** Critical warnings open now: id → its episode's start and notifications. */
  private episodes = new Map<string, { from: number; notified: number }>();
  /** Earn balances after each change, newest last (pruned to what the product could still hold). */
  private earnHistory: { t: number; earn: EarnReading }[] = [];
  /** When the product last read Simple Earn successfully (the reading its dashboard uses). */
  private earnReadAt = 0;
  private scanned = 0;
  private lastSynced = 0;
  private staleSince: number | null = null;
  private badge = '';
  private pendingActs: Act[] = [];
  readonly heap: { day: number; mb: number }[] = [];
  /** The minute being checked (set by the run loop), for breaks found in hooks. */
  minute = 0;
  /** SOAK_DEBUG=1: what happened, line by line. */
  debug: (line: string) => void = () => undefined;

  constructor(
    private readonly sim: Sim,
    private readonly account: Account,
    private readonly product: () => Product,
    private readonly clock: SimClock,
  ) {
    this.earnChanged();
  }

  // --- hooks ---------------------------------------------------------------------------------

  onPublish(d: Dashboard, _t: number): void {
    this.last = { d, t: d.updatedAt };
    const critical = new Set(d.warnings.filter((w) => w.severity === 'critical').map((w) => w.id));
    for (const id of critical) if (!this.episodes.has(id)) this.episodes.set(id, { from: this.minute, notified: 0 });
    for (const [id, e] of this.episodes) {
      if (critical.has(id)) continue;
      this.episodes.delete(id);
      this.ledger.check('notifiedOnce', e.notified === 1, this.minute, () => `${id}: critical from ${when(e.from)} to ${when(this.minute)}, notified ${e.notified} times`);
    }
  }

  onNotify(w: WarningView, _t: number): void {
    if (w.kind === 'top-up' || w.kind === 'guard') return void this.seen.add(`notified ${w.kind}`);
    this.seen.add('notified warning');
    const e = this.episodes.get(w.id);
    if (!e) {
      this.ledger.check('notifiedOnce', false, this.minute, () => `${w.id} (${w.severity}) notified with no critical episode open`);
      return;
    }
    e.notified++;
    if (e.notified > 1) this.ledger.check('notifiedOnce', false, this.minute, () => `${w.id}: notified ${e.notified} times in the episode from ${when(e.from)}`);
  }

  onBadge(text: string): void {
    this.badge = text;
  }

  /** The world moved coins in or out of Earn (or sold them from there). */
  earnChanged(): void {
    this.earnHistory.push({ t: this.clock.now(), earn: earnOf(this.account) });
  }

  acted(act: Act): void {
    this.pendingActs.push(act);
  }

  // --- the request log -------------------------------------------------------------------------

  /** Reads the simulator's request log since the last scan (faults that fired, Earn reads), then empties it. */
  scanRequests(): void {
    const log = this.sim.requests;
    for (let i = this.scanned; i < log.length; i++) {
      const r = log[i]!;
      if (r.fault) this.seen.add(`fault fired: ${r.fault} ${r.method} ${r.path}`);
      if (r.status === 418) this.seen.add('418 (IP ban)');
      if (r.status >= 400 && r.code !== -1021) this.debug(`${r.status}${r.code ? ` ${r.code}` : ''}${r.fault ? ` (fault ${r.fault})` : ''} on ${r.method} ${r.path} at ${new Date(r.t).toISOString().slice(11, 19)}`);
      if (r.code === -1021) {
        this.seen.add('-1021 timestamp refusals (the client re-synced its clock and retried)');
        this.debug(`-1021 on ${r.method} ${r.path} at ${new Date(r.t).toISOString()}`);
      }
      if (EARN_PATHS.has(r.path) && r.status === 200 && !r.fault && r.t > this.earnReadAt) this.earnReadAt = r.t;
      if (r.method === 'POST' && r.path === '/fapi/v1/order') this.seen.add('order requests');
      this.seen.add('requests');
    }
    // The log is the simulator's, not the product's: emptied so it does not grow the heap measured.
    log.length = 0;
    this.scanned = 0;
  }

  private earnAsRead(): EarnReading {
    let reading = this.earnHistory[0]!.earn;
    for (const h of this.earnHistory) if (h.t <= this.earnReadAt) reading = h.earn;
    // Keep the reading in force at the last Earn read and everything after it.
    const keepFrom = this.earnHistory.findLastIndex((h) => h.t <= this.earnReadAt);
    if (keepFrom > 0) this.earnHistory.splice(0, keepFrom);
    return reading;
  }

  // --- after each minute alarm -----------------------------------------------------------------

  async afterMinute(m: number, alarmAt: number): Promise<void> {
    this.minute = m;
    this.scanRequests();
    const d = this.last?.d;
    const fresh = d !== undefined && d.updatedAt >= alarmAt;
    if (fresh) this.staleSince = null;
    else this.staleSince ??= m;
    const gap = this.staleSince === null ? 0 : m - this.staleSince + 1;
    this.ledger.check('fresh', gap <= 5, m, () => `no dashboard published since ${when(this.staleSince!)} (${gap} alarms)`);
    if (!fresh) {
      this.seen.add('alarms without a fresh dashboard');
      this.seen.add('act checks skipped (no fresh dashboard)', this.pendingActs.splice(0).length);
      return;
    }

    // Warnings: what the product shows against what the simulator's state calls for.
    const unreadable = d.warnings.some((w) => w.kind === 'unreadable');
    const asRead = expect(this.sim.engine, this.account, this.earnAsRead());
    const truth = expect(this.sim.engine, this.account);
    if (unreadable) this.seen.add('alarms with an unreadable wallet or list');
    else {
      const shown = new Map(d.warnings.filter((w) => MODELLED.has(w.kind) && w.severity !== 'info').map((w) => [w.id, w.severity]));
      const skip = (id: string) => asRead.unmodelled.some((a) => id.endsWith(`:${a}`));
      const diff: string[] = [];
      for (const [id, sev] of asRead.warnings) if (!skip(id) && shown.get(id) !== sev) diff.push(`missing ${id} (${sev})${shown.has(id) ? ` shown as ${shown.get(id)}` : ''}`);
      for (const [id, sev] of shown) if (!skip(id) && !asRead.warnings.has(id)) diff.push(`shown ${id} (${sev}) without its condition`);
      this.ledger.check('warnings', diff.length === 0, m, () => diff.join('; '));
      if (asRead.unmodelled.length) this.seen.add('alarms with an unmodelled hedge (COIN-M or other quote)');
      const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
      if (!same(asRead.warnings, truth.warnings)) {
        this.seen.add('alarms warning from an Earn reading up to 5 min old');
        if (!this.seen.counts.has('first Earn-late minute')) this.seen.counts.set('first Earn-late minute', m);
      }
      // The badge counts warn and critical warnings.
      const serious = d.warnings.filter((w) => w.severity !== 'info').length;
      if (this.badge !== (serious ? String(serious) : '')) this.seen.add('badge disagreeing with the dashboard after the alarm');
    }

    // Every hedge the user acted on in the minute before is on target now (unless only part could be funded).
    for (const act of this.pendingActs.splice(0)) {
      if (act.partial) {
        this.seen.add('acts partial (USDT short)');
        continue;
      }
      const real = truth.assets.get(act.asset);
      const view = d.assets.find((a) => a.asset === act.asset);
      const ok = (real === undefined || real.status === 'hedged' || real.status === 'below-min') && (view === undefined || view.status === 'hedged' || view.status === 'below-min');
      this.ledger.check('backInTolerance', ok, m, () =>
        `${act.asset} after ${act.clientOrderId} at ${when(act.minute)}: Binance ${real ? `${real.status} (coins ${real.exposure.toFixed()}, short ${real.hedge.toFixed()})` : 'no position'}, the product says ${view?.status ?? 'nothing'} (exposure ${view?.exposure}, hedge ${view?.hedge})`,
      );
    }
    await this.checkIncome(m);
  }

  // --- after each order ------------------------------------------------------------------------

  /** The short on `asset`'s USDT perpetual, in coins. */
  shortOf(asset: string): Big {
    const k = usdtPerp(asset)!;
    const pos = [...this.account.positions.values()].filter((p) => p.symbol === k.symbol).reduce((s, p) => s.plus(p.amt), new Big(0));
    return pos.lt(0) ? pos.abs().times(k.multiplier) : new Big(0);
  }

  /**
   * After an execute: one order per client order id, and the short no larger than the coins when
   * the order was done or grew the short. A refused reduction leaves the short the user's sale left
   * above the coins, which is not the order's doing.
   */
  async afterOrder(m: number, asset: string, clientOrderId: string, done: boolean, shortBefore: Big): Promise<void> {
    const orders = (await (await fetch(`${this.sim.url}/__sim/orders`)).json()) as { clientOrderId: string }[];
    const same = orders.filter((o) => o.clientOrderId === clientOrderId).length;
    this.ledger.check('uniqueOrders', same <= 1, m, () => `${same} orders with client order id ${clientOrderId}`);
    const k = usdtPerp(asset)!;
    const short = this.shortOf(asset);
    if (!done && short.lte(shortBefore)) return void this.seen.add('short checks skipped (a refused order left the short as it was)');
    const coins = exposureOf(this.account, asset);
    // Orders are whole contract steps: a short may stand above the coins by less than one step
    // (the plan rounds every order down, a reduction too), never by a step or more.
    const step = new Big(k.stepSize).times(k.multiplier);
    this.ledger.check('shortWithinCoins', short.minus(coins).lt(step), m, () => `${asset}: short ${short.toFixed()} coins against ${coins.toFixed()} held (a step is ${step.toFixed()}), after ${clientOrderId}`);
    if (short.gt(coins) && short.minus(coins).lt(step)) {
      this.seen.add('shorts left above the coins by less than a step');
      if (!this.seen.counts.has('first short above the coins')) this.seen.counts.set('first short above the coins', m);
    }
  }

  // --- income ----------------------------------------------------------------------------------

  /** Whenever the product synced its income history: its rows and funding sums against the simulator's. */
  async checkIncome(m: number, force = false): Promise<void> {
    const syncedAt = await this.product().item(ITEMS.incomeSyncedAt).get();
    if (!force && (syncedAt === this.lastSynced || syncedAt === 0)) return;
    this.lastSynced = syncedAt;
    const upTo = force ? this.clock.now() + 1 : syncedAt;
    const { income } = await this.product().stores();
    const mine = (await income.all()).filter((r) => r.time < upTo);
    const theirs = this.account.income.filter((r) => r.time < upTo);
    const sums = (rows: { symbol: string; incomeType: string; income: string }[]) => {
      const out = new Map<string, Big>();
      for (const r of rows) if (r.incomeType === 'FUNDING_FEE') out.set(r.symbol, (out.get(r.symbol) ?? new Big(0)).plus(r.income));
      return out;
    };
    const a = sums(mine);
    const b = sums(theirs);
    const diff: string[] = [];
    for (const symbol of new Set([...a.keys(), ...b.keys()])) {
      const x = cents(a.get(symbol) ?? new Big(0));
      const y = cents(b.get(symbol) ?? new Big(0));
      if (x !== y) diff.push(`${symbol} funding ${x} in the history, ${y} at Binance`);
    }
    const ids = new Set(mine.map((r) => r.tranId));
    const missing = theirs.filter((r) => !ids.has(r.tranId));
    if (missing.length) diff.push(`${missing.length} rows missing (first: ${missing[0]!.incomeType} ${missing[0]!.symbol} ${missing[0]!.income} at ${new Date(missing[0]!.time).toISOString()})`);
    if (mine.length > theirs.length) diff.push(`${mine.length - theirs.length} rows Binance does not have`);
    this.ledger.check('income', diff.length === 0, m, () => diff.join('; '));
  }

  // --- day's end -------------------------------------------------------------------------------

  /** Journal entries against Binance's orders, chart points' retention, the heap after a GC. */
  async endOfDay(day: number, m: number): Promise<{ heapMb: number }> {
    this.scanRequests();
    await this.checkJournal(m);
    await this.checkPoints(m);
    return { heapMb: this.sampleHeap(day) };
  }

  /** The heap after a full collection, at `day` (fractions every 6 h). */
  sampleHeap(day: number): number {
    fullGc();
    fullGc();
    const mb = process.memoryUsage().heapUsed / MB;
    this.heap.push({ day, mb });
    return mb;
  }

  async checkJournal(m: number, final = false): Promise<void> {
    const orders = (await (await fetch(`${this.sim.url}/__sim/orders`)).json()) as { clientOrderId: string; orderId: number; status: string; executedQty: string; avgPrice: string }[];
    const byId = new Map<string, typeof orders>();
    for (const o of orders) byId.set(o.clientOrderId, [...(byId.get(o.clientOrderId) ?? []), o]);
    for (const [id, list] of byId) this.ledger.check('uniqueOrders', list.length === 1, m, () => `${list.length} orders with client order id ${id}`);
    const { journal } = await this.product().stores();
    const entries = await journal.recent(1_000_000);
    const journaled = new Set(entries.map((e) => e.clientOrderId));
    for (const e of entries) {
      const o = byId.get(e.clientOrderId)?.[0];
      if (e.status === 'filled') {
        this.ledger.check('journal', o !== undefined && o.status === 'FILLED' && o.orderId === e.orderId && new Big(o.executedQty).eq(e.executedQty ?? '0') && (e.avgPrice === undefined || new Big(o.avgPrice).eq(e.avgPrice)), m, () =>
          `${e.clientOrderId} journaled filled ${e.executedQty} at ${e.avgPrice} (order ${e.orderId}); Binance: ${o ? `${o.status} ${o.executedQty} at ${o.avgPrice} (order ${o.orderId})` : 'no such order'}`,
        );
      } else if (e.status === 'failed') {
        this.ledger.check('journal', o === undefined || new Big(o.executedQty).eq(0), m, () => `${e.clientOrderId} journaled failed (${e.error?.code}); Binance filled ${o!.executedQty}`);
      } else if (final || e.updatedAt < this.clock.now() - 10 * MINUTE) {
        this.ledger.check('journal', false, m, () => `${e.clientOrderId} still ${e.status} since ${new Date(e.updatedAt).toISOString()}${o ? `; Binance: ${o.status}` : '; Binance has no such order'}`);
      }
    }
    // Every order the extension placed (sh-…) has its entry.
    for (const [id] of byId) if (id.startsWith('sh-')) this.ledger.check('journal', journaled.has(id), m, () => `Binance has ${id}, the journal does not`);
    this.seen.counts.set('journal entries', entries.length);
    this.seen.counts.set('orders at Binance', orders.length);
  }

  private async checkPoints(m: number): Promise<void> {
    const { points } = await this.product().stores();
    const all = await points.all();
    if (all.length === 0) return;
    const newest = Math.max(...all.map((p) => p.time));
    const old = all.filter((p) => p.time <= newest - POINT_KEEP_MS);
    this.ledger.check('pruned', old.length === 0, m, () => `${old.length} points older than 90 days before the newest (oldest ${new Date(Math.min(...old.map((p) => p.time))).toISOString()})`);
    const recent = all.filter((p) => p.time > newest - 86_400_000).sort((a, b) => a.time - b.time);
    const close = recent.slice(1).filter((p, i) => p.time - recent[i]!.time < 5 * MINUTE).length;
    if (close) this.seen.add('chart points closer than 5 min', close);
    this.seen.counts.set('chart points kept', all.length);
  }

  /**
   * Flat: the least-squares slope of the samples (every 6 h) no steeper than `perDayMb` a day.
   * Within one day the collector's swings (a few MB) outweigh any trend, so a one-day run only samples.
   */
  checkHeap(m: number, perDayMb: number): void {
    if (this.heap.length < 2 || this.heap[this.heap.length - 1]!.day - this.heap[0]!.day < 1.5) {
      return this.ledger.note('heap', 'not judged: a trend needs two days or more (samples in the summary)');
    }
    const n = this.heap.length;
    const mx = this.heap.reduce((s, h) => s + h.day, 0) / n;
    const my = this.heap.reduce((s, h) => s + h.mb, 0) / n;
    const slope = this.heap.reduce((s, h) => s + (h.day - mx) * (h.mb - my), 0) / this.heap.reduce((s, h) => s + (h.day - mx) ** 2, 0);
    this.ledger.check('heap', slope <= perDayMb, m, () => `heap grew ${slope.toFixed(2)} MB a day (${this.heap.map((h) => `day ${h.day}: ${h.mb.toFixed(1)}`).join(', ')})`);
  }

  /** Episodes still open at the end: notified once. */
  closeEpisodes(m: number): void {
    for (const [id, e] of this.episodes) this.ledger.check('notifiedOnce', e.notified === 1, m, () => `${id}: critical since ${when(e.from)}, notified ${e.notified} times`);
  }
}
