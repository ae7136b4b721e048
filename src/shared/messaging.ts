/**
 * The sending side of the protocol, for every context other than the background: one typed
 * request, one typed reply, and every failure — a refusal, a stopped worker, no reply — thrown as
 * a RequestError carrying words the user can act on (shared/describe-error.ts turns it into what views show).
 */
import browser from 'webextension-polyfill';
import { words } from '../core/words';
import type { Envelope, ErrorInfo, Reply, RequestOf, RequestType } from './protocol';

export class RequestError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message.id);
    this.name = 'RequestError';
  }
}

export async function send<K extends RequestType>(request: RequestOf<K>): Promise<Reply<K>> {
  let reply: Envelope<Reply<K>> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(request)) as Envelope<Reply<K>> | undefined;
  } catch {
    // The worker may be restarting or the extension was reloaded under this page.
    throw new RequestError(
      request.type === 'hedge/execute'
        ? { code: 'unreachable', message: words('errExtensionStoppedOrder'), action: words('errExtensionStoppedOrderDo') }
        : { code: 'unreachable', message: words('errBackgroundUnreachable'), action: words('errBackgroundUnreachableDo') },
    );
  }
  if (!reply) throw new RequestError({ code: 'no-reply', message: words('errNoReply') });
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.data;
}
