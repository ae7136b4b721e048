/** The background's handlers wired to an in-memory keystore, fake IndexedDB and the simulator. */
import 'fake-indexeddb/auto';
import { createHandlers } from '../../../src/background/app';
import { createKeystore } from '../../../src/background/keystore';
import { memoryKV } from '../../../src/background/kv';
import { sessions } from '../../../src/background/session';
import { settingsStore } from '../../../src/background/settings-store';
import { journal, openStore } from '../../../src/background/store';
import type { Severity, Step, WarningView } from '../../../src/shared/hedge-types';
import WebSocket from 'ws';
import { toSim } from '../to-sim';
import { weightBudget } from '../../../src/binance/weight';
import { startSimulator, type Sim } from '../../sim/server';

let dbs = 0;

export async function backgroundOnSim(sim?: Sim, now: () => number = Date.now) {
  const s = sim ?? (await startSimulator());
  const local = memoryKV();
  const session = memoryKV();
  const keystore = createKeystore({ local, session, now, iterations: 1_000 });
  const settings = settingsStore(local);
  const db = await openStore(`test-${++dbs}-${Date.now()}`);
  const store = journal(db);
  const steps: Step[] = [];
  /** When each step was reported (performance.now()): 'verifying' follows the order's acknowledgement. */
  const stepTimes: { step: Step; t: number }[] = [];
  const badges: { text: string; severity: Severity | null; t?: number }[] = [];
  const notified: WarningView[] = [];
  const changed: string[][] = [];
  const keyed = sessions({
    budget: weightBudget({ now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }),
    keystore,
    settings,
    session,
    local,
    store: async () => db,
    now,
    progress: (_, step) => {
      steps.push(step);
      stepTimes.push({ step, t: performance.now() });
    },
    setBadge: async (text, severity) => void badges.push({ text, severity, t: performance.now() }),
    notify: async (w) => void notified.push(w),
    onChanged: (assets) => void changed.push(assets),
    WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
    fetch: toSim(s.url),
    wsBase: s.wsUrl,
    // The executor's waits before asking about an order of unknown fate: instant here, real in e2e.
    sleep: async () => undefined,
  });
  let ids = 0;
  const handlers = createHandlers({
    version: 'test',
    keystore,
    settings,
    local,
    restrictions: (k) => keyed.restrictions(k),
    openOptions: async () => undefined,
    openSidePanel: async () => undefined,
    session: () => keyed.get(),
    now,
    newId: () => `preview${String(++ids).padStart(4, '0')}x${dbs}`,
    onKeyChange: () => keyed.drop(),
    reconcileSoon: () => undefined,
  });
  await keystore.save({ apiKey: s.apiKey, type: 'HMAC', secret: s.apiSecret }, 'demo passphrase');
  const control = (path: string, body: unknown = {}) =>
    fetch(`${s.url}/__sim/${path}`, path === 'orders' ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
  return { sim: s, handlers, store, steps, stepTimes, badges, notified, changed, local, session, keyed, control, orders: () => control('orders') as Promise<any[]> };
}
