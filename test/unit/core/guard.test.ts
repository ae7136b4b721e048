import { describe, expect, it } from 'vitest';
import { guardMoved, guardTrigger } from '../../../src/core';

describe('where a liquidation guard triggers', () => {
  it('halfway from the mark to liquidation by default, rounded to the tick towards the mark', () => {
    // Short BTC at 97,000, liquidation 165,400.7: halfway is 131,200.35 → 131,200.3 (down, towards the mark).
    expect(guardTrigger({ positionSide: 'SHORT', markPrice: '97000', liquidationPrice: '165400.7', distance: '0.5', tickSize: '0.1' })).toBe('131200.3');
    // A long hedge (a borrowed balance): SELL stop below the mark, rounded up. 100 → 60 halfway 80; at 0.3: 88.
    expect(guardTrigger({ positionSide: 'LONG', markPrice: '100', liquidationPrice: '60', distance: '0.3', tickSize: '0.01' })).toBe('88');
  });
  it('always strictly between the mark and the liquidation price, never past it', () => {
    for (const distance of ['0.01', '0.5', '0.99']) {
      const t = Number(guardTrigger({ positionSide: 'SHORT', markPrice: '97000', liquidationPrice: '97000.5', distance, tickSize: '0.1' }) ?? NaN);
      if (!Number.isNaN(t)) expect(t > 97000 && t < 97000.5).toBe(true);
    }
    // One tick apart: no room for a trigger.
    expect(guardTrigger({ positionSide: 'SHORT', markPrice: '97000', liquidationPrice: '97000.1', distance: '0.5', tickSize: '0.1' })).toBeNull();
  });
  it('no guard without a liquidation price, or once the mark is past it', () => {
    expect(guardTrigger({ positionSide: 'SHORT', markPrice: '97000', liquidationPrice: '0', distance: '0.5', tickSize: '0.1' })).toBeNull();
    expect(guardTrigger({ positionSide: 'SHORT', markPrice: '97000', liquidationPrice: '90000', distance: '0.5', tickSize: '0.1' })).toBeNull();
  });
  it('moves when off its place by more than a tenth of the way to it', () => {
    expect(guardMoved('131200.3', '131200.3', '97000')).toBe(false);
    expect(guardMoved('131200.3', '128200', '97000')).toBe(false); // 3,000.3 off, a tenth of the 31,200 gap is 3,120
    expect(guardMoved('131200.3', '120000', '97000')).toBe(true); // 11,200.3 off, a tenth of 23,000 is 2,300
  });
});
