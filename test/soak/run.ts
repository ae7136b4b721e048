/**
 * The soak: the simulator's clock runs N days while the background lives through them. Every
 * simulated minute, in this order:
 *   :00  funding falls due and settles at each symbol's nextFundingTime; the next period's rate is set
 *   :10  the minute alarm (watch.minute, as worker.ts calls it), then the per-minute invariants
 *   :20  the world: marks, jumps, the user's trades and Earn moves, faults, stream troubles, worker stops
 *   :30  sometimes the user opens the side panel and acts on what the panel offers
 * The product's own waits (weight budget, order lookups) pass in simulated time.
 */
import Big from 'big.js';
import { clientOrderIdFor } from '../../src/background/executor';
import type { ChartPoint } from '../../src/background/store';
import type { Dashboard } from '../../src/shared/hedge-types';
import type { Fault } from '../sim/faults';
import { startSimulator } from '../sim/server';
import { Checks } from './checks';
import { simClock } from './clock';
import { when } from './ledger';
import { PASSPHRASE, ReplyError, productOnSim, type Product } from './product';
import { rng, type Rng } from './rng';
import { DAY_MINUTES, MINUTE, SYMBOLS, World, account, type WorldEvent } from './world';

/** The first simulated minute: a Monday, 00:00 UTC. */
export const START = Date.UTC(2026, 2, 2);
const DAY = 86_400_000;
/** The heap may grow this much a day (the journal, income rows and chart points the days add are far less). */
const HEAP_MB_PER_DAY = 3;

export interface SoakOptions {
  days: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  seed: number;
  days: number;
  wallMs: number;
  dayWallMs: number[];
  broken: boolean;
  table: string;
  summary: string[];
  breaks: string[];
}

/** What the product's refusals of a confirmed order mean, for the summary. */
const REFUSED: Record<string, string> = {
  'order-accepted': 'Binance took the order but its fill could not be read yet (a fault on its reply or on the lookups after it); the journal settles it by its client order id',
  'order-unknown': 'the order\'s fate could not be read (its lookups met faults too); the journal settles it later',
  'order-pending': 'an earlier order of the asset was still unsettled',
  'transfer-unknown': 'the margin transfer\'s fate could not be read; nothing was ordered',
  http429: 'a 429 on the way; the product pauses that host',
};

const ORDER_FAULTS: Fault['kind'][] = ['http5xx', 'http5xxAfterAccept', 'timeoutAfterAccept', 'unreadableAfterAccept', '429'];

export async function runSoak({ days, seed, log = () => undefined }: SoakOptions): Promise<SoakResult> {
  const wall0 = performance.now();
  const clock = simClock(START - 5 * MINUTE);
  clock.install();
  const sim = await startSimulator({ now: clock.now, accounts: [account()], faultsOff: false });
  const world = new World(seed, days);
  const acct = sim.engine.accounts.get(sim.apiKey)!;
  const control = (path: string, body: unknown) => fetch(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<unknown>);
  let product: Product | null = null;
  const checks = new Checks(sim, acct, () => product!, clock);
  const seen = checks.seen;
  let minute = 0;
  let streamsOn = false;
  let visitAt: number | null = null;
  let changedWhileWaiting: string[] = [];
  const debug = process.env.SOAK_DEBUG ? (line: string) => console.log(`  [${when(minute)}] ${line}`) : () => undefined;
  checks.debug = debug;
  const onUnhandled = (err: unknown) => seen.add(`unhandled rejection: ${String(err).slice(0, 80)}`);
  process.on('unhandledRejection', onUnhandled);

  try {
    for (const [symbol] of Object.entries(SYMBOLS).map(([, s]) => [s])) await control('funding', { symbol, rate: world.fundingRate(symbol!, 0) });
    product = await productOnSim(sim, clock, {
      onPublish: (d: Dashboard, t: number) => checks.onPublish(d, t),
      onNotify: (w, t) => {
        checks.onNotify(w, t);
        // A notification brings the user to the side panel within a few minutes, most of the time.
        const r = rng(seed, 'notice', minute);
        if (r.chance(0.85)) {
          const at = minute + r.int(1, 12);
          if (visitAt === null || at < visitAt) visitAt = at;
        }
      },
      onBadge: (text) => checks.onBadge(text),
      onChanged: (assets) => void changedWhileWaiting.push(...assets),
      streamsOn: () => streamsOn,
    }, `${seed}-${process.pid}-${Math.round(performance.now())}`);
    const p = (): Product => product!;

    // The user sets the product up: the key (through the options page), then keeps it unlocked a day
    // at a time and lets it top up the futures wallet.
    await p().send('page', { type: 'keys/save', apiKey: sim.apiKey, keyType: 'HMAC', secret: sim.apiSecret, passphrase: PASSPHRASE, acknowledgeWithdrawals: false });
    await p().send('page', { type: 'settings/set', settings: { autoLockMinutes: 1440, autoTopUp: { enabled: true, dailyCapUsdt: '25000' } } });
    await seedOldPoints(p(), days);

    /** Moves the clock once no request of the product is in flight (wall time; a jump must not fall between a signature and its check). */
    async function moveTo(t: number): Promise<void> {
      for (let i = 0; i < 2_000 && p().inflight > 0; i++) await new Promise((r) => setTimeout(r, 1));
      if (p().inflight > 0) seen.add('clock moved with a request in flight (after 2 s of wall time)');
      clock.advanceTo(t);
    }
    const think = (u: Rng) => moveTo(clock.now() + u.int(1_000, 4_000));

    /** One action as the panel offers it: view, preview, confirm; sometimes a fault or a worker stop on the way. */
    async function act(asset: string, u: Rng): Promise<void> {
      await think(u);
      let view;
      try {
        view = await p().send('content', { type: 'hedge/view', asset });
      } catch (err) {
        // A read refused on the way (a 429's pause, a 5xx): the panel says so and the user moves on.
        return void seen.add(`view refused: ${err instanceof ReplyError ? err.code : String(err)}`);
      }
      if (!view.action) return void seen.add('panel offered nothing on a second look');
      await think(u);
      let preview;
      try {
        preview = await p().send('content', { type: 'hedge/preview', asset, intent: view.action.intent });
      } catch (err) {
        debug(`${asset}: preview refused: ${String(err)}`);
        return void seen.add(`preview refused: ${err instanceof ReplyError ? err.code : String(err)}`);
      }
      const clientOrderId = clientOrderIdFor(preview.id);
      const shortBefore = checks.shortOf(asset);
      const from = sim.requests.length;
      const trouble = u.next();
      await think(u);
      let ok = false;
      if (trouble < 0.04) {
        // The worker stops while the order is on its way: the new worker settles it from the journal.
        await control('fault', { match: { method: 'POST', path: '/fapi/v1/order', params: { newClientOrderId: clientOrderId } }, count: 1, kind: 'latency', ms: 150 });
        const pending = p().send('content', { type: 'hedge/execute', previewId: preview.id }).then(() => true, () => false);
        for (let i = 0; i < 400 && !sim.requests.some((r) => r.clientOrderId === clientOrderId && r.method === 'POST'); i++) await new Promise((r) => setTimeout(r, 5));
        await p().restart();
        seen.add('worker stops mid-order');
        await pending;
        seen.add('acts cut by a worker stop');
      } else {
        if (trouble < 0.16) {
          const kind = u.pick(ORDER_FAULTS);
          await control('fault', { match: { method: 'POST', path: '/fapi/v1/order', params: { newClientOrderId: clientOrderId } }, count: 1, kind, ...(kind === '429' ? { retryAfter: 5 } : {}) });
          seen.add(`order faults armed: ${kind}`);
        }
        try {
          await p().send('content', { type: 'hedge/execute', previewId: preview.id });
          ok = true;
          seen.add(`acts done: ${preview.intent === 'close' ? 'close' : preview.order.side === 'SELL' ? 'hedge/add' : 'reduce'}`);
          debug(`${asset}: ${preview.intent} ${preview.order.side} ${preview.order.quantity} ${preview.order.symbol}, transfer ${preview.transfer}: done`);
        } catch (err) {
          // A refusal is the product's to explain only when something went wrong on the way: a fault
          // that fired, a 429's pause, an earlier order still unsettled. Otherwise the user's confirm was lost.
          const faulted = sim.requests.slice(from).some((r) => r.fault || r.status === 429 || r.status === 418 || r.status >= 500);
          const code = err instanceof ReplyError ? err.code : String(err);
          const excused = faulted || ['order-pending', 'http429', 'http418'].includes(code) || String(err).includes('errPaused') || String(err).includes('errBanned');
          checks.ledger.check('backInTolerance', excused, minute, () => `${asset}: the user confirmed ${preview.intent} ${preview.order.side} ${preview.order.quantity} ${preview.order.symbol} (transfer ${preview.transfer ?? 'none'}); refused with ${String(err)} and no fault on the way`);
          debug(`${asset}: ${preview.intent} ${preview.order.side} ${preview.order.quantity} ${preview.order.symbol}, transfer ${preview.transfer}: ${String(err)}`);
          if (process.env.SOAK_DEBUG) {
            const t = sim.engine.totals(acct, 'USDT');
            debug(`  preview notional ${preview.notional} margin ${preview.marginNeeded} available ${preview.availableMargin} fees ${preview.fees} leverage ${preview.leverage}; Binance now: wallet ${t.wallet.toFixed(2)} margin balance ${t.marginBalance.toFixed(2)} initial ${t.initial.toFixed(2)} available ${t.available.toFixed(2)} mark ${sim.engine.mark(preview.order.symbol).toFixed()}`);
          }
          seen.add(`execute refused: ${err instanceof ReplyError ? err.code : String(err)}`);
        }
      }
      await checks.afterOrder(minute, asset, clientOrderId, ok, shortBefore);
      if (ok) checks.acted({ asset, minute, clientOrderId, partial: preview.partial !== null });
    }

    /** The user opens the side panel (sometimes keeping it open), unlocks if need be, and acts on what it offers. */
    async function visit(u: Rng, everything = false): Promise<void> {
      seen.add('user visits');
      await think(u);
      const close = u.chance(0.5) ? p().openView() : null;
      try {
        const state = await p().send('page', { type: 'state/get' });
        if (state.keys === 'locked') {
          seen.add('user unlocked');
          await p().send('page', { type: 'keys/unlock', passphrase: PASSPHRASE });
        }
        let d: Dashboard | null;
        try {
          d = await p().send('page', { type: 'dashboard/get', refresh: everything || u.chance(0.5) });
        } catch (err) {
          seen.add(`dashboard refused: ${err instanceof ReplyError ? err.code : String(err)}`);
          return;
        }
        for (const a of d?.assets ?? []) {
          if (!a.action) continue;
          seen.add('actions offered');
          if (!everything && !u.chance(0.8)) {
            seen.add('actions the user let be');
            continue;
          }
          await act(a.asset, u);
        }
      } finally {
        close?.();
      }
    }

    // Funding: settles at each symbol's nextFundingTime; the next period's rate is set after it.
    const nextFunding = new Map(Object.values(SYMBOLS).map((s) => [s, sim.engine.market.get(s)!.nextFundingTime]));
    async function settleFunding(): Promise<void> {
      if (Object.values(SYMBOLS).some((s) => sim.engine.market.get(s)!.nextFundingTime <= clock.now())) await control('clock', { advanceMs: 0 });
      for (const symbol of Object.values(SYMBOLS)) {
        const at = nextFunding.get(symbol)!;
        const next = sim.engine.market.get(symbol)!.nextFundingTime;
        if (next === at) continue;
        seen.add(`funding settled: ${symbol} every ${(next - at) / 3_600_000} h`);
        nextFunding.set(symbol, next);
        await control('funding', { symbol, rate: world.fundingRate(symbol, at) });
      }
    }

    async function apply(events: WorldEvent[]): Promise<string[]> {
      const touched: string[] = [];
      for (const e of events) {
        if (e.kind !== 'fault') debug(`world: ${JSON.stringify(e)}`);
        switch (e.kind) {
          case 'jump':
            seen.add(`mark jumps ${e.pct > 0 ? '+' : ''}${e.pct} %`);
            break;
          case 'trade':
            if (e.earn) {
              await control('earn', { asset: e.coin, amount: e.earn.flexible, type: 'flexible' });
              await control('earn', { asset: e.coin, amount: e.earn.locked, type: 'locked' });
              checks.earnChanged();
            }
            await control('spot', { asset: e.coin, free: e.spot });
            seen.add(`trades: ${e.what}`);
            touched.push(e.coin);
            break;
          case 'earn':
            await control('earn', { asset: e.coin, amount: e.earn, type: e.type });
            checks.earnChanged();
            await control('spot', { asset: e.coin, free: e.spot });
            seen.add(`Earn moves: ${e.what}`);
            touched.push(e.coin);
            break;
          case 'fault':
            await control('fault', e.fault);
            seen.add(`faults armed: ${e.fault.kind} ${e.fault.match.method} ${e.fault.match.path}`);
            break;
          case 'streams':
            streamsOn = e.on;
            if (e.on) seen.add('stream windows');
            break;
          case 'restart':
            await p().restart();
            seen.add(`worker stops: ${e.why}`);
            break;
          case 'drop-streams':
            seen.add('stream drops', sim.dropStreams() > 0 ? 1 : 0);
            break;
          case 'end-spot-streams':
            sim.endSpotStreams();
            seen.add('spot stream ends');
            break;
          case 'expire-listen-keys':
            seen.add(`listenKey expiries (${e.why})`, sim.expireListenKeys() > 0 || e.why === '24 h' ? 1 : 0);
            break;
        }
      }
      return touched;
    }

    // Minute 0: the user hedges everything the panel offers.
    await moveTo(START);
    await settleFunding();
    await p().minute();
    await visit(rng(seed, 'user', 'setup'), true);

    const dayWallMs: number[] = [];
    let dayStart = performance.now();
    const total = days * DAY_MINUTES;
    for (let m = 0; m < total; m++) {
      minute = m;
      checks.minute = m;
      const t0 = START + m * MINUTE;
      await moveTo(t0);
      await settleFunding();

      // The minute alarm; late when a wait of the product carried the clock past it, as Chrome fires a missed alarm.
      await moveTo(t0 + 10_000);
      const alarmAt = clock.now();
      if (alarmAt > t0 + 10_000) seen.add('alarms fired late (a product wait crossed the minute)');
      await p().minute().catch((err: unknown) => seen.add(`alarms failed: ${String(err).slice(0, 60)}`));
      await checks.afterMinute(m, alarmAt);

      // The world.
      await moveTo(t0 + 20_000);
      for (const { coin, price } of world.walk(m)) sim.engine.setCoinPrice(coin, price.toPrecision(10));
      const held = {
        spot: (coin: string) => {
          const b = acct.spot.get(coin);
          return b ? b.free.plus(b.locked) : new Big(0);
        },
        earn: (coin: string, type: 'flexible' | 'locked') => acct.earn[type].get(coin) ?? new Big(0),
      };
      changedWhileWaiting = [];
      const touched = await apply(world.events(m, held));
      if (touched.length && streamsOn) {
        // The streams bring the change to the badge before the next alarm: wait for it (wall time).
        const until = performance.now() + 1_500;
        while (performance.now() < until && !touched.every((c) => changedWhileWaiting.includes(c))) await new Promise((r) => setTimeout(r, 10));
        seen.add(touched.every((c) => changedWhileWaiting.includes(c)) ? 'spot changes the streams brought before the next alarm' : 'spot changes the streams missed (left to the alarm)');
      }

      // The user.
      await moveTo(t0 + 30_000);
      const u = rng(seed, 'user', m);
      const due = visitAt !== null && visitAt <= m;
      if (due) visitAt = null;
      if (due || u.chance(1 / 45) || (touched.length > 0 && u.chance(0.35))) await visit(u);

      if ((m + 1) % 360 === 0 && (m + 1) % DAY_MINUTES !== 0) checks.sampleHeap((m + 1) / DAY_MINUTES);
      if ((m + 1) % DAY_MINUTES === 0) {
        const day = (m + 1) / DAY_MINUTES;
        const { heapMb } = await checks.endOfDay(day, m);
        const ms = performance.now() - dayStart;
        dayWallMs.push(ms);
        dayStart = performance.now();
        const broken = [...checks.ledger.rows.values()].filter((r) => r.broken > 0).map((r) => r.name);
        log(
          `day ${day}/${days}: ${(ms / 1000).toFixed(1)} s wall, ${seen.get('user visits')} visits, ${seen.get('journal entries')} orders, ` +
            `${seen.get('requests')} requests, heap ${heapMb.toFixed(1)} MB${broken.length ? `, BROKEN: ${broken.join('; ')}` : ''}`,
        );
      }
    }

    // After the last day: two quiet minutes to settle, the history synced, then the final checks.
    const end = START + total * MINUTE;
    for (let i = 0; i < 2; i++) {
      await moveTo(end + i * MINUTE + 10_000);
      await settleFunding();
      await p().minute().catch(() => undefined);
    }
    await p().send('page', { type: 'dashboard/get', refresh: true }).catch(() => null);
    checks.scanRequests();
    await checks.checkIncome(total, true);
    await checks.checkJournal(total, true);
    checks.closeEpisodes(total);
    checks.checkHeap(total, HEAP_MB_PER_DAY);

    const wallMs = performance.now() - wall0;
    const result = report(seed, days, wallMs, dayWallMs, checks, world);
    return result;
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await product?.close().catch(() => undefined);
    await sim.close();
    clock.uninstall();
  }
}

/**
 * Chart points an older install left: some already past 90 days, some that pass it during the run
 * (every half day), the rest kept. The monitor prunes on its next point.
 */
async function seedOldPoints(p: Product, days: number): Promise<void> {
  const { db } = await p.stores();
  const ages = [120, 100, 95, 91, 90.01];
  for (let h = 0.5; h < days; h += 0.5) ages.push(90 - h);
  ages.push(90 - days - 1, 45, 10);
  for (const age of ages) {
    const point: ChartPoint = { time: Math.round(START - age * DAY), marginRatio: '0.1', assets: [{ asset: 'BTC', ratio: '1', markPrice: '90000' }] };
    await db.put('chartPoints', point);
  }
}

function report(seed: number, days: number, wallMs: number, dayWallMs: number[], checks: Checks, world: World): SoakResult {
  const rows = [...checks.ledger.rows.entries()];
  const lines = ['| invariant | checks | broken | first broken (simulated minute) |', '|---|---:|---:|---|'];
  const breaks: string[] = [];
  for (const [, r] of rows) {
    lines.push(`| ${r.name} | ${r.checks} | ${r.broken} | ${r.first ? `${r.first.minute} (${when(r.first.minute)})` : r.note || '—'} |`);
    if (r.first) {
      breaks.push(`BROKEN: ${r.name} — seed ${seed}, first at simulated minute ${r.first.minute} (${when(r.first.minute)}): ${r.first.detail}`);
      for (const b of r.more) breaks.push(`        then at minute ${b.minute} (${when(b.minute)}): ${b.detail}`);
    }
  }
  const seen = checks.seen;
  const keys = [...seen.counts.keys()].sort();
  const sum = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).reduce((n, k) => n + seen.get(k), 0);
  const pick = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => `${k.slice(prefix.length)} ${seen.get(k)}`).join(', ');
  const summary = [
    `seed ${seed}, ${days} simulated days (${days * DAY_MINUTES} minute alarms) in ${(wallMs / 1000).toFixed(1)} s wall (${dayWallMs.map((ms) => (ms / 1000).toFixed(1)).join(' / ')} s a day)`,
    `world: ${pick('trades: ')}; Earn ${pick('Earn moves: ')}; mark jumps ${pick('mark jumps ') || 'none'}`,
    `funding: ${pick('funding settled: ')}`,
    `faults: ${sum('faults armed: ')} armed on reads and transfers, ${sum('order faults armed: ')} on orders (${pick('order faults armed: ')}); ${sum('fault fired: ')} fired`,
    `worker stops: ${pick('worker stops: ')}, mid-order ${seen.get('worker stops mid-order')}; stream windows ${seen.get('stream windows')} (${world.streamWindows.map((w) => `${when(w.from)}–${when(w.to).slice(-5)}`).join(', ')}), drops ${seen.get('stream drops')}, spot stream ends ${seen.get('spot stream ends')}, listenKey expiries ${keys.filter((k) => k.startsWith('listenKey expiries (')).map((k) => `${k.slice(20, -1)} ${seen.get(k)}`).join(', ')}`,
    `streams: ${seen.get('spot changes the streams brought before the next alarm')} spot changes brought by the streams, ${seen.get('spot changes the streams missed (left to the alarm)')} left to the alarm`,
    `user: ${seen.get('user visits')} visits, ${seen.get('actions offered')} actions offered, ${seen.get('actions the user let be')} let be; done: ${pick('acts done: ')}; refused after a fault on the way: ${pick('execute refused: ') || 'none'}; previews refused: ${pick('preview refused: ') || 'none'}; views refused: ${pick('view refused: ') || 'none'}`,
    ...(sum('execute refused: ') ? [`refusals (each excused only by a fault that fired on the way; else 'The user confirms' breaks): ${keys.filter((k) => k.startsWith('execute refused: ')).map((k) => k.slice(17)).map((c) => `${c}${REFUSED[c] ? ` = ${REFUSED[c]}` : ''}`).join('; ')}`] : []),
    `product: ${seen.get('journal entries')} journal entries, ${seen.get('orders at Binance')} orders at Binance, ${seen.get('notified warning')} warning notifications, ${seen.get('notified top-up')} top-ups, ${seen.get('requests')} requests, ${seen.get('alarms without a fresh dashboard')} alarms without a fresh dashboard, ${pick('alarms failed: ') || 'no alarm failed'}`,
    `Earn read late (polling only, Earn cached 5 min): ${seen.get('alarms warning from an Earn reading up to 5 min old')} alarms warned from an Earn reading that was out of date${seen.counts.has('first Earn-late minute') ? `, first at minute ${seen.get('first Earn-late minute')} (${when(seen.get('first Earn-late minute'))})` : ''}`,
    `heap after GC (MB): ${checks.heap.map((h) => `${Math.round(h.day * 24)} h ${h.mb.toFixed(1)}`).join(', ') || 'not measured'}`,
    ...keys.filter((k) => k.startsWith('unhandled') || k.startsWith('badge') || k.startsWith('chart points closer') || k.startsWith('418') || k.startsWith('-1021') || k.startsWith('clock moved') || k.startsWith('alarms with an')).map((k) => `${k}: ${seen.get(k)}`),
  ];
  return { seed, days, wallMs, dayWallMs, broken: checks.ledger.anyBroken, table: lines.join('\n'), summary, breaks };
}
