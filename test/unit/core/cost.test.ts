import { describe, expect, it } from 'vitest';
import { annualOfNotional, basisAnnualized, fundingOver, quarterlyFor, rateHistory } from '../../../src/core/cost';
import type { ExchangeInfoSymbol, PremiumIndex } from '../../../src/core';
import { SYMBOLS } from './fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const fee = (symbol: string, income: string, daysAgo: number, incomeType = 'FUNDING_FEE') => ({ symbol, incomeType, income, time: NOW - daysAgo * DAY });

describe('funding received or paid over a window', () => {
  const rows = [
    fee('BTCUSDT', '5', 2),
    fee('BTCUSDT', '7.4', 6),
    fee('BTCUSDT', '-50.6', 20),
    fee('BTCUSDT', '100', 31), // before the 30 days
    fee('BTCUSDT', '-1', 7), // exactly 7 days ago: in the 30 days, not in the 7
    fee('ETHUSDT', '3', 1), // another symbol
    fee('BTCUSDT', '-9', 1, 'COMMISSION'), // not funding
  ];

  it('sums FUNDING_FEE rows of the symbol after now − days: 7 days 5 + 7.4 = 12.4; 30 days 12.4 − 1 − 50.6 = −39.2', () => {
    expect(fundingOver(rows, 'BTCUSDT', NOW, 7)).toBe('12.4');
    expect(fundingOver(rows, 'BTCUSDT', NOW, 30)).toBe('-39.2');
  });

  it('counts a row stamped a little after now (Binance\'s clock ahead of ours)', () => {
    expect(fundingOver([{ ...fee('BTCUSDT', '2', 0), time: NOW + 500 }], 'BTCUSDT', NOW, 7)).toBe('2');
  });

  it('is 0 without rows', () => {
    expect(fundingOver([], 'BTCUSDT', NOW, 30)).toBe('0');
  });

  it('as a yearly share of the notional: −31.2 over 30 days on 6,000 USDT = −31.2 / 6,000 × 365 / 30 = −0.063267', () => {
    expect(annualOfNotional('-31.2', '6000', 30)).toBe('-0.063267');
    // +12.4 over 7 days on 97,000: 12.4 / 97,000 × 365 / 7 = 0.006666 (0.67 %/yr).
    expect(annualOfNotional('12.4', '97000', 7)).toBe('0.006666');
  });
});

describe('the rate history', () => {
  const at = (fundingRate: string, daysAgo: number) => ({ fundingRate, fundingTime: NOW - daysAgo * DAY });
  const rates = [at('-0.01', 31), at('0.0001', 20), at('0.0002', 10), at('-0.00006', 1)];

  it('annualizes the average by the symbol\'s interval: average 0.00008 × 3 × 365 = 0.0876 at 8 h, × 6 × 365 = 0.1752 at 4 h', () => {
    expect(rateHistory(rates, 8, NOW, 30)).toEqual({ rateAnnual: '0.0876', paidShare: '0.3333' });
    expect(rateHistory(rates, 4, NOW, 30)).toEqual({ rateAnnual: '0.1752', paidShare: '0.3333' });
  });

  it('a short pays only when the rate is negative: positive rates (longs pay shorts) are never counted as paid, a zero rate neither', () => {
    expect(rateHistory([at('0.0001', 1), at('0.0003', 2)], 8, NOW, 30)?.paidShare).toBe('0');
    expect(rateHistory([at('0', 1), at('-0.0001', 2), at('0.0001', 3), at('-0.0002', 4)], 8, NOW, 30)?.paidShare).toBe('0.5');
    // Average −0.00015 × 3 × 365 = −0.16425: negative, the short's cost.
    expect(rateHistory([at('-0.0001', 1), at('-0.0002', 2)], 8, NOW, 30)).toEqual({ rateAnnual: '-0.16425', paidShare: '1' });
  });

  it('is null without a funding event in the window', () => {
    expect(rateHistory([at('0.0001', 40)], 8, NOW, 30)).toBeNull();
  });
});

describe('a quarterly\'s basis', () => {
  it('annualizes (mark − index) / index to delivery: mark 101,200, index 100,000, 120 days: 0.012 × 365 / 120 = 0.0365', () => {
    expect(basisAnnualized('101200', '100000', NOW + 120 * DAY, NOW)).toBe('0.0365');
    // Below the index (backwardation): −0.006 × 365 / 60 = −0.0365, the short would pay it.
    expect(basisAnnualized('99400', '100000', NOW + 60 * DAY, NOW)).toBe('-0.0365');
  });

  const quarterly = (symbol: string, contractType: string, deliveryDate: number, over: Partial<ExchangeInfoSymbol> = {}): ExchangeInfoSymbol => ({
    ...SYMBOLS.find((s) => s.symbol === 'BTCUSDT')!,
    symbol,
    contractType,
    deliveryDate,
    ...over,
  });
  const premium = (symbol: string, markPrice: string, indexPrice?: string): PremiumIndex => ({ symbol, markPrice, ...(indexPrice ? { indexPrice } : {}), lastFundingRate: '', nextFundingTime: 0 });
  const soon = quarterly('BTCUSDT_261204', 'CURRENT_QUARTER', NOW + 10 * DAY);
  const next = quarterly('BTCUSDT_270325', 'NEXT_QUARTER', NOW + 120 * DAY);
  const symbols = [...SYMBOLS.filter((s) => s.contractType === 'PERPETUAL'), soon, next, quarterly('ETHUSDT_270325', 'NEXT_QUARTER', NOW + 120 * DAY, { baseAsset: 'ETH' })];
  const marks = [premium('BTCUSDT_261204', '100100', '100000'), premium('BTCUSDT_270325', '101200', '100000'), premium('ETHUSDT_270325', '3500', '3400')];

  it('takes the nearest delivery at least 14 days away of the same base and quote', () => {
    expect(quarterlyFor('BTCUSDT', symbols, marks, NOW)).toEqual({ symbol: 'BTCUSDT_270325', deliveryDate: NOW + 120 * DAY, basisAnnual: '0.0365' });
    expect(quarterlyFor('BTCUSDC', symbols, marks, NOW)).toBeNull(); // USDC-margined: no USDT quarterly
    expect(quarterlyFor('SOLUSDT', symbols, marks, NOW)).toBeNull();
  });

  it('skips a quarterly without an index price or not trading', () => {
    expect(quarterlyFor('BTCUSDT', symbols, [premium('BTCUSDT_270325', '101200')], NOW)).toBeNull();
    expect(quarterlyFor('BTCUSDT', [...symbols.filter((s) => s !== next), { ...next, status: 'SETTLING' }], marks, NOW)).toBeNull();
  });
});
