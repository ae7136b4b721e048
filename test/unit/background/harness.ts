/** The background wired as in the service worker, over in-memory storage, fake IndexedDB and the simulator. */
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { openStore, journal } from '../../../src/background/store';
import { wire } from '../../../src/background/wiring';
import type { Severity, Step, WarningView } from '../../../src/shared/hedge-types';
import { memoryKV } from '../../../src/shared/storage';
import { startSimulator, type Sim } from '../../sim/server';
import { toSim } from '../to-sim';

let dbs = 0;

export async function backgroundOnSim(sim?: Sim, now: () => number = Date.now) {
  const s = sim ?? (await startSimulator());
  const local = memoryKV();
  const session = memoryKV();
  const db = openStore(`test-${++dbs}-${Date.now()}`);
  const steps: Step[] = [];
  /** When each step was reported (performance.now()): 'verifying' follows the order's acknowledgement. */
  const stepTimes: { step: Step; t: number }[] = [];
  const badges: { text: string; severity: Severity | null; t?: number }[] = [];
  const notified: WarningView[] = [];
  const changed: string[][] = [];
  let ids = 0;
  const bg = wire({
    areas: { local, session },
    db,
    now,
    extensionId: 'test-extension',
    version: 'test',
    newId: () => `preview${String(++ids).padStart(4, '0')}x${dbs}`,
    openOptions: async () => undefined,
    openSidePanel: async () => undefined,
    setBadge: async (text, severity) => void badges.push({ text, severity, t: performance.now() }),
    notify: async (w) => void notified.push(w),
    observe: (e) => {
      if (e.type === 'changed') changed.push(e.assets);
      else {
        steps.push(e.step);
        stepTimes.push({ step: e.step, t: performance.now() });
      }
    },
    WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
    fetch: toSim(s.url),
    wsBase: s.wsUrl,
    spotWsApi: `${s.wsUrl}/ws-api/v3`,
    coinmWs: s.wsUrl,
    // The executor's waits before asking about an order of unknown fate: instant here, real in e2e.
    sleep: async () => undefined,
    iterations: 1_000,
  });
  await bg.keystore.save({ apiKey: s.apiKey, type: 'HMAC', secret: s.apiSecret }, 'demo passphrase');
  const control = (path: string, body: unknown = {}) =>
    fetch(`${s.url}/__sim/${path}`, path === 'orders' ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
  return {
    sim: s,
    handlers: bg.handlers,
    keyed: bg.keyed,
    watch: bg.watch,
    store: journal(await db),
    steps,
    stepTimes,
    badges,
    notified,
    changed,
    local,
    session,
    control,
    orders: () => control('orders') as Promise<any[]>,
  };
}
