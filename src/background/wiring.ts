/**
 * The background's modules wired once, from the environment they run in: Chrome's storage,
 * IndexedDB and APIs in the service worker (worker.ts), in-memory storage and the simulator in
 * tests and benchmarks. Each module gets its dependencies here, explicitly.
 */
import type { Step } from '../shared/hedge-types';
import type { BackgroundEvent } from '../shared/channels';
import { ITEMS, stored, type Areas, type Item } from '../shared/storage';
import { forgetImportedKeys } from '../binance/sign';
import { weightBudget } from '../binance/weight';
import { createHandlers } from './app';
import { eventHub } from './event-hub';
import { keyedServices, type KeyedDeps } from './keyed';
import { createKeystore, moveSealedKeyOutOfLocal } from './keystore';
import { settingsStore } from './settings-store';
import { sealedKey, type Store } from './store';
import { createWatch } from './watch';

export interface Environment extends Pick<KeyedDeps, 'setBadge' | 'notify' | 'fetch' | 'WebSocket' | 'wsBase' | 'spotWsApi' | 'coinmWs' | 'sleep'> {
  areas: Areas;
  db: Promise<Store>;
  now: () => number;
  extensionId: string;
  version: string;
  newId: () => string;
  openOptions: () => Promise<void>;
  openSidePanel: () => Promise<void>;
  /** PBKDF2 iterations (tests use fewer; the default is the vault's). */
  iterations?: number;
  /** Sees every event pushed to the views (tests and benchmarks follow progress with it). */
  observe?: (event: BackgroundEvent) => void;
}

export function wire(env: Environment) {
  const item = <T>(it: Item<T>) => stored(env.areas, it);
  const sealed = {
    get: async () => sealedKey(await env.db).get(),
    set: async (value: Parameters<ReturnType<typeof sealedKey>['set']>[0]) => sealedKey(await env.db).set(value),
    remove: async () => sealedKey(await env.db).remove(),
  };
  const keystore = createKeystore({ sealed, unlocked: item(ITEMS.unlocked), now: env.now, ...(env.iterations ? { iterations: env.iterations } : {}) });
  const settings = settingsStore(item(ITEMS.settings));
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // A view opening starts the live streams at once (the minute alarm starts them otherwise).
  const hub = eventHub(env.extensionId, (open) => open > 0 && void watch.startStreams().catch(() => undefined));
  const emit = (event: BackgroundEvent): void => {
    env.observe?.(event);
    hub.emit(event);
  };
  const keyed = keyedServices({
    keystore,
    settings,
    areas: env.areas,
    store: () => env.db,
    budget: weightBudget({ now: env.now, sleep, store: item(ITEMS.weightBudget) }),
    now: env.now,
    progress: (previewId: string, step: Step) => emit({ type: 'progress', previewId, step }),
    onChanged: (assets) => emit({ type: 'changed', assets }),
    setBadge: env.setBadge,
    notify: env.notify,
    sleep,
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(env.WebSocket ? { WebSocket: env.WebSocket } : {}),
    ...(env.wsBase ? { wsBase: env.wsBase } : {}),
    ...(env.spotWsApi ? { spotWsApi: env.spotWsApi } : {}),
    ...(env.coinmWs ? { coinmWs: env.coinmWs } : {}),
  });
  const watch = createWatch({ keystore, settings, keyed, incomeSyncedAt: item(ITEMS.incomeSyncedAt), listenKeyAt: item(ITEMS.listenKeyAt), now: env.now, emit });
  const handlers = createHandlers({
    version: env.version,
    keystore,
    settings,
    dashboard: item(ITEMS.dashboard),
    simulator: item(ITEMS.simulator),
    portfolioMargin: item(ITEMS.portfolioMargin),
    restrictions: (key) => keyed.restrictions(key),
    openOptions: env.openOptions,
    openSidePanel: env.openSidePanel,
    keyed: () => keyed.get(),
    now: env.now,
    newId: env.newId,
    // A lock, a new key or new settings must not leave a client holding the old key.
    onKeyChange: () => {
      keyed.drop();
      forgetImportedKeys();
    },
    reconcileSoon: () => void watch.settleSoon().catch(() => undefined),
  });
  return {
    keystore,
    keyed,
    hub,
    watch,
    handlers,
    /** On every worker start: the sealed key out of storage.local (older builds), then what a stopped worker left. */
    async start(): Promise<void> {
      await moveSealedKeyOutOfLocal(item(ITEMS.legacySealedKey), sealed);
      await watch.settleSoon();
    },
  };
}

export type Background = ReturnType<typeof wire>;
