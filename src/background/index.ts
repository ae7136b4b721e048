/**
 * The service worker's entry: it only registers listeners, at the top level, so a restarted worker
 * hears the event that woke it. Everything they call is built in worker.ts; no state lives only
 * in memory.
 */
import browser from 'webextension-polyfill';
import { MINUTE_ALARM, worker } from './worker';

browser.runtime.onMessage.addListener(worker.onMessage);
browser.runtime.onConnect.addListener(worker.onConnect);
browser.notifications.onClicked.addListener(worker.onNotificationClicked);
browser.alarms.onAlarm.addListener(worker.onAlarm);
browser.alarms.create(MINUTE_ALARM, { periodInMinutes: 1 });
void worker.start().catch(() => undefined);
