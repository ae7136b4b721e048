/**
 * The history charts, loaded after the side panel's first paint: uPlot is the largest part of the
 * side panel, so the dashboard shows first and the charts follow (or say they could not load).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';

type ChartsView = typeof import('./Charts').Charts;

export function LazyCharts({ version }: { version: number }) {
  const [Charts, setCharts] = useState<ChartsView | 'failed' | null>(null);
  useEffect(() => {
    import('./Charts').then(
      (m) => setCharts(() => m.Charts),
      () => setCharts('failed'),
    );
  }, []);
  if (Charts === 'failed') return <p class="error">{t('chartLoadFailed')}</p>;
  return Charts ? <Charts version={version} /> : <p class="muted">{t('chartLoading')}</p>;
}
