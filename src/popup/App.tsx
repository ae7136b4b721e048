import { fmt, pct } from '../shared/format';
import type { Dashboard, WarningView } from '../shared/hedge-types';
import { send } from '../shared/messaging';
import { KeyControl } from '../shared/Unlock';
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

function Warning({ w }: { w: WarningView }) {
  const action = ACTION[w.kind];
  return (
    <div class={`warning sev-${w.severity}`} data-testid="warning" data-id={w.id}>
      <p>{w.message}</p>
      {action && (
        <button class="small secondary" onClick={() => void send({ type: 'sidepanel/open' }).then(() => window.close(), () => undefined)}>
          {action} in the dashboard
        </button>
      )}
    </div>
  );
}

export function App({ cached }: { cached: Dashboard | undefined }) {
  const { app, dashboard, refreshing, error, reload } = useDashboard(cached);
  const serious = dashboard?.warnings.filter((w) => w.severity !== 'info') ?? [];
  const next = dashboard ? Number(dashboard.nextFunding) : 0;
  return (
    <main style={{ width: '340px' }} data-testid="popup">
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
              {pct(dashboard.marginRatio, 1)}
            </div>
            <div data-testid="next-funding">
              <span>Next funding, all hedges</span>
              <span class={next < 0 ? 'down' : 'up'}>{next < 0 ? `you pay about ${fmt(String(-next))} USDT` : `you receive about ${fmt(dashboard.nextFunding)} USDT`}</span>
            </div>
          </div>
          <p class="muted">A positive funding rate means longs pay shorts, so a short hedge receives.</p>
        </>
      )}
      <button class="secondary" onClick={() => void send({ type: 'sidepanel/open' }).then(() => window.close(), () => undefined)} data-testid="open-dashboard">
        Open dashboard
      </button>
    </main>
  );
}
