/**
 * The service worker: the only context that holds keys and calls Binance. Listeners are registered
 * at the top level so a restarted worker hears the event that woke it; no state lives only in memory.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { forgetImportedKeys } from '../binance/sign';
import { weightBudget, type WeightState } from '../binance/weight';
import { createHandlers } from './app';
import { eventHub, type PortLike } from './events';
import { createKeystore } from './keystore';
import { chromeArea } from './kv';
import { route } from './router';
import { sessions } from './session';
import { settingsStore } from './settings-store';
import { openStore } from './store';
import { minuteCycle } from './watch';
import type { Severity } from '../shared/hedge-types';

const local = chromeArea(chrome.storage.local);
const session = chromeArea(chrome.storage.session);
const keystore = createKeystore({ local, session, now: Date.now });
const settings = settingsStore(local);
// While a Binance tab, the popup or the side panel is open, the user-data stream gives live updates.
const hub = eventHub(browser.runtime.id, (open) => void streamWhile(open > 0).catch(() => undefined));
const store = openStore();
const BADGE_COLOURS: Record<Severity, string> = { critical: '#f6465d', warn: '#f0b90b', info: '#848e9c' };
const WEIGHT_KEY = 'weightBudget';
const keyed = sessions({
  budget: weightBudget({
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    store: { load: () => local.get<WeightState>(WEIGHT_KEY), save: (state) => local.set(WEIGHT_KEY, state) },
  }),
  keystore,
  settings,
  session,
  local,
  store: () => store,
  now: Date.now,
  progress: (previewId, step) => hub.emit({ type: 'progress', previewId, step }),
  onChanged: (assets) => hub.emit({ type: 'changed', assets }),
  async setBadge(text, severity) {
    await browser.action.setBadgeText({ text });
    if (severity) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOURS[severity] });
  },
  async notify(warning) {
    await browser.notifications.create(`warning:${warning.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: warning.asset ? `Spot Hedge: ${warning.asset}` : 'Spot Hedge',
      message: warning.message,
      priority: 2,
    });
  },
});

/** The side panel of the window the user is in (needs a user gesture: a click in a view or on a notification). */
async function openSidePanel(): Promise<void> {
  const win = await browser.windows.getLastFocused();
  if (win.id !== undefined) await chrome.sidePanel.open({ windowId: win.id });
}

const handlers = createHandlers({
  version: browser.runtime.getManifest().version,
  keystore,
  settings,
  local,
  restrictions: (key) => keyed.restrictions(key),
  openOptions: () => browser.runtime.openOptionsPage(),
  openSidePanel,
  session: () => keyed.get(),
  now: Date.now,
  newId: () => crypto.randomUUID().replaceAll('-', '').slice(0, 24),
  // A lock, a new key or new settings must not leave a client holding the old key.
  onKeyChange: () => {
    keyed.drop();
    forgetImportedKeys();
  },
  reconcileSoon: () => void reconcile().catch(() => undefined),
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender, browser.runtime.id, handlers),
);
browser.runtime.onConnect.addListener((port) => hub.accept(port as unknown as PortLike));

browser.notifications.onClicked.addListener((id) => {
  if (id.startsWith('warning:')) void openSidePanel().catch(() => undefined);
});

async function streamWhile(viewsOpen: boolean): Promise<void> {
  if ((await keystore.state()).keys !== 'unlocked') return;
  const { live } = await keyed.get(false);
  if (viewsOpen) live.start();
  else live.stop();
}

/** How often to ask again about an order sent moments before the worker or browser stopped. */
const RECONCILE_RETRY_MS = 3_000;
const RECONCILE_RETRIES = 20;

/**
 * Settles orders a stopped worker left unfinished; needs an unlocked key, else waits for one.
 * An order sent just before the stop may still reach Binance, so open entries are asked about
 * again shortly (then by the minute alarm) rather than declared lost.
 */
let reconcileTimer: ReturnType<typeof setTimeout> | undefined;
async function reconcile(retries = RECONCILE_RETRIES): Promise<void> {
  clearTimeout(reconcileTimer);
  if ((await keystore.state()).keys !== 'unlocked') return;
  const { settled, open } = await (await keyed.get(false)).reconciler.reconcile();
  if (settled.length > 0) hub.emit({ type: 'changed', assets: settled });
  if (open > 0 && retries > 0) reconcileTimer = setTimeout(() => void reconcile(retries - 1).catch(() => undefined), RECONCILE_RETRY_MS);
}
void reconcile().catch(() => undefined);

/** Every minute: lock when idle, then the minute's work for the unlocked key. */
async function watch(): Promise<void> {
  const { autoLockMinutes } = await settings.get();
  // The monitor's own reads do not count as use, so they never keep the key unlocked.
  if (await keystore.lockIfIdle(autoLockMinutes * 60_000)) return keyed.drop();
  if ((await keystore.state()).keys !== 'unlocked') return;
  const dashboard = await minuteCycle(await keyed.get(false), session, Date.now());
  hub.emit({ type: 'changed', assets: dashboard.assets.map((a) => a.asset) });
}

const MINUTE = 'minute';
browser.alarms.create(MINUTE, { periodInMinutes: 1 });
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === MINUTE) void watch().catch(() => undefined);
});
