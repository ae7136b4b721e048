/**
 * The dashboard for a view: the cached copy at once, then a fresh one from Binance, and again
 * whenever the background reports a change.
 */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { followDashboards, readDashboard } from './listen';
import { FIRST_DATA_MARK, type Dashboard } from './hedge-types';
import { errorText } from './describe-error';
import { send } from './messaging';
import type { AppState } from './protocol';

let marked = false;

/**
 * The last dashboard the background stored (storage.local, no secrets). A view reads it before its
 * first render so it opens with data instead of painting an empty frame and reading after it; a
 * read that fails or stalls just means no cached copy.
 */
export function readCachedDashboard(): Promise<Dashboard | undefined> {
  const read = readDashboard().then(
    (d) => d ?? undefined,
    () => undefined,
  );
  return Promise.race([read, new Promise<undefined>((resolve) => setTimeout(resolve, 250))]);
}

export interface DashboardState {
  app: AppState | null;
  dashboard: Dashboard | null;
  refreshing: boolean;
  error: string | null;
  reload: () => void;
}

export function useDashboard(cached: Dashboard | undefined): DashboardState {
  const [app, setApp] = useState<AppState | null>(null);
  const [dashboard, setDashboard] = useState<Dashboard | null>(cached ?? null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // Marked when the numbers are in the DOM, before the paint that shows them (a plain effect waits a
  // frame past that paint).
  useLayoutEffect(() => {
    if (dashboard && !marked) {
      marked = true;
      performance.mark(FIRST_DATA_MARK);
    }
  }, [dashboard]);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const state = await send({ type: 'state/get' });
        if (!live) return;
        setApp(state);
        if (state.keys !== 'unlocked') return setRefreshing(false);
        setRefreshing(true);
        const fresh = await send({ type: 'dashboard/get', refresh: true });
        if (live) {
          setDashboard(fresh);
          setError(null);
        }
      } catch (err) {
        if (live) setError(errorText(err));
      } finally {
        if (live) setRefreshing(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [tick]);

  // The background stores every refresh it makes (minute alarm, live streams): follow that rather
  // than asking it to refresh again.
  useEffect(() => followDashboards(setDashboard), []);

  return { app, dashboard, refreshing, error, reload: () => setTick((t) => t + 1) };
}
