/**
 * The side panel's dashboard, composed for Chrome's ~360 px side panel: the key, the futures
 * account, critical warnings, "hedge all", the holdings (compact rows, details on demand), the other
 * warnings (most restate a row's status), P&L, the history charts and the CSV export. One hedge flow serves the rows and "hedge all", so only one preview
 * awaits a confirm at a time; an outcome that has no row to sit under shows above the holdings.
 */
import { say, t, uiLanguage } from '../shared/i18n';
import { FlowOutcome } from '../shared/FlowOutcome';
import type { Dashboard, WarningView } from '../shared/hedge-types';
import { KeyControl } from '../shared/KeyControl';
import { statusLine } from '../shared/status-line';
import { useDashboard } from '../shared/useDashboard';
import { useHedgeFlow } from '../shared/useHedgeFlow';
import { ExportButton } from './ExportButton';
import { HedgeAll } from './HedgeAll';
import { Holdings, outcomeRow } from './Holdings';
import { LazyCharts } from './LazyCharts';
import { PnlList } from './Pnl';
import { Summary } from './Summary';

function Warnings({ warnings, label }: { warnings: WarningView[]; label: string }) {
  if (warnings.length === 0) return null;
  return (
    <section aria-label={label}>
      {warnings.map((w) => (
        <div key={w.id} class={`warning sev-${w.severity}`} data-testid="warning" data-id={w.id}>{say(w.message)}</div>
      ))}
    </section>
  );
}

export function App({ cached }: { cached: Dashboard | undefined }) {
  const { app, dashboard, refreshing, error, reload } = useDashboard(cached);
  const flow = useHedgeFlow({ onExecuted: reload });
  const rows = dashboard?.assets.filter((a) => a.status !== 'stablecoin') ?? [];
  return (
    <main data-testid="sidepanel" class="narrow">
      <h1>{t('sideTitle')} {refreshing && <span class="muted">· {t('commonUpdating')}</span>}</h1>
      {app && <p data-testid="status" class="muted">{statusLine(app)}</p>}
      {app && <KeyControl app={app} onChange={reload} />}
      {error && <p class="error" role="alert">{error}</p>}
      {dashboard && (
        <>
          <Summary dashboard={dashboard} />
          <Warnings warnings={dashboard.warnings.filter((w) => w.severity === 'critical')} label={t('sideCriticalWarnings')} />
          <HedgeAll flow={flow} rows={rows} />
          {flow.outcome && outcomeRow(flow.outcome, rows) === null && <FlowOutcome outcome={flow.outcome} onDismiss={flow.dismiss} />}
          <Holdings rows={rows} flow={flow} />
          <Warnings warnings={dashboard.warnings.filter((w) => w.severity !== 'critical')} label={t('commonWarnings')} />
          <PnlList rows={rows} />
          <p class="muted">{t('sideUpdated', new Date(dashboard.updatedAt).toLocaleTimeString(uiLanguage()))}</p>
          {app?.keys === 'unlocked' && <LazyCharts version={dashboard.updatedAt} />}
          <ExportButton />
        </>
      )}
    </main>
  );
}
