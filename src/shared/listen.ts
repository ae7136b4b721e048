/** The views' ends of the background's pushes (declared in channels.ts): the events port and the dashboard broadcast. */
import browser, { type Runtime } from 'webextension-polyfill';
import { EVENTS_PORT, type BackgroundEvent } from './channels';
import type { Dashboard } from './hedge-types';
import { ITEMS, unwrap } from './storage';

/**
 * Receives BackgroundEvents until `signal` aborts. The worker may stop and drop the port; it is
 * reopened on demand, and a dead extension context just ends the subscription.
 */
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

/** Calls `onDashboard` with each dashboard the background publishes; returns the unsubscribe. */
export function followDashboards(onDashboard: (d: Dashboard) => void): () => void {
  const follow = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[ITEMS.dashboard.key];
    if (area !== ITEMS.dashboard.area || !change) return;
    const next = unwrap(ITEMS.dashboard, change.newValue);
    if (next) onDashboard(next);
  };
  browser.storage.onChanged.addListener(follow);
  return () => browser.storage.onChanged.removeListener(follow);
}

/** The last published dashboard, or null (none yet, or written by an older build). */
export async function readDashboard(): Promise<Dashboard | null> {
  const got = await browser.storage[ITEMS.dashboard.area].get(ITEMS.dashboard.key);
  return unwrap(ITEMS.dashboard, got[ITEMS.dashboard.key]);
}
