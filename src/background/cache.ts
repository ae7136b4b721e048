/**
 * A time-to-live cache for exchange reads: one in-flight request per key (concurrent callers
 * share it), failures are not cached, and entries can be dropped when an event says they changed.
 * Dropping also detaches a read already in flight: it was asked before the change, so later
 * callers start a new one and its answer is not cached.
 */
export function ttlCache(now: () => number) {
  const entries = new Map<string, { value: unknown; at: number }>();
  const inflight = new Map<string, Promise<unknown>>();
  return {
    async get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value as T;
      const running = inflight.get(key);
      if (running) return running as Promise<T>;
      const p: Promise<T> = load()
        .then((value) => {
          if (inflight.get(key) === p) entries.set(key, { value, at: now() });
          return value;
        })
        .finally(() => {
          if (inflight.get(key) === p) inflight.delete(key);
        });
      inflight.set(key, p);
      return p;
    },
    /** Drops entries and in-flight reads whose key starts with `prefix` (all when omitted). */
    invalidate(prefix = ''): void {
      for (const map of [entries, inflight]) for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
    },
    /** Drops the entry `key` once it is at least `ms` old: a costly read refreshed at most that often. */
    expireOlderThan(key: string, ms: number): void {
      const hit = entries.get(key);
      if (hit && now() - hit.at >= ms) entries.delete(key);
    },
  };
}

export type TtlCache = ReturnType<typeof ttlCache>;
