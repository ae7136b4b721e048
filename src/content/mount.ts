/**
 * One host element with a closed shadow root: the page's CSS cannot reach the panel and the
 * page's scripts cannot reach into it. Idempotent, so a re-run after back/forward does not duplicate.
 * The host lives exactly as long as `signal`.
 */
import { PANEL_CSS } from './styles';

const HOST_ATTR = 'data-spot-hedge';

/** Returns the element to render into, or null when a panel is already on the page. */
export function mountHost(signal: AbortSignal): HTMLElement | null {
  if (document.querySelector(`[${HOST_ATTR}]`)) return null;
  const host = document.createElement('div');
  host.setAttribute(HOST_ATTR, '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = PANEL_CSS;
  const container = document.createElement('div');
  root.append(style, container);
  document.documentElement.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return container;
}
