/**
 * The background in the service worker: the wiring over Chrome's storage, IndexedDB and APIs, and
 * the listeners index.ts registers.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { Severity } from '../shared/hedge-types';
import { say, t } from '../shared/i18n';
import { chromeArea } from '../shared/storage';
import type { PortLike } from './event-hub';
import { route } from './router';
import { openStore } from './store';
import { wire } from './wiring';

const BADGE_COLOURS: Record<Severity, string> = { critical: '#f6465d', warn: '#f0b90b', info: '#848e9c' };
/** chrome.alarms' name for the minute's work. */
export const MINUTE_ALARM = 'minute';

/** The side panel of the window the user is in (needs a user gesture: a click in a view or on a notification). */
async function openSidePanel(): Promise<void> {
  const win = await browser.windows.getLastFocused();
  if (win.id !== undefined) await chrome.sidePanel.open({ windowId: win.id });
}

const bg = wire({
  areas: { local: chromeArea(chrome.storage.local), session: chromeArea(chrome.storage.session) },
  db: openStore(),
  now: Date.now,
  extensionId: browser.runtime.id,
  version: browser.runtime.getManifest().version,
  newId: () => crypto.randomUUID().replaceAll('-', '').slice(0, 24),
  openOptions: () => browser.runtime.openOptionsPage(),
  openSidePanel,
  async setBadge(text, severity) {
    await browser.action.setBadgeText({ text });
    if (severity) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOURS[severity] });
  },
  async notify(warning) {
    await browser.notifications.create(`warning:${warning.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: warning.asset ? t('notifyTitleAsset', warning.asset) : t('notifyTitle'),
      message: say(warning.message),
      priority: 2,
    });
  },
});

export const worker = {
  onMessage: (message: unknown, sender: Runtime.MessageSender) => route(message, sender, browser.runtime.id, bg.handlers),
  onConnect: (port: Runtime.Port) => bg.hub.accept(port as unknown as PortLike),
  onNotificationClicked: (id: string) => {
    if (id.startsWith('warning:')) void openSidePanel().catch(() => undefined);
  },
  onAlarm: (alarm: { name: string }) => {
    if (alarm.name === MINUTE_ALARM) void bg.watch.minute().catch(() => undefined);
  },
  start: () => bg.start(),
};
