/**
 * The one message protocol between the extension's contexts and the background.
 * Each request type is declared once: its schema (checked by the receiver), the contexts allowed
 * to send it, and its reply type. Anything undeclared is rejected.
 */
import * as v from 'valibot';

/** A content script on www.binance.com, or one of the extension's own pages (popup, side panel, options). */
export type SenderKind = 'content' | 'page';

// An asset name as Binance writes it: upper-case letters and digits (1000PEPE, BTC).
const Asset = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,20}$/));

export const requestSchemas = {
  ping: v.object({ type: v.literal('ping') }),
  'state/get': v.object({ type: v.literal('state/get'), asset: v.optional(Asset) }),
} as const;

/** Which contexts may send each request; the receiver enforces it. */
export const allowedSenders: { [K in RequestType]: readonly SenderKind[] } = {
  ping: ['content', 'page'],
  'state/get': ['content', 'page'],
};

export const RequestSchema = v.variant('type', Object.values(requestSchemas));
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;

export type KeyState = 'none' | 'locked' | 'unlocked';
export type Environment = 'production' | 'testnet' | 'demo';

/** What every view shows first: never a secret, only whether one is there. */
export interface AppState {
  version: string;
  keys: KeyState;
  environment: Environment;
}

export interface Replies {
  ping: { pong: true; version: string };
  'state/get': AppState;
}
export type Reply<K extends RequestType> = Replies[K];

/** A failure a user can act on: `message` says what happened, `action` what to do. */
export interface ErrorInfo {
  code: string;
  message: string;
  action?: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };
