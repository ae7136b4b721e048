import { describe, expect, it } from 'vitest';
import { countdown, fmt, pct, price, trimZeros } from '../../../src/shared/format';

describe('format', () => {
  it('trims trailing zeros without touching integers', () => {
    expect(trimZeros('1.2300')).toBe('1.23');
    expect(trimZeros('5.000')).toBe('5');
    expect(trimZeros('500')).toBe('500');
  });
  it('groups thousands and truncates, never rounding money up', () => {
    expect(fmt('30000000')).toBe('30,000,000');
    expect(fmt('97123.999', 2)).toBe('97,123.99');
    expect(fmt('-0.4299', 2)).toBe('-0.42');
    expect(fmt(null)).toBe('—');
  });
  it('shows fractions as percentages', () => {
    expect(pct('0.0001', 4)).toBe('0.0100 %');
    expect(pct('0.43', 0)).toBe('43 %');
  });
  it('counts down to the next funding', () => {
    expect(countdown(3 * 3600_000 + 5 * 60_000, 0)).toBe('3 h 05 min');
    expect(countdown(42_000, 0)).toBe('42 s');
    expect(countdown(-5, 0)).toBe('0 s');
  });
});

describe('price', () => {
  it('keeps the precision a price needs', () => {
    expect(price('144477.51322751')).toBe('144,477.51');
    expect(price('180.12345')).toBe('180.1234');
    expect(price('0.0120000')).toBe('0.012');
  });
});

describe('countdown granularity', () => {
  it('shows minutes while more than a minute remains, seconds in the last one', () => {
    expect(countdown(42 * 60_000 + 13_000, 0)).toBe('42 min');
    expect(countdown(59_000, 0)).toBe('59 s');
  });
});
