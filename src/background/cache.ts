/**
 * A time-to-live cache for exchange reads: one in-flight request per key (concurrent callers
 * share it), failures are not cached, and entries can be dropped when an event says they changed.
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
      const p = load().then(
        (value) => {
          entries.set(key, { value, at: now() });
          return value;
        },
      ).finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
    /** Drops entries whose key starts with `prefix` (all when omitted). */
    invalidate(prefix = ''): void {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}

export type TtlCache = ReturnType<typeof ttlCache>;
