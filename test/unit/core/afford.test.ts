import { describe, expect, it } from 'vitest';
import { largestAffordable, lotRules, marginFrom, transferFor } from '../../../src/core';
import { SYMBOLS } from './fixtures';

const rules = (symbol: string) => lotRules(SYMBOLS.find((s) => s.symbol === symbol)!);

describe('what the free margin allows', () => {
  it('the largest order whose margin and taker fee fit, cut to the step', () => {
    // ETH at 3,400, 2x, 0.05 % taker: 1,700 + 1.70 a coin; 510 / 1,701.70 = 0.2997… → 0.299.
    expect(largestAffordable({ funds: '510', markPrice: '3400', leverage: 2, takerRate: '0.0005', rules: rules('ETHUSDT') })).toBe('0.299');
    // BTC at 97,000, 2x: 48,548.50 a coin; 500 → 0.0102… → 0.010 (970 notional ≥ the 100 minimum).
    expect(largestAffordable({ funds: '500', markPrice: '97000', leverage: 2, takerRate: '0.0005', rules: rules('BTCUSDT') })).toBe('0.01');
  });
  it('null under the contract minimums: nothing Binance would take', () => {
    // 5 USDT: 0.002 ETH is 6.80 notional, under ETHUSDT's 20.
    expect(largestAffordable({ funds: '5', markPrice: '3400', leverage: 2, takerRate: '0.0005', rules: rules('ETHUSDT') })).toBeNull();
    expect(largestAffordable({ funds: '0', markPrice: '3400', leverage: 2, takerRate: '0.0005', rules: rules('ETHUSDT') })).toBeNull();
  });
  it('in Multi-Assets mode a stablecoin counts at 0.9999: more must move for the same margin', () => {
    expect(transferFor('100', false)).toBe('100.00');
    expect(transferFor('100', true)).toBe('100.02'); // 100 / 0.9999 = 100.010001 → up to the cent
    expect(transferFor('19920.4', true)).toBe('19922.40'); // 19,922.3922… → 19,922.40
    expect(marginFrom('10000', true)).toBe('9999');
    expect(marginFrom('10000', false)).toBe('10000');
  });
});
