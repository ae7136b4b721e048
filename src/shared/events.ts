/**
 * Events from the background (progress, changes) over a port. The worker may stop and drop the
 * port; it is reopened on demand, and a dead extension context just ends the subscription.
 */
import browser, { type Runtime } from 'webextension-polyfill';
// From hedge-types, not protocol: the content script must not pull in the request schemas.
import { EVENTS_PORT, type BackgroundEvent } from './hedge-types';

export function subscribe(onEvent: (e: BackgroundEvent) => void, signal: AbortSignal): void {
  let port: Runtime.Port | null = null;
  const connect = (): void => {
    if (signal.aborted) return;
    try {
      port = browser.runtime.connect({ name: EVENTS_PORT });
    } catch {
      return; // extension reloaded: the content lifetime ends separately
    }
    port.onMessage.addListener((m: unknown) => onEvent(m as BackgroundEvent));
    port.onDisconnect.addListener(() => {
      port = null;
      // Reconnect lazily: the worker restarts on the next request anyway.
      setTimeout(connect, 1000);
    });
  };
  connect();
  signal.addEventListener('abort', () => port?.disconnect(), { once: true });
}
