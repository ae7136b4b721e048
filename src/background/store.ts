/**
 * The extension's own IndexedDB (idb): the action journal, the income history, the charts' points
 * and the sealed API key. Each schema version adds to the upgrade below; a user's existing data is
 * carried forward, never dropped. Content scripts cannot open it: it belongs to the extension's origin.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Intent, OrderSpec } from '../core';
import { DATABASE, type Stored } from '../shared/storage';
import type { ErrorInfo } from '../shared/user-error';
import type { SealedKey } from './keystore';

export type JournalStatus = 'pending' | 'sent' | 'filled' | 'failed' | 'unknown' | 'accepted';
/** The statuses of an entry whose outcome is not known yet. */
export const UNFINISHED: readonly JournalStatus[] = ['pending', 'sent', 'unknown', 'accepted'];

/** One order the extension decided to place. Written BEFORE the first send. */
export interface JournalEntry {
  /** The order's newClientOrderId: made before the first attempt, the key to ask Binance about it. */
  clientOrderId: string;
  asset: string;
  intent: Intent;
  order: OrderSpec;
  status: JournalStatus;
  createdAt: number;
  updatedAt: number;
  /** When the order was last sent: Binance cannot accept it after recvWindow from then. */
  sentAt?: number;
  /** Binance's answer once known. */
  orderId?: number;
  executedQty?: string;
  avgPrice?: string;
  /** Where the order went: COIN-M, or USDⓈ-M when absent (entries from before COIN-M). */
  family?: 'coinm';
  /** Margin moved from spot to futures for this order, if any (USDT, USDC, or the coin for COIN-M). */
  transfer?: { amount: string; tranId?: number };
  /** After closing a COIN-M hedge: the coins moved back to Spot. */
  returned?: { amount: string; tranId?: number };
  error?: ErrorInfo;
}

/** One row of /fapi/v1/income (FUNDING_FEE, COMMISSION, REALIZED_PNL, TRANSFER…): positive = received. */
export interface IncomeRow {
  tranId: number;
  symbol: string;
  incomeType: string;
  income: string;
  asset: string;
  time: number;
}

/** The account at one moment, for the charts. */
export interface ChartPoint {
  time: number;
  marginRatio: string | null;
  /** Hedge ratio and mark price per asset with a perpetual. */
  assets: { asset: string; ratio: string | null; markPrice: string | null }[];
}

interface HedgeDB extends DBSchema {
  journal: { key: string; value: JournalEntry; indexes: { 'by-status': JournalStatus; 'by-created': number } };
  income: { key: number; value: IncomeRow; indexes: { 'by-time': number } };
  /** Version 3's name for chartPoints: moved in version 4. */
  snapshots: { key: number; value: ChartPoint };
  chartPoints: { key: number; value: ChartPoint };
  keys: { key: string; value: SealedKey };
}

export function openStore(name: string = DATABASE.name): Promise<IDBPDatabase<HedgeDB>> {
  return openDB<HedgeDB>(name, DATABASE.version, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const journal = db.createObjectStore('journal', { keyPath: 'clientOrderId' });
        journal.createIndex('by-status', 'status');
        journal.createIndex('by-created', 'createdAt');
      }
      if (oldVersion < 2) {
        const income = db.createObjectStore('income', { keyPath: 'tranId' });
        income.createIndex('by-time', 'time');
      }
      if (oldVersion < 3) db.createObjectStore('snapshots', { keyPath: 'time' });
      if (oldVersion < 4) {
        const points = db.createObjectStore('chartPoints', { keyPath: 'time' });
        for (const point of await tx.objectStore('snapshots').getAll()) await points.put(point);
        db.deleteObjectStore('snapshots');
        db.createObjectStore('keys');
      }
    },
  });
}

export type Store = Awaited<ReturnType<typeof openStore>>;

export function journal(db: Store) {
  return {
    put: (entry: JournalEntry) => db.put('journal', entry).then(() => undefined),
    get: (clientOrderId: string) => db.get('journal', clientOrderId),
    /** Entries whose outcome is not known yet: to reconcile with Binance on start. */
    async unfinished(): Promise<JournalEntry[]> {
      const open = await Promise.all(UNFINISHED.map((s) => db.getAllFromIndex('journal', 'by-status', s)));
      return open.flat().sort((a, b) => a.createdAt - b.createdAt);
    },
    /** Newest first. */
    async recent(limit = 100): Promise<JournalEntry[]> {
      const all = await db.getAllFromIndex('journal', 'by-created');
      return all.reverse().slice(0, limit);
    },
  };
}

export type Journal = ReturnType<typeof journal>;

export function incomeHistory(db: Store) {
  return {
    /** Adds rows; a tranId already stored is kept once. */
    async add(rows: IncomeRow[]): Promise<void> {
      const tx = db.transaction('income', 'readwrite');
      await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
    },
    async lastTime(): Promise<number | null> {
      const cursor = await db.transaction('income').store.index('by-time').openCursor(null, 'prev');
      return cursor?.value.time ?? null;
    },
    all: (): Promise<IncomeRow[]> => db.getAllFromIndex('income', 'by-time'),
    /** FUNDING_FEE rows only. */
    funding: async (): Promise<IncomeRow[]> => (await db.getAllFromIndex('income', 'by-time')).filter((r) => r.incomeType === 'FUNDING_FEE'),
    /** FUNDING_FEE rows after `time`: read by the time index, not the whole history. */
    fundingSince: async (time: number): Promise<IncomeRow[]> =>
      (await db.getAllFromIndex('income', 'by-time', IDBKeyRange.lowerBound(time, true))).filter((r) => r.incomeType === 'FUNDING_FEE'),
  };
}

export type IncomeHistory = ReturnType<typeof incomeHistory>;

/** One chart point every 5 minutes at most, kept 90 days. */
export const POINT_EVERY_MS = 5 * 60_000;
export const POINT_KEEP_MS = 90 * 86_400_000;

export function chartPoints(db: Store) {
  return {
    /** Records `point` unless the last one is recent; drops those past retention. Returns whether it recorded. */
    async record(point: ChartPoint): Promise<boolean> {
      const tx = db.transaction('chartPoints', 'readwrite');
      const last = await tx.store.openCursor(null, 'prev');
      if (last && point.time - last.value.time < POINT_EVERY_MS) {
        await tx.done;
        return false;
      }
      await tx.store.put(point);
      await tx.store.delete(IDBKeyRange.upperBound(point.time - POINT_KEEP_MS));
      await tx.done;
      return true;
    },
    all: (): Promise<ChartPoint[]> => db.getAll('chartPoints'),
  };
}

export type ChartPoints = ReturnType<typeof chartPoints>;

/** The sealed API key, where no content script can read it. */
export function sealedKey(db: Store): Stored<SealedKey | undefined> {
  return {
    get: () => db.get('keys', 'sealed'),
    set: (value) => db.put('keys', value!, 'sealed').then(() => undefined),
    remove: () => db.delete('keys', 'sealed'),
  };
}
