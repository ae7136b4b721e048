/**
 * The service worker: the only context that holds keys and calls Binance. Listeners are registered
 * at the top level so a restarted worker hears the event that woke it; no state lives only in memory.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { createHandlers } from './app';
import { createKeystore } from './keystore';
import { chromeArea } from './kv';
import { route } from './router';
import { settingsStore } from './settings-store';

const local = chromeArea(chrome.storage.local);
const session = chromeArea(chrome.storage.session);
const keystore = createKeystore({ local, session, now: Date.now });
const settings = settingsStore(local);

const handlers = createHandlers({
  version: browser.runtime.getManifest().version,
  keystore,
  settings,
  local,
  restrictions: async () => null,
  openOptions: () => browser.runtime.openOptionsPage(),
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender, browser.runtime.id, handlers),
);

const AUTOLOCK = 'autolock';
browser.alarms.create(AUTOLOCK, { periodInMinutes: 1 });
browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== AUTOLOCK) return;
  const { autoLockMinutes } = await settings.get();
  await keystore.lockIfIdle(autoLockMinutes * 60_000);
});
