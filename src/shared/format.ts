/** Display formatting. Inputs are decimal strings from the background; output is for people. */

/** "1.2300" → "1.23", "5.000" → "5"; keeps what the exchange sent, without float rounding. */
export function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Groups thousands and cuts to `decimals` places (truncating: a display never rounds up money). */
export function fmt(value: string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = value.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cut = trimZeros(`0.${frac.slice(0, decimals)}`).slice(2);
  return `${negative ? '-' : ''}${grouped}${cut ? `.${cut}` : ''}`;
}

/** A fraction as a percentage: "0.0001" → "0.01 %". */
export function pct(fraction: string | null | undefined, decimals = 2): string {
  if (fraction === null || fraction === undefined) return '—';
  const n = Number(fraction) * 100;
  return `${n.toFixed(decimals)} %`;
}

/** "3 h 05 min", "42 min", "42 s" until `time`: seconds only in the last minute. */
export function countdown(time: number, now: number): string {
  const s = Math.max(0, Math.round((time - now) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** A price with the precision it needs: cents above 1, more for sub-cent coins (1000PEPE). */
export function price(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Math.abs(Number(value));
  return fmt(value, n >= 1000 ? 2 : n >= 1 ? 4 : 8);
}
