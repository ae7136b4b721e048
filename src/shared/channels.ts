/**
 * The pushes from the background to the views, declared once with their direction (requests from
 * views to the background are protocol.ts):
 * - the events port (background → content script and extension pages): an order's progress, and
 *   which assets changed; the background accepts it only from senders the router accepts;
 * - the dashboard broadcast (background → extension pages): each Dashboard the monitor publishes
 *   is stored as ITEMS.dashboard, and views follow its changes. Content scripts do not use it.
 * The views' ends of both are shared/listen.ts; the background's end is background/event-hub.ts.
 */
import type { Step } from './hedge-types';

/** The long-lived port views open to receive BackgroundEvents. */
export const EVENTS_PORT = 'events';

/** Pushed from the background to connected views. */
export type BackgroundEvent = { type: 'progress'; previewId: string; step: Step } | { type: 'changed'; assets: string[] };
