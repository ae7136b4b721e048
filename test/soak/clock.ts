/**
 * One simulated clock for the simulator and the background. It moves only when the soak moves it:
 * minute by minute, or to the end of a wait of the product's (`sleep`) when the soak is waiting on
 * the product and nothing else is happening (no request in flight): a discrete-event clock, so a
 * request never sees the clock jump between its signature and the simulator's check. While
 * installed, Date.now reads it too: the Binance client signs with Date.now (keyed.ts does not hand
 * it the background's `now`), and a signature must carry the simulator's time as it would Binance's.
 */
export interface SimClock {
  now(): number;
  /** Moves to `t` unless the clock is already past it; waits that end by then are over. */
  advanceTo(t: number): void;
  /** What the product's `sleep` does here: resolves once the clock has moved `ms` on. */
  sleep(ms: number): Promise<void>;
  /** Waits still running. */
  readonly sleepers: number;
  /** Moves the clock to the end of the earliest wait and ends it (and any ending by then). */
  wakeNext(): void;
  /** Date.now follows the clock until `uninstall`. */
  install(): void;
  uninstall(): void;
}

export function simClock(start: number): SimClock {
  let t = start;
  const realNow = Date.now;
  let waits: { until: number; resolve: () => void }[] = [];
  const wake = (): void => {
    const due = waits.filter((w) => w.until <= t);
    if (!due.length) return;
    waits = waits.filter((w) => w.until > t);
    for (const w of due) w.resolve();
  };
  return {
    now: () => t,
    advanceTo(target) {
      if (target > t) t = target;
      wake();
    },
    sleep(ms) {
      if (!(ms > 0)) return new Promise<void>((r) => setImmediate(r));
      return new Promise<void>((resolve) => waits.push({ until: t + ms, resolve }));
    },
    get sleepers() {
      return waits.length;
    },
    wakeNext() {
      if (!waits.length) return;
      t = Math.max(t, Math.min(...waits.map((w) => w.until)));
      wake();
    },
    install() {
      Date.now = () => t;
    },
    uninstall() {
      Date.now = realNow;
      // Nothing waits for ever once the soak is over.
      const all = waits;
      waits = [];
      for (const w of all) w.resolve();
    },
  };
}

/**
 * Awaits `work` (a call into the product), moving the clock on through the product's own waits
 * whenever nothing is in flight for a few turns of the event loop.
 */
export async function drive<T>(clock: SimClock, inflight: () => number, work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.then(
    () => void (done = true),
    () => void (done = true),
  );
  let quiet = 0;
  while (!done) {
    await Promise.race([settled, new Promise((r) => setImmediate(r))]);
    if (done) break;
    if (clock.sleepers > 0 && inflight() === 0) {
      if (++quiet >= 5) {
        clock.wakeNext();
        quiet = 0;
      }
    } else quiet = 0;
  }
  return work;
}
