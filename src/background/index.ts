/**
 * The service worker: the only context that holds keys and calls Binance. Listeners are registered
 * at the top level so a restarted worker hears the message that woke it.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { route, type Handlers } from './router';
import type { AppState } from '../shared/protocol';

const version = browser.runtime.getManifest().version;

async function getState(): Promise<AppState> {
  return { version, keys: 'none', environment: 'production' };
}

const handlers: Handlers = {
  ping: async () => ({ pong: true, version }),
  'state/get': async () => getState(),
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender, browser.runtime.id, handlers));
