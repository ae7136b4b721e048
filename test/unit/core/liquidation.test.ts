import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bracketFor, estimateLiquidationPrice, type Bracket } from '../../../src/core';
import { D } from '../../../src/core/decimal';

// BTCUSDT's first brackets as /fapi/v1/leverageBracket returns them.
const BTC: Bracket[] = [
  { bracket: 1, initialLeverage: 125, notionalCap: 50_000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
  { bracket: 2, initialLeverage: 100, notionalCap: 500_000, notionalFloor: 50_000, maintMarginRatio: 0.005, cum: 50 },
  { bracket: 3, initialLeverage: 50, notionalCap: 10_000_000, notionalFloor: 500_000, maintMarginRatio: 0.01, cum: 2_550 },
  { bracket: 4, initialLeverage: 20, notionalCap: 80_000_000, notionalFloor: 10_000_000, maintMarginRatio: 0.025, cum: 152_550 },
];

describe('estimateLiquidationPrice (Binance USDⓈ-M formula, one-way mode)', () => {
  // Worked by hand from LP = (WB − TMM1 + UPNL1 + cum − Side·Q·EP) / (Q·MMR − Side·Q):
  // isolated short 1 BTC at 97,000 with 48,500 margin (2x): bracket 2 → (48500 + 50 + 97000) / 1.005.
  it('isolated 2x short of 1 BTC', () => {
    expect(estimateLiquidationPrice({ side: 'SHORT', quantity: '1', entryPrice: '97000', walletBalance: '48500', brackets: BTC, mode: 'isolated' })).toBe('144825.87064676');
  });

  // Long 1 BTC at 55,000 with 11,000 margin: bracket 2 gives 44,170.85, whose notional is in bracket 1,
  // so the price is recomputed with bracket 1: (11000 − 55000) / (0.004 − 1) = 44,176.7068…
  it('recomputes with the bracket the liquidation notional falls in', () => {
    expect(estimateLiquidationPrice({ side: 'LONG', quantity: '1', entryPrice: '55000', walletBalance: '11000', brackets: BTC, mode: 'isolated' })).toBe('44176.7068273');
  });

  it('cross: other positions\' maintenance margin and PnL move the price', () => {
    const alone = estimateLiquidationPrice({ side: 'SHORT', quantity: '1', entryPrice: '97000', walletBalance: '20000', brackets: BTC, mode: 'cross' })!;
    const withOthers = estimateLiquidationPrice({ side: 'SHORT', quantity: '1', entryPrice: '97000', walletBalance: '20000', brackets: BTC, mode: 'cross', otherMaintMargin: '500', otherUnrealizedPnl: '-1000' })!;
    expect(Number(withOthers)).toBeLessThan(Number(alone));
  });

  it('a long with more margin than notional cannot be liquidated', () => {
    expect(estimateLiquidationPrice({ side: 'LONG', quantity: '1', entryPrice: '40000', walletBalance: '45000', brackets: BTC, mode: 'isolated' })).toBeNull();
  });

  it('at the estimated price, margin balance equals maintenance margin (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'LONG' | 'SHORT'>('LONG', 'SHORT'),
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 10_000, max: 150_000 }),
        fc.integer({ min: 2, max: 20 }),
        (side, qtyMilli, entry, leverage) => {
          const q = D(qtyMilli).div(1000);
          const wb = q.times(entry).div(leverage);
          const lp = estimateLiquidationPrice({ side, quantity: q.toFixed(), entryPrice: String(entry), walletBalance: wb.toFixed(), brackets: BTC, mode: 'isolated' });
          if (lp === null) return;
          const s = side === 'LONG' ? 1 : -1;
          const b = bracketFor(q.times(lp), BTC);
          const marginBalance = wb.plus(q.times(D(lp).minus(entry)).times(s));
          const maint = q.times(lp).times(b.maintMarginRatio).minus(b.cum);
          expect(marginBalance.minus(maint).abs().lt(q.times('0.00000002'))).toBe(true);
        },
      ),
    );
  });
});
