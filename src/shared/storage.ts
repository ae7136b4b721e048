/**
 * Every item the extension keeps in chrome.storage, declared once: its area, key, type, default,
 * owner (the one context that writes it) and, where its shape has changed, a version — a copy
 * written by an older build reads as the default instead of breaking a view. Nothing else names a
 * storage key. IndexedDB's database and store names are declared here too (opened in
 * background/store.ts). `storage.session` is refused to content scripts; `storage.local` is not,
 * so nothing secret is kept there: the sealed key lives in the extension's own IndexedDB.
 */
import type { ApiKey } from '../binance/sign';
import type { WeightState } from '../binance/weight';
import type { Dashboard, Guard, Preview, TopUp } from './hedge-types';

export type AreaName = 'local' | 'session';

export interface Item<T> {
  area: AreaName;
  key: string;
  fallback: T;
  /** Who writes it; everyone else only reads. */
  owner: 'background' | 'content' | 'npm start';
  /** Bumped when the stored shape changes: an older copy reads as `fallback`. */
  version?: number;
}

const item = <T>(area: AreaName, key: string, fallback: T, owner: Item<T>['owner'], version?: number): Item<T> =>
  version === undefined ? { area, key, fallback, owner } : { area, key, fallback, owner, version };

/** The panel's place on the page and whether it is folded to a pill. */
export interface PanelPrefs {
  /** Offset from the bottom-right corner, in px. */
  right: number;
  bottom: number;
  collapsed: boolean;
}

/** The unlocked key in session memory, and when a user last acted with it (the idle lock). */
export interface Unlocked {
  key: ApiKey;
  lastUsed: number;
}

export const ITEMS = {
  /** The user's settings, read through SettingsSchema (a bad field falls back to its default). */
  settings: item<unknown>('local', 'settings', undefined, 'background'),
  /** The last dashboard: views draw it at once, then follow its changes (the dashboard broadcast). */
  dashboard: item<Dashboard | null>('local', 'dashboard', null, 'background', 6),
  panelPrefs: item<PanelPrefs>('local', 'panelPrefs', { right: 16, bottom: 16, collapsed: false }, 'content'),
  /** Set by `npm start`: the extension runs on the bundled simulator with its demo account. */
  simulator: item<boolean>('local', 'simulator', false, 'npm start'),
  /** The key check said the account uses Portfolio Margin: a -2015 from /fapi is explained as that. */
  portfolioMargin: item<boolean>('local', 'portfolioMargin', false, 'background'),
  /** Liquidation guards by symbol, each kept before it is sent (at most one per hedged symbol). */
  guards: item<Record<string, Guard>>('local', 'guards', {}, 'background'),
  /** Auto top-ups of the last days, for the daily cap (the newest 200). */
  topUps: item<TopUp[]>('local', 'topUps', [], 'background'),
  /** Builds before 0.2 kept the sealed key here (content scripts can read storage.local): moved to IndexedDB on start. */
  legacySealedKey: item<unknown>('local', 'keystore', undefined, 'background'),
  /** Binance's weight budget, a 429 pause or a 418 ban: outlives the service worker. */
  weightBudget: item<WeightState | undefined>('local', 'weightBudget', undefined, 'background'),

  unlocked: item<Unlocked | undefined>('session', 'unlocked', undefined, 'background'),
  /** Critical warnings already notified while they last. */
  notified: item<string[]>('session', 'notified', [], 'background'),
  incomeSyncedAt: item<number>('session', 'incomeSyncedAt', 0, 'background'),
  /**
   * Each perpetual's last 30 days of funding rates, summed up when read (GET /fapi/v1/fundingRate,
   * 500 requests per 5 minutes per IP): read again after an hour, not by every restarted worker.
   * Keyed by environment and symbol; null when the symbol had no funding event in the window.
   */
  fundingRates: item<Record<string, { at: number; stats: { rateAnnual: string; paidShare: string } | null }>>('session', 'fundingRates', {}, 'background'),
  listenKeyAt: item<number>('session', 'listenKeyAt', 0, 'background'),
  preview: (id: string) => item<Preview | undefined>('session', `preview:${id}`, undefined, 'background'),
  /** When the last order on an asset was sent: a preview made before it is stale. */
  lastOrder: (asset: string) => item<number | undefined>('session', `lastOp:${asset}`, undefined, 'background'),
} as const;

/** The extension's IndexedDB: the journal, income history, chart points and the sealed key. */
export const DATABASE = { name: 'spot-hedge', version: 4 } as const;

/** The slice of a chrome.storage area the modules use, so they can be tested with a Map. */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export type Areas = Record<AreaName, KV>;

/** An item bound to its area: read (its default when absent or from an older version), write, remove. */
export interface Stored<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
}

/** A raw stored value as the item's type: versioned items are kept as `{version, value}`. */
export function unwrap<T>(it: Item<T>, raw: unknown): T {
  if (raw === undefined || raw === null) return it.fallback;
  if (it.version === undefined) return raw as T;
  const v = raw as { version?: unknown; value?: T };
  return v.version === it.version && v.value !== undefined ? v.value : it.fallback;
}

const wrap = <T>(it: Item<T>, value: T): unknown => (it.version === undefined ? value : { version: it.version, value });

export function stored<T>(areas: Areas, it: Item<T>): Stored<T> {
  const area = areas[it.area];
  return {
    get: async () => unwrap(it, await area.get(it.key)),
    set: (value) => area.set(it.key, wrap(it, value)),
    remove: () => area.remove(it.key),
  };
}

export function chromeArea(area: chrome.storage.StorageArea): KV {
  return {
    async get<T>(key: string) {
      const got = await area.get(key);
      return got[key] as T | undefined;
    },
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

export function memoryKV(): KV & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get<T>(key: string) {
      return structuredClone(data.get(key)) as T | undefined;
    },
    async set(key, value) {
      data.set(key, structuredClone(value));
    },
    async remove(key) {
      data.delete(key);
    },
  };
}
