/**
 * The background's own rhythm for the unlocked key: the minute's work (idle lock, settle the
 * journal, income history every 10 minutes, stream-key renewal every 30, the opt-in top-up, the
 * warnings), settling open orders soon after they are left unclear, and the live streams.
 */
import type { BackgroundEvent } from '../shared/channels';
import type { Stored } from '../shared/storage';
import type { Keyed, KeyedServices } from './keyed';
import type { Keystore } from './keystore';
import type { SettingsStore } from './settings-store';

const INCOME_EVERY_MS = 10 * 60_000;
const KEEPALIVE_EVERY_MS = 30 * 60_000;
/** How often to ask again about an order sent moments before the worker or browser stopped. */
const SETTLE_RETRY_MS = 3_000;
const SETTLE_RETRIES = 20;

export interface WatchDeps {
  keystore: Keystore;
  settings: SettingsStore;
  keyed: Keyed;
  incomeSyncedAt: Stored<number>;
  listenKeyAt: Stored<number>;
  now: () => number;
  emit: (event: BackgroundEvent) => void;
}

/** The minute's work for an unlocked key; the dashboard's assets are reported as changed. */
async function minuteCycle(s: KeyedServices, deps: WatchDeps): Promise<string[]> {
  const now = deps.now();
  await s.reconciler.reconcile();
  if (now - (await deps.incomeSyncedAt.get()) > INCOME_EVERY_MS) {
    await s.syncIncome();
    await deps.incomeSyncedAt.set(now);
  }
  if (s.live.state !== 'off' && now - (await deps.listenKeyAt.get()) > KEEPALIVE_EVERY_MS) {
    await s.live.keepAlive();
    await deps.listenKeyAt.set(now);
  }
  await s.topUp().catch(() => null);
  // Binance keeps the guards while the browser is closed; here they follow the hedges and the margin.
  await s.guards.sync().catch(() => undefined);
  return (await s.monitor.refresh()).assets.map((a) => a.asset);
}

export function createWatch(deps: WatchDeps) {
  const unlocked = async (): Promise<boolean> => (await deps.keystore.state()).keys === 'unlocked';
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Settles orders a stopped worker left unfinished; needs an unlocked key, else waits for one.
   * An order sent just before the stop may still reach Binance, so open entries are asked about
   * again shortly (then by the minute) rather than declared lost.
   */
  async function settleSoon(retries = SETTLE_RETRIES): Promise<void> {
    clearTimeout(settleTimer);
    if (!(await unlocked())) return;
    const { settled, open } = await (await deps.keyed.get(false)).reconciler.reconcile();
    if (settled.length > 0) deps.emit({ type: 'changed', assets: settled });
    if (open > 0 && retries > 0) settleTimer = setTimeout(() => void settleSoon(retries - 1).catch(() => undefined), SETTLE_RETRY_MS);
  }

  async function startStreams(): Promise<void> {
    if (await unlocked()) (await deps.keyed.get(false)).live.start();
  }

  return {
    /** Every minute: lock when idle (the monitor's own reads do not count as use), then the minute's work. */
    async minute(): Promise<void> {
      const { autoLockMinutes } = await deps.settings.get();
      if (await deps.keystore.lockIfIdle(autoLockMinutes * 60_000)) return deps.keyed.drop();
      if (!(await unlocked())) return;
      const s = await deps.keyed.get(false);
      s.live.start();
      deps.emit({ type: 'changed', assets: await minuteCycle(s, deps) });
    },

    settleSoon,

    /**
     * The live streams run whenever the key is unlocked, not only while a view is open: a spot
     * sale must reach the badge even with no Binance tab open. Their heartbeats keep the worker
     * alive (Chrome counts WebSocket messages as activity); if Chrome stops it anyway, the minute
     * alarm wakes it and starts them again. A lock (or the idle lock) stops them with the key.
     */
    startStreams,
  };
}

export type Watch = ReturnType<typeof createWatch>;
