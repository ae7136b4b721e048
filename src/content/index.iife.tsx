/**
 * Content script on Binance spot pages: reads the pair from the URL, mounts the panel in a closed
 * shadow root while the route is a spot pair, and follows SPA route changes. Everything hangs on
 * AbortSignals, so leaving the page or an extension reload tears it all down; nothing here may
 * throw into the page.
 */
import { render } from 'preact';
import { pairFromUrl } from './binance-url';
import { contentLifetime } from './context';
import { mountHost } from './mount';
import { Panel } from './Panel';

function start(): void {
  const { signal } = contentLifetime();
  let mounted: { container: HTMLElement; unmount: AbortController } | null = null;

  const unmount = (): void => {
    if (!mounted) return;
    render(null, mounted.container);
    mounted.unmount.abort();
    mounted = null;
  };

  const show = (): void => {
    const pair = pairFromUrl(location.href);
    if (!pair) return unmount();
    if (!mounted) {
      const controller = new AbortController();
      const container = mountHost(AbortSignal.any([signal, controller.signal]));
      if (!container) return;
      mounted = { container, unmount: controller };
    }
    render(<Panel key={pair.base} pair={pair} />, mounted.container);
  };

  show();
  signal.addEventListener('abort', unmount, { once: true });
  // The Navigation API reports pushState/replaceState/popstate route changes without patching history.
  globalThis.navigation?.addEventListener('currententrychange', show, { signal });
}

try {
  start();
} catch (err) {
  console.warn('[Spot Hedge] panel not started', err);
}
