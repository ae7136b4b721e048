/**
 * The x range of a time chart (seconds), from its data. A lone point gets an hour either side:
 * uPlot widens a one-point range by 86,400,000 before a range function sees it (a day, counted in
 * ms), which on a seconds scale is almost three years of empty axis.
 */
export function timeRange(xs: ArrayLike<number>): [number, number] {
  const first = xs[0] ?? 0;
  const last = xs[xs.length - 1] ?? first;
  return first === last ? [first - 3600, last + 3600] : [first, last];
}
