/**
 * The product as the soak runs it: the background's real modules, wired by src/background/wiring.ts
 * as the service worker wires them, over in-memory chrome.storage areas, fake IndexedDB and the
 * simulator. What Chrome would do is done here: the minute alarm calls `watch.minute()`, a view's
 * message goes through the router with the sender Chrome would report, a view's port connects to
 * the event hub, and a stopped worker is a new `wire()` over the same storage and database.
 */
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { route, type SenderInfo } from '../../src/background/router';
import { chartPoints, incomeHistory, journal, openStore, type Store } from '../../src/background/store';
import { wire, type Background } from '../../src/background/wiring';
import { EVENTS_PORT } from '../../src/shared/channels';
import type { Dashboard, WarningView } from '../../src/shared/hedge-types';
import type { Reply, RequestOf, RequestType } from '../../src/shared/protocol';
import { ITEMS, memoryKV, stored, unwrap, type KV } from '../../src/shared/storage';
import type { Sim } from '../sim/server';
import { toSim } from '../unit/to-sim';
import { drive, type SimClock } from './clock';

export const EXTENSION_ID = 'soakextensionid';
export const PASSPHRASE = 'soak passphrase';

/** Who sends: the panel's content script in a binance.com tab, or one of our pages (side panel, options). */
const SENDERS: Record<'content' | 'page', SenderInfo> = {
  content: { id: EXTENSION_ID, url: 'https://www.binance.com/en/trade/BTC_USDT?type=spot', tab: { id: 7 }, frameId: 0 },
  page: { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/src/sidepanel/index.html` },
};

export interface ProductHooks {
  /** Every dashboard the monitor publishes (storage.local's `dashboard`), with the simulated time. */
  onPublish(d: Dashboard, t: number): void;
  /** Every desktop notification. */
  onNotify(w: WarningView, t: number): void;
  /** Every badge the worker sets. */
  onBadge(text: string, severity: string | null, t: number): void;
  /** Views were told these assets changed (after a stream event, the minute's work or an order). */
  onChanged(assets: string[], t: number): void;
  /** Whether WebSockets reach the simulator now; while not, each one fails as behind a proxy that refuses them. */
  streamsOn(): boolean;
}

/** A storage area that tells when the dashboard is written. */
function observed(area: KV, onSet: (key: string, value: unknown) => void): KV {
  return {
    get: (key) => area.get(key),
    async set(key, value) {
      await area.set(key, value);
      onSet(key, value);
    },
    remove: (key) => area.remove(key),
  };
}

export class ReplyError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export async function productOnSim(sim: Sim, clock: SimClock, hooks: ProductHooks, name: string) {
  const local = observed(memoryKV(), (key, value) => {
    if (key === ITEMS.dashboard.key) {
      const d = unwrap(ITEMS.dashboard, value);
      if (d) hooks.onPublish(d, clock.now());
    }
  });
  const session = memoryKV();
  const areas = { local, session };
  const dbName = `soak-${name}`;
  let db: Promise<Store> = openStore(dbName);
  let ids = 0;
  let workers = 0;
  const toSimulator = toSim(sim.url);
  let inflight = 0;
  /** Counts `work` as in flight until it settles. */
  const holding = async <T>(work: () => Promise<T>): Promise<T> => {
    inflight++;
    try {
      return await work();
    } finally {
      inflight--;
    }
  };
  // In flight, the soak does not move the clock: from the signature (a timestamp taken, then signed
  // off the main thread) to the reply's last byte (syncTime reads the clock once the body is read).
  // Else a jump between them shows as -1021, or skews the measured server-time offset.
  const subtle = globalThis.crypto.subtle;
  const { sign: subtleSign, importKey: subtleImport } = subtle;
  subtle.sign = (...args: Parameters<SubtleCrypto['sign']>) => holding(() => subtleSign.apply(subtle, args));
  subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => holding(() => subtleImport.apply(subtle, args as never))) as SubtleCrypto['importKey'];
  const fetchSim: typeof fetch = (input, init) =>
    holding(async () => {
      const res = await toSimulator(input, init);
      return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers: res.headers });
    });
  const unwrapCrypto = (): void => {
    Reflect.deleteProperty(subtle, 'sign');
    Reflect.deleteProperty(subtle, 'importKey');
  };

  // The worker's WebSockets: to the simulator while streams are on; else refused at the upgrade.
  class SoakWebSocket extends WebSocket {
    constructor(url: string) {
      super(hooks.streamsOn() ? url : `${sim.wsUrl}/refused`);
    }
  }

  function build(): Background {
    workers++;
    return wire({
      areas,
      db,
      now: clock.now,
      extensionId: EXTENSION_ID,
      version: 'soak',
      newId: () => `soak${String(++ids).padStart(6, '0')}w${workers}`,
      openOptions: async () => undefined,
      openSidePanel: async () => undefined,
      setBadge: async (text, severity) => hooks.onBadge(text, severity, clock.now()),
      notify: async (w) => hooks.onNotify(w, clock.now()),
      observe: (e) => e.type === 'changed' && hooks.onChanged(e.assets, clock.now()),
      WebSocket: SoakWebSocket as unknown as new (url: string) => globalThis.WebSocket,
      fetch: fetchSim,
      wsBase: sim.wsUrl,
      spotWsApi: `${sim.wsUrl}/ws-api/v3`,
      coinmWs: sim.wsUrl,
      // The product's waits (weight budget, order lookups, recvWindow) pass in simulated time.
      sleep: (ms) => clock.sleep(ms),
      iterations: 1_000,
    });
  }

  let bg = build();
  await bg.start();

  /** A call into the product: the clock moves on through its waits while nothing is in flight. */
  const driven = <T>(work: Promise<T>): Promise<T> => drive(clock, () => inflight, work);

  async function send<K extends RequestType>(from: 'content' | 'page', request: RequestOf<K>): Promise<Reply<K>> {
    const envelope = await driven(route(request, SENDERS[from], EXTENSION_ID, bg.handlers));
    if (!envelope.ok) throw new ReplyError(envelope.error.code, JSON.stringify(envelope.error.message));
    return envelope.data as Reply<K>;
  }

  /** A view's events port (side panel open): the hub counts it, and it starts the streams. */
  function openView(): () => void {
    const listeners: (() => void)[] = [];
    bg.hub.accept({
      name: EVENTS_PORT,
      sender: SENDERS.page,
      postMessage: () => undefined,
      disconnect: () => undefined,
      onDisconnect: { addListener: (cb) => void listeners.push(cb) },
    });
    return () => listeners.forEach((cb) => cb());
  }

  return {
    send,
    openView,
    /** What chrome.alarms' minute alarm does in worker.ts. */
    minute: () => driven(bg.watch.minute()),
    /**
     * Chrome stopped the worker and a later event started it again: the old one's sockets close
     * and its database connection with it; a new wire() reads the same storage and database.
     */
    async restart(): Promise<void> {
      bg.keyed.drop();
      const old = db;
      db = openStore(dbName);
      (await old).close();
      bg = build();
      await driven(bg.start());
    },
    get workers() {
      return workers;
    },
    /** Requests the product has in flight to the simulator. */
    get inflight() {
      return inflight;
    },
    /** The product's stores, read the way its modules read them. */
    async stores() {
      const d = await db;
      return { journal: journal(d), income: incomeHistory(d), points: chartPoints(d), db: d };
    },
    item: <T>(it: Parameters<typeof stored<T>>[1]) => stored(areas, it),
    /** Live stream states of the current worker, when its services are built. */
    async streamStates(): Promise<{ usdm: string; spot: string } | null> {
      try {
        const s = await bg.keyed.get(false);
        return { usdm: s.live.state, spot: s.live.spotState };
      } catch {
        return null;
      }
    },
    async close(): Promise<void> {
      unwrapCrypto();
      bg.keyed.drop();
      (await db).close();
    },
  };
}

export type Product = Awaited<ReturnType<typeof productOnSim>>;
