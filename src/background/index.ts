/**
 * The service worker: the only context that holds keys and calls Binance. Listeners are registered
 * at the top level so a restarted worker hears the event that woke it; no state lives only in memory.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { forgetImportedKeys } from '../binance/sign';
import { createHandlers } from './app';
import { eventHub, type PortLike } from './events';
import { createKeystore } from './keystore';
import { chromeArea } from './kv';
import { route } from './router';
import { sessions } from './session';
import { settingsStore } from './settings-store';
import { journal, openStore } from './store';

const local = chromeArea(chrome.storage.local);
const session = chromeArea(chrome.storage.session);
const keystore = createKeystore({ local, session, now: Date.now });
const settings = settingsStore(local);
const hub = eventHub(browser.runtime.id);
const store = openStore().then(journal);
const keyed = sessions({
  keystore,
  settings,
  session,
  journal: () => store,
  now: Date.now,
  progress: (previewId, step) => hub.emit({ type: 'progress', previewId, step }),
});

const handlers = createHandlers({
  version: browser.runtime.getManifest().version,
  keystore,
  settings,
  local,
  restrictions: (key) => keyed.restrictions(key),
  openOptions: () => browser.runtime.openOptionsPage(),
  session: () => keyed.get(),
  now: Date.now,
  newId: () => crypto.randomUUID().replaceAll('-', '').slice(0, 24),
  // A lock, a new key or new settings must not leave a client holding the old key.
  onKeyChange: () => {
    keyed.drop();
    forgetImportedKeys();
  },
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender, browser.runtime.id, handlers),
);
browser.runtime.onConnect.addListener((port) => hub.accept(port as unknown as PortLike));

/** Settles orders a stopped worker left unfinished; needs an unlocked key, else waits for one. */
async function reconcile(): Promise<void> {
  if ((await keystore.state()).keys !== 'unlocked') return;
  await (await keyed.get()).executor.reconcile();
}
void reconcile().catch(() => undefined);

const MINUTE = 'minute';
browser.alarms.create(MINUTE, { periodInMinutes: 1 });
browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== MINUTE) return;
  const { autoLockMinutes } = await settings.get();
  if (await keystore.lockIfIdle(autoLockMinutes * 60_000)) keyed.drop();
  else await reconcile().catch(() => undefined);
});
