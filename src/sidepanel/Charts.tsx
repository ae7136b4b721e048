/**
 * The side panel's history charts (uPlot, loaded lazily by LazyCharts): cumulative funding, the
 * margin ratio, and each asset's hedge ratio over time, drawn at the panel's width.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from '../shared/hedge-types';
import { t, uiLanguage } from '../shared/i18n';
import { timeRange } from './time-range';
import { send } from '../shared/messaging';

const COLOURS = ['#f0b90b', '#0ecb81', '#3b82f6', '#f6465d', '#a855f7', '#14b8a6'];
const AXIS = { stroke: '#848e9c', grid: { stroke: '#2b3139' }, ticks: { stroke: '#2b3139' } };

// uPlot writes dates in English: the time axis and the legend's time are written by Intl instead.
const day = new Intl.DateTimeFormat(uiLanguage(), { month: 'short', day: 'numeric' });
const hour = new Intl.DateTimeFormat(uiLanguage(), { hour: 'numeric', minute: '2-digit' });
const moment = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
const dayOf = (s: number): string => new Date(s * 1000).toDateString();

/** Days once ticks are a day apart; else times, with the day under the first time of each day. */
function timeLabels(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  return splits.map((s, i) => {
    const at = s * 1000;
    if (incr >= 86_400) return day.format(at);
    return i === 0 || dayOf(s) !== dayOf(splits[i - 1]!) ? `${hour.format(at)}\n${day.format(at)}` : hour.format(at);
  });
}
const TIME_AXIS: uPlot.Axis = { ...AXIS, values: timeLabels };
const TIME_SERIES: uPlot.Series = { label: t('chartTime'), value: (_u, s) => (s === null ? '—' : moment.format(s * 1000)) };

function Chart({ title, data, series }: { title: string; data: uPlot.AlignedData; series: uPlot.Series[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const plot = new uPlot(
      {
        width: Math.max(280, box.current.clientWidth),
        height: 140,
        series: [TIME_SERIES, ...series],
        axes: [TIME_AXIS, AXIS],
        legend: { show: series.length > 1 },
        scales: { x: { time: true, range: (u) => timeRange(u.data[0]) } },
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [data]);
  return (
    <figure class="chart" data-testid="chart">
      <figcaption class="muted">{title}</figcaption>
      <div ref={box} />
    </figure>
  );
}

export function Charts({ version }: { version: number }) {
  const [series, setSeries] = useState<ChartSeries | null>(null);
  useEffect(() => {
    send({ type: 'history/charts' }).then(setSeries, () => setSeries(null));
  }, [version]);
  if (!series) return null;
  const ratios = Object.entries(series.hedgeRatio.assets);
  return (
    <section aria-label={t('chartSection')} class="charts">
      {series.funding[0].length > 0 ? (
        <Chart title={t('chartFunding')} data={series.funding} series={[{ label: 'USDT', stroke: COLOURS[0], width: 2 }]} />
      ) : (
        <p class="muted">{t('chartNoFunding')}</p>
      )}
      {series.marginRatio[0].length > 0 && (
        <Chart title={t('commonMarginRatio')} data={series.marginRatio} series={[{ label: t('commonMarginRatio'), stroke: COLOURS[3], width: 2 }]} />
      )}
      {ratios.length > 0 && series.hedgeRatio.times.length > 0 && (
        <Chart
          title={t('chartHedgeRatio')}
          data={[series.hedgeRatio.times, ...ratios.map(([, v]) => v)] as uPlot.AlignedData}
          series={ratios.map(([name], i) => ({ label: name, stroke: COLOURS[i % COLOURS.length], width: 2 }))}
        />
      )}
    </section>
  );
}
