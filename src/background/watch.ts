/**
 * The minute's work for an unlocked key: settle the journal, bring the income history up to date
 * (every 10 minutes), renew the stream key (every 30), top up if the user asked for it, and
 * refresh the warnings. Returns the dashboard.
 */
import type { Dashboard } from '../shared/hedge-types';
import type { KV } from './kv';
import type { FullSession } from './session';

const INCOME_EVERY_MS = 10 * 60_000;
const KEEPALIVE_EVERY_MS = 30 * 60_000;

export async function minuteCycle(s: FullSession, session: KV, now: number): Promise<Dashboard> {
  await s.reconciler.reconcile();
  if (now - ((await session.get<number>('incomeSyncedAt')) ?? 0) > INCOME_EVERY_MS) {
    await s.syncIncome();
    await session.set('incomeSyncedAt', now);
  }
  if (s.live.state !== 'off' && now - ((await session.get<number>('listenKeyAt')) ?? 0) > KEEPALIVE_EVERY_MS) {
    await s.live.keepAlive();
    await session.set('listenKeyAt', now);
  }
  await s.topUp().catch(() => null);
  return s.monitor.refresh();
}
