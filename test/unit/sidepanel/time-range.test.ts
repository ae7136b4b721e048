import { describe, expect, it } from 'vitest';
import { timeRange } from '../../../src/sidepanel/time-range';

describe('timeRange', () => {
  const t = 1_795_590_000;

  it('gives a lone point an hour either side', () => {
    expect(timeRange([t])).toEqual([t - 3600, t + 3600]);
  });

  it('spans the data, first to last', () => {
    expect(timeRange([t, t + 60, t + 8 * 3600])).toEqual([t, t + 8 * 3600]);
  });
});
