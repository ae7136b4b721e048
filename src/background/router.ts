/**
 * The receiving side of the protocol: checks who is asking (sender) and what (schema) before any
 * handler runs, and turns every failure into an Envelope the caller can show.
 */
import * as v from 'valibot';
import { words, type Words } from '../core';
import { asUserError } from './explain';
import {
  RequestSchema,
  allowedSenders,
  type Envelope,
  type Reply,
  type RequestOf,
  type RequestType,
  type SenderKind,
} from '../shared/protocol';

/** The parts of chrome.runtime.MessageSender the checks need. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  frameId?: number;
}

export type Handlers = { [K in RequestType]: (request: RequestOf<K>) => Promise<Reply<K>> };

const SPOT_ORIGIN = 'https://www.binance.com';

/** A content script in the top frame of a binance.com tab, or one of our own pages; else null. */
export function senderKind(sender: SenderInfo, extensionId: string): SenderKind | null {
  if (sender.id !== extensionId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Compared by parts: `origin` of a chrome-extension: URL is "null" outside the browser.
  if (url.protocol === 'chrome-extension:' && url.host === extensionId) return 'page';
  if (url.origin === SPOT_ORIGIN && sender.tab && sender.frameId === 0) return 'content';
  return null;
}

const fail = (code: string, message: Words): Envelope<never> => ({ ok: false, error: { code, message } });

export async function route(
  raw: unknown,
  sender: SenderInfo,
  extensionId: string,
  handlers: Handlers,
): Promise<Envelope<unknown>> {
  const kind = senderKind(sender, extensionId);
  if (!kind) return fail('forbidden-sender', words('errForbiddenSender'));
  const parsed = v.safeParse(RequestSchema, raw);
  if (!parsed.success) return fail('bad-request', words('errBadRequest'));
  const request = parsed.output;
  if (!allowedSenders[request.type].includes(kind)) {
    return fail('forbidden-sender', words('errForbiddenRequest', request.type));
  }
  try {
    const handler = handlers[request.type] as (r: typeof request) => Promise<unknown>;
    return { ok: true, data: await handler(request) };
  } catch (err) {
    return { ok: false, error: asUserError(err).info };
  }
}


