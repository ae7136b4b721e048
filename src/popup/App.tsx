/**
 * The toolbar popup: what needs attention now — the funding and margin warnings, each with the
 * place to act on it (the side panel's dashboard), the margin ratio and the next funding of all
 * hedges — at the popup's ~360 px.
 */
import { say, t } from '../shared/i18n';
import { pct, usdt } from '../shared/format';
import type { Dashboard, WarningView } from '../shared/hedge-types';
import { KeyControl } from '../shared/KeyControl';
import { send } from '../shared/messaging';
import { statusLine } from '../shared/status-line';
import { useDashboard } from '../shared/useDashboard';

/** The button under each kind of warning: what to do about it, in the dashboard. */
const ACTION: Record<string, string> = {
  orphan: 'popupCloseInDashboard',
  under: 'popupRebalanceInDashboard',
  over: 'popupRebalanceInDashboard',
  'margin-ratio': 'popupAddMarginInDashboard',
  liquidation: 'popupAddMarginInDashboard',
  'funding-cost': 'popupReviewInDashboard',
  leverage: 'popupReviewInDashboard',
};

const openDashboard = (): void => void send({ type: 'sidepanel/open' }).then(() => window.close(), () => undefined);

function Warning({ w }: { w: WarningView }) {
  const action = ACTION[w.kind];
  return (
    <div class={`warning sev-${w.severity}`} data-testid="warning" data-id={w.id}>
      <p>{say(w.message)}</p>
      {action && <button class="small secondary" onClick={openDashboard}>{t(action)}</button>}
    </div>
  );
}

export function App({ cached }: { cached: Dashboard | undefined }) {
  const { app, dashboard, refreshing, error, reload } = useDashboard(cached);
  const serious = dashboard?.warnings.filter((w) => w.severity !== 'info') ?? [];
  const paying = dashboard?.nextFunding.startsWith('-') ?? false;
  return (
    <main class="popup narrow" data-testid="popup">
      <h1>{t('extShortName')} {refreshing && <span class="muted">· {t('commonUpdating')}</span>}</h1>
      {app && <p data-testid="status" class="muted">{statusLine(app)}</p>}
      {app && <KeyControl app={app} onChange={reload} />}
      {error && <p class="error" role="alert">{error}</p>}
      {dashboard && (
        <>
          <section aria-label={t('commonWarnings')} data-testid="warnings">
            {serious.length === 0 ? <p class="ok">{t('popupNoWarnings')}</p> : serious.map((w) => <Warning key={w.id} w={w} />)}
          </section>
          <div class="summary">
            <div data-testid="margin-ratio">
              <span>{t('commonMarginRatio')}</span>
              {pct(dashboard.marginRatio)}
            </div>
            <div data-testid="next-funding">
              <span>{t('commonNextFundingAll')}</span>
              <span class={paying ? 'down' : 'up'}>
                {paying ? t('popupYouPay', usdt(dashboard.nextFunding.slice(1))) : t('popupYouReceive', usdt(dashboard.nextFunding))}
              </span>
            </div>
          </div>
          <p class="muted">{t('popupFundingSign')}</p>
        </>
      )}
      <button class="secondary" onClick={openDashboard} data-testid="open-dashboard">
        {t('popupOpenDashboard')}
      </button>
    </main>
  );
}
