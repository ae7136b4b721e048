/**
 * Binance's request-weight budget, per host: read X-MBX-USED-WEIGHT-1M from every reply (it counts
 * every tool on this IP), hold requests back when the minute's budget is nearly spent, pause a host
 * on 429 for Retry-After, and stop ALL traffic on 418 (an IP ban) until it ends. Orders weigh 0 on
 * the IP limit (they count against the order limits) and a setting change 1, so a hedge's own
 * steps are never held back for reads' sake.
 * A ban, a pause and a nearly spent minute are kept in `store` too: a restarted service worker
 * must not call Binance again during a ban.
 */
import { words, type Param, type Words } from '../core';
import { BinanceError } from './errors';

export interface WeightDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Where the state outlives the worker (storage.local); memory only when absent. */
  store?: { get(): Promise<WeightState | undefined>; set(state: WeightState): Promise<void> };
}

export interface WeightState {
  used: Record<HostKind, { weight: number; minute: number }>;
  pausedUntil: Record<HostKind, number>;
  bannedUntil: number;
}

/** Each host's own per-minute budget until exchangeInfo's rateLimits say otherwise (COIN-M: dapi, counted apart from fapi). */
export const DEFAULT_LIMITS = { spot: 6000, futures: 2400, coinm: 2400 } as const;
export type HostKind = keyof typeof DEFAULT_LIMITS;

/** From this share of the minute's budget, reads wait for the next minute: headroom for orders and other tools. */
const HOLD_FROM = 0.95;
/** A pause shorter than this is waited out; a longer one fails fast with a clear message. */
const MAX_WAIT_MS = 15_000;

export function weightBudget({ now, sleep, store }: WeightDeps) {
  let state: WeightState = {
    used: { spot: { weight: 0, minute: 0 }, futures: { weight: 0, minute: 0 }, coinm: { weight: 0, minute: 0 } },
    pausedUntil: { spot: 0, futures: 0, coinm: 0 },
    bannedUntil: 0,
  };
  const limits: Record<HostKind, number> = { ...DEFAULT_LIMITS };
  const loaded = (store?.get() ?? Promise.resolve(undefined)).then(
    (kept) => {
      // A state kept before COIN-M existed has no entry for it.
      if (kept) state = { used: { ...state.used, ...kept.used }, pausedUntil: { ...state.pausedUntil, ...kept.pausedUntil }, bannedUntil: kept.bannedUntil };
    },
    () => undefined,
  );
  /** Whether the stored copy says anything that holds requests back, so it is written only then (and once to clear it). */
  let keptNotable = true;

  const minute = (t: number): number => Math.floor(t / 60_000);
  const notable = (t: number): boolean =>
    state.bannedUntil > t ||
    (Object.keys(limits) as HostKind[]).some((h) => state.pausedUntil[h] > t || (state.used[h].minute === minute(t) && state.used[h].weight >= HOLD_FROM * limits[h]));
  function keep(t: number): void {
    const now = notable(t);
    if (store && (now || keptNotable)) void store.set(structuredClone(state)).catch(() => undefined);
    keptNotable = now;
  }

  /** Waits out a short hold; a long one fails fast, saying in how many seconds it ends. */
  async function holdFor(ms: number, message: (wait: Param) => Words, action: Words): Promise<void> {
    if (ms > MAX_WAIT_MS) throw new BinanceError({ httpStatus: 429, retryable: true, message: message({ until: Math.ceil(ms / 1000) * 1000 }), action });
    if (ms > 0) await sleep(ms);
  }

  return {
    /**
     * Waits as the budget requires, or throws when Binance has banned or paused us for long. A step
     * of a hedge being placed (the order, weight 0; a leverage or margin-type change, weight 1) is
     * not `held` for the minute's budget: only a 429 pause or a ban stops it.
     */
    async before(host: HostKind, held = true): Promise<void> {
      await loaded;
      const { bannedUntil, pausedUntil, used } = state;
      const t = now();
      if (t < bannedUntil) {
        throw new BinanceError({
          httpStatus: 418,
          message: words('errBannedUntil', { at: bannedUntil }),
          action: words('errBannedUntilDo'),
        });
      }
      await holdFor(pausedUntil[host] - t, (wait) => words('errPaused', wait), words('doWaitTryAgain'));
      const u = used[host];
      if (!held || u.minute !== minute(now()) || u.weight < HOLD_FROM * limits[host]) return;
      await holdFor(
        60_000 - (now() % 60_000),
        (wait) => words('errWeightHeld', { count: u.weight }, { count: limits[host] }, wait),
        words('doWaitShareBudget'),
      );
    },

    /** Records what Binance said about our usage. */
    after(host: HostKind, status: number, headers: Headers): void {
      const t = now();
      const w = Number(headers.get('x-mbx-used-weight-1m'));
      if (Number.isFinite(w) && headers.has('x-mbx-used-weight-1m')) state.used[host] = { weight: w, minute: minute(t) };
      if (status === 429 || status === 418) {
        const retryAfter = Number(headers.get('retry-after'));
        const ms = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : status === 418 ? 120_000 : 60_000;
        if (status === 418) state.bannedUntil = t + ms;
        else state.pausedUntil[host] = t + ms;
      }
      keep(t);
    },

    setLimit(host: HostKind, weightPerMinute: number): void {
      limits[host] = weightPerMinute;
    },

  };
}

export type WeightBudget = ReturnType<typeof weightBudget>;
