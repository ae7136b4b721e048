/**
 * Percentages at the options form's edge: people type "50" or "2.5" (%), settings store the
 * fraction "0.5" or "0.025". The decimal point is moved in the string itself — no float, so 2.5
 * never becomes 0.025000000000000001.
 */

const NUMBER = /^(\d*)(?:\.(\d*))?$/;

/** Digits with the decimal point moved `shift` places right (negative: left), without extra zeros. */
function shifted(text: string, shift: number): string | null {
  const match = NUMBER.exec(text.trim());
  if (!match || (match[1] === '' && !match[2])) return null;
  const int = match[1]!;
  const frac = match[2] ?? '';
  const digits = int + frac;
  const point = int.length + shift;
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 0);
  const whole = padded.slice(0, at).replace(/^0+/, '') || '0';
  const rest = padded.slice(at).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** "0.025" → "2.5": a stored fraction as the percentage the form shows. */
export const toPercent = (fraction: string): string => shifted(fraction, 2) ?? fraction;

/** "2.5" → "0.025"; null when the text is not a plain non-negative number. */
export const fromPercent = (text: string): string | null => shifted(text, -2);
