import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPercent, toPercent } from '../../../src/shared/percent';

// [what people type, the stored fraction, how the form shows it again]
const CASES = [
  ['50', '0.5', '50'],
  ['2.5', '0.025', '2.5'],
  ['100', '1', '100'],
  ['0.07', '0.0007', '0.07'],
  ['7', '0.07', '7'],
  [' 15 ', '0.15', '15'],
  ['.5', '0.005', '0.5'],
  ['250.', '2.5', '250'],
  ['0', '0', '0'],
] as const;

describe('percentages at the options form', () => {
  it('reads what people type as the stored fraction, and shows it back, without float error', () => {
    for (const [typed, fraction, shown] of CASES) {
      expect(fromPercent(typed), typed).toBe(fraction);
      expect(toPercent(fraction), fraction).toBe(shown);
    }
  });
  it('refuses what is not a plain number', () => {
    for (const bad of ['', '.', '-5', '5%', '1e2', 'abc', '1.2.3']) expect(fromPercent(bad), bad).toBeNull();
  });
  it('round-trips every fraction with up to 8 decimals', () => {
    const fraction = fc.tuple(fc.nat(1000), fc.nat(99_999_999)).map(([int, frac]) => `${int}.${String(frac).padStart(8, '0')}`.replace(/\.?0+$/, ''));
    fc.assert(fc.property(fraction, (f) => fromPercent(toPercent(f)) === f));
  });
});
