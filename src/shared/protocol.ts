/**
 * The one message protocol between the extension's contexts and the background.
 * Each request type is declared once: its schema (checked by the receiver), the contexts allowed
 * to send it, and its reply type. Anything undeclared is rejected.
 */
import * as v from 'valibot';
import type { AssetView, BatchPreview, ChartSeries, Dashboard, HedgeResult, Preview } from './hedge-types';
import type { Settings } from './settings';
import type { ErrorInfo } from './user-error';
import type { Words } from '../core';

export type { ErrorInfo } from './user-error';
import { KEY_TYPES } from '../binance/sign';
import type { Environment } from '../binance/env';

export type { Environment } from '../binance/env';
export type { KeyType } from '../binance/sign';

/** A content script on www.binance.com, or one of the extension's own pages (popup, side panel, options). */
export type SenderKind = 'content' | 'page';

// An asset name as Binance writes it: upper-case letters and digits (1000PEPE, BTC).
const Asset = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,20}$/));

const Passphrase = v.pipe(v.string(), v.maxLength(1024));

export const requestSchemas = {
  ping: v.object({ type: v.literal('ping') }),
  'state/get': v.object({ type: v.literal('state/get'), asset: v.optional(Asset) }),
  'keys/save': v.object({
    type: v.literal('keys/save'),
    apiKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{16,128}$/)),
    keyType: v.picklist(KEY_TYPES),
    secret: v.pipe(v.string(), v.minLength(16), v.maxLength(8192)),
    passphrase: Passphrase,
    /** The user ticked "I understand this key can withdraw". */
    acknowledgeWithdrawals: v.boolean(),
  }),
  'keys/unlock': v.object({ type: v.literal('keys/unlock'), passphrase: Passphrase }),
  'keys/lock': v.object({ type: v.literal('keys/lock') }),
  'keys/forget': v.object({ type: v.literal('keys/forget') }),
  'settings/get': v.object({ type: v.literal('settings/get') }),
  'settings/set': v.object({ type: v.literal('settings/set'), settings: v.record(v.string(), v.unknown()) }),
  'options/open': v.object({ type: v.literal('options/open') }),
  'hedge/view': v.object({ type: v.literal('hedge/view'), asset: Asset }),
  'hedge/preview': v.object({ type: v.literal('hedge/preview'), asset: Asset, intent: v.picklist(['hedge', 'close']), route: v.optional(v.picklist(['usdm', 'coinm'])) }),
  'hedge/execute': v.object({ type: v.literal('hedge/execute'), previewId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,36}$/)) }),
  'hedge/preview-all': v.object({ type: v.literal('hedge/preview-all') }),
  'hedge/execute-all': v.object({ type: v.literal('hedge/execute-all'), previewIds: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,36}$/))), v.minLength(1), v.maxLength(50)) }),
  'dashboard/get': v.object({ type: v.literal('dashboard/get'), refresh: v.boolean() }),
  'history/export': v.object({ type: v.literal('history/export') }),
  'history/charts': v.object({ type: v.literal('history/charts') }),
  'sidepanel/open': v.object({ type: v.literal('sidepanel/open') }),
} as const;

/**
 * Which contexts may send each request; the receiver enforces it. Secrets and settings only ever
 * travel from the extension's own pages: a content script shares its page's process.
 */
export const allowedSenders: { [K in RequestType]: readonly SenderKind[] } = {
  ping: ['content', 'page'],
  'state/get': ['content', 'page'],
  'keys/save': ['page'],
  'keys/unlock': ['page'],
  'keys/lock': ['page'],
  'keys/forget': ['page'],
  'settings/get': ['page'],
  'settings/set': ['page'],
  'options/open': ['content', 'page'],
  // The page names an asset only; every quantity and price comes from the API.
  'hedge/view': ['content', 'page'],
  'hedge/preview': ['content', 'page'],
  'hedge/execute': ['content', 'page'],
  'hedge/preview-all': ['page'],
  'hedge/execute-all': ['page'],
  'dashboard/get': ['page'],
  'history/export': ['page'],
  'history/charts': ['page'],
  'sidepanel/open': ['page'],
};


export const RequestSchema = v.variant('type', Object.values(requestSchemas));
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

export type KeyState = 'none' | 'locked' | 'unlocked';

/** What every view shows first: never a secret, only whether one is there. */
export interface AppState {
  version: string;
  keys: KeyState;
  /** First and last characters of the API key. */
  keyHint?: string;
  environment: Environment;
  /** Running on the bundled simulator with its demo account (npm start), not on Binance. */
  simulator: boolean;
}

/** What Binance says the key may do (/sapi/v1/account/apiRestrictions), and what that means. */
export interface KeyCheck {
  enableReading: boolean;
  enableFutures: boolean;
  enableWithdrawals: boolean;
  ipRestrict: boolean;
  permitsUniversalTransfer: boolean;
  enablePortfolioMarginTrading: boolean;
  /** Notes: no IP restriction, no transfer permission, Portfolio Margin. */
  warnings: Words[];
}

export type SaveKeyReply =
  | { saved: true; check: KeyCheck | null }
  /** Withdrawals are enabled: nothing was saved until the user acknowledges the risk. */
  | { saved: false; needsWithdrawalAck: true; check: KeyCheck };

export interface Replies {
  ping: { pong: true; version: string };
  'state/get': AppState;
  'keys/save': SaveKeyReply;
  'keys/unlock': AppState;
  'keys/lock': AppState;
  'keys/forget': AppState;
  'settings/get': Settings;
  'settings/set': Settings;
  'options/open': null;
  'hedge/view': AssetView;
  'hedge/preview': Preview;
  'hedge/execute': HedgeResult;
  'hedge/preview-all': BatchPreview;
  /** One outcome per preview, in order: its result, or why not. */
  'hedge/execute-all': { results: ({ ok: true; result: HedgeResult } | { ok: false; error: ErrorInfo })[] };
  /** null when no key is unlocked and nothing is cached. */
  'dashboard/get': Dashboard | null;
  'history/export': { journalCsv: string; fundingCsv: string };
  'history/charts': ChartSeries;
  'sidepanel/open': null;
}
export type Reply<K extends RequestType> = Replies[K];

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };
