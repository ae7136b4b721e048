/**
 * The toolbar popup: what needs attention now — the funding and margin warnings, each with the
 * place to act on it (the side panel's dashboard), the margin ratio and the next funding of all
 * hedges — at the popup's ~360 px.
 */
import { pct, usdt } from '../shared/format';
import type { Dashboard, WarningView } from '../shared/hedge-types';
import { KeyControl } from '../shared/KeyControl';
import { send } from '../shared/messaging';
import { useDashboard } from '../shared/useDashboard';

const ACTION: Record<string, string> = {
  orphan: 'Close it',
  under: 'Rebalance',
  over: 'Rebalance',
  'margin-ratio': 'Add margin',
  liquidation: 'Add margin',
  'funding-cost': 'Review',
  leverage: 'Review',
};

const openDashboard = (): void => void send({ type: 'sidepanel/open' }).then(() => window.close(), () => undefined);

function Warning({ w }: { w: WarningView }) {
  const action = ACTION[w.kind];
  return (
    <div class={`warning sev-${w.severity}`} data-testid="warning" data-id={w.id}>
      <p>{w.message}</p>
      {action && <button class="small secondary" onClick={openDashboard}>{action} in the dashboard</button>}
    </div>
  );
}

export function App({ cached }: { cached: Dashboard | undefined }) {
  const { app, dashboard, refreshing, error, reload } = useDashboard(cached);
  const serious = dashboard?.warnings.filter((w) => w.severity !== 'info') ?? [];
  const paying = dashboard?.nextFunding.startsWith('-') ?? false;
  return (
    <main class="popup narrow" data-testid="popup">
      <h1>Spot Hedge {refreshing && <span class="muted">· updating…</span>}</h1>
      {app && <p data-testid="status" class="muted">Keys: {app.keys} · {app.environment}</p>}
      {app && <KeyControl app={app} onChange={reload} />}
      {error && <p class="error" role="alert">{error}</p>}
      {dashboard && (
        <>
          <section aria-label="Warnings" data-testid="warnings">
            {serious.length === 0 ? <p class="ok">No funding or margin warnings.</p> : serious.map((w) => <Warning key={w.id} w={w} />)}
          </section>
          <div class="summary">
            <div data-testid="margin-ratio">
              <span>Margin ratio</span>
              {pct(dashboard.marginRatio)}
            </div>
            <div data-testid="next-funding">
              <span>Next funding, all hedges</span>
              <span class={paying ? 'down' : 'up'}>
                {paying ? `you pay about ${usdt(dashboard.nextFunding.slice(1))} USDT` : `you receive about ${usdt(dashboard.nextFunding)} USDT`}
              </span>
            </div>
          </div>
          <p class="muted">A positive funding rate means longs pay shorts, so a short hedge receives.</p>
        </>
      )}
      <button class="secondary" onClick={openDashboard} data-testid="open-dashboard">
        Open dashboard
      </button>
    </main>
  );
}
