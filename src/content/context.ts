/**
 * The content script's lifetime as an AbortSignal: aborted when the extension is reloaded or
 * updated under the page (runtime.id disappears), so a stale copy stops instead of throwing
 * "Extension context invalidated" into the page.
 */
import browser from 'webextension-polyfill';

export function contentLifetime(): AbortController {
  const controller = new AbortController();
  const check = (): void => {
    let alive = false;
    try {
      alive = Boolean(browser.runtime.id);
    } catch {
      alive = false;
    }
    if (!alive) controller.abort();
  };
  // Checked when the page becomes visible again rather than on a timer: no polling while idle.
  document.addEventListener('visibilitychange', check, { signal: controller.signal });
  return controller;
}
