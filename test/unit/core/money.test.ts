import { describe, expect, it } from 'vitest';
import { annualizedFunding, describeFunding, estimateFees, fundingPayment, hedgePnl, marginRatio, topUpAmount } from '../../../src/core';

describe('funding: a positive rate means longs pay shorts', () => {
  it('a short receives when the rate is positive', () => {
    expect(fundingPayment('-1.5', '97000', '0.0001')).toBe('14.55');
  });
  it('a long pays when the rate is positive', () => {
    expect(fundingPayment('1.5', '97000', '0.0001')).toBe('-14.55');
  });
  it('a short pays when the rate is negative', () => {
    expect(fundingPayment('-1.5', '97000', '-0.0002')).toBe('-29.1');
  });
  it('says it in plain words, with the interval', () => {
    expect(describeFunding({ positionAmt: '-1.5', markPrice: '97000', fundingRate: '0.0001', intervalHours: 8 })).toEqual(
      'the short receives about 14.55 USDT per 8 h at this rate',
    );
    expect(describeFunding({ positionAmt: '-30000', markPrice: '0.012', fundingRate: '-0.0005', intervalHours: 4 })).toEqual(
      'the short pays about 0.18 USDT per 4 h at this rate',
    );
    expect(describeFunding({ positionAmt: '-1.5', markPrice: '97000', fundingRate: '0.0001', intervalHours: 8, hypothetical: true })).toEqual(
      'the short would receive about 14.55 USDT per 8 h at this rate',
    );
  });
  it('annualizes by the symbol\'s own interval, not always 8 h', () => {
    expect(annualizedFunding('0.0001', 8)).toBe('0.1095');
    expect(annualizedFunding('0.0001', 4)).toBe('0.219');
    expect(annualizedFunding('-0.0001', 1)).toBe('-0.876');
  });
});

describe('fees and margin ratio', () => {
  it('fees are notional × rate', () => {
    expect(estimateFees('119795', '0.0005')).toBe('59.8975');
  });
  it('margin ratio is maintenance margin over margin balance', () => {
    expect(marginRatio({ totalMaintMargin: '40', totalMarginBalance: '100' })).toBe('0.4');
    expect(marginRatio({ totalMaintMargin: '0', totalMarginBalance: '0' })).toBe('0');
    expect(marginRatio({ totalMaintMargin: '5', totalMarginBalance: '-1' })).toBe('1');
  });
});

describe('topUpAmount', () => {
  it('adds exactly what brings the margin ratio down to the target, rounded up to the cent', () => {
    // 80 / (100 + x) = 0.3 → x = 166.666… → 166.67
    expect(topUpAmount({ totalMaintMargin: '80', totalMarginBalance: '100' }, '0.3')).toBe('166.67');
  });
  it('adds nothing when the ratio is already at or under the target', () => {
    expect(topUpAmount({ totalMaintMargin: '20', totalMarginBalance: '100' }, '0.3')).toBeNull();
  });
});

describe('hedgePnl', () => {
  it('an exact hedge: spot move and futures PnL cancel; net is funding minus fees', () => {
    // 1.5 BTC spot, short 1.5 at 97,000; BTC rises to 100,000.
    expect(hedgePnl({ exposure: '1.5', multiplier: '1', entryPrice: '97000', markPrice: '100000', unRealizedProfit: '-4500', realizedPnl: '0', funding: '14.55', commission: '-72.75' })).toEqual({
      spotMove: '4500',
      futuresPnl: '-4500',
      funding: '14.55',
      fees: '-72.75',
      net: '-58.2',
    });
  });
  it('counts multiplier contracts per coin: 30,000,000 PEPE against 30,000 1000PEPE', () => {
    expect(hedgePnl({ exposure: '30000000', multiplier: '1000', entryPrice: '0.012', markPrice: '0.010', unRealizedProfit: '60', realizedPnl: '0', funding: '0', commission: '0' }).spotMove).toBe('-60');
  });
});

describe('numbers as traders read them', () => {
  it('prices rounded to the nearest tick, with its decimals', async () => {
    const { roundToTick } = await import('../../../src/core');
    expect(roundToTick('3412.69920318', '0.01')).toBe('3412.70');
    expect(roundToTick('97123.456', '0.10')).toBe('97123.5');
    expect(roundToTick('0.01234567', '0.0000001')).toBe('0.0123457');
  });
  it('quantities cut down to the step, never rounded up', async () => {
    const { cutToStep } = await import('../../../src/core');
    expect(cutToStep('30000999', '1000')).toBe('30000000');
    expect(cutToStep('1.23456', '0.001')).toBe('1.234');
    expect(cutToStep('0.0009', '0.001')).toBe('0.000');
  });
  it('money cut to the cent, never rounded up', async () => {
    const { toCents } = await import('../../../src/core');
    expect(toCents('97123.999')).toBe('97123.99');
    expect(toCents('-0.4299')).toBe('-0.42');
    expect(toCents('0.00421', 4)).toBe('0.0042');
  });
});
