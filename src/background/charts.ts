/** The charts' series from the stored history. Numbers only here: they are drawn, not computed with. */
import Big from 'big.js';
import type { ChartSeries } from '../shared/hedge-types';
import type { ChartPoint, IncomeRow } from './store';

export function chartSeries(funding: IncomeRow[], points: ChartPoint[]): ChartSeries {
  let sum = new Big(0);
  const fx: number[] = [];
  const fy: number[] = [];
  for (const row of [...funding].sort((a, b) => a.time - b.time)) {
    sum = sum.plus(row.income);
    fx.push(Math.floor(row.time / 1000));
    fy.push(Number(sum.toFixed(8)));
  }
  const times = points.map((p) => Math.floor(p.time / 1000));
  const names = [...new Set(points.flatMap((p) => p.assets.map((a) => a.asset)))].sort();
  const assets = Object.fromEntries(
    names.map((name) => [name, points.map((p) => {
      const r = p.assets.find((a) => a.asset === name)?.ratio;
      return r === undefined || r === null ? null : Number(r);
    })]),
  );
  return {
    funding: [fx, fy],
    marginRatio: [times, points.map((p) => (p.marginRatio === null ? 0 : Number(p.marginRatio)))],
    hedgeRatio: { times, assets },
  };
}
