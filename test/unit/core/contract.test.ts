import { describe, expect, it } from 'vitest';
import { lotRules, perpFor, roundDown } from '../../../src/core';
import { D } from '../../../src/core/decimal';
import { SYMBOLS } from './fixtures';

describe('perpFor', () => {
  it.each([
    ['BTC', 'BTCUSDT', '1'],
    ['ETH', 'ETHUSDT', '1'],
    ['PEPE', '1000PEPEUSDT', '1000'],
    ['BABYDOGE', '1MBABYDOGEUSDT', '1000000'],
    ['1INCH', '1INCHUSDT', '1'],
  ])('%s → %s (one unit = %s coins)', (asset, symbol, multiplier) => {
    expect(perpFor(asset, SYMBOLS)).toEqual({ symbol, multiplier });
  });

  it('finds 1000000-multiplier contracts', () => {
    const mog = { ...SYMBOLS[0]!, symbol: '1000000MOGUSDT', baseAsset: '1000000MOG' };
    expect(perpFor('MOG', [mog])).toEqual({ symbol: '1000000MOGUSDT', multiplier: '1000000' });
  });

  it('returns null for a coin without a trading USDT perpetual', () => {
    expect(perpFor('LEO', SYMBOLS)).toBeNull();
    expect(perpFor('LUNA', SYMBOLS)).toBeNull(); // settling, not trading
    expect(perpFor('INCH', SYMBOLS)).toBeNull(); // 1INCH is a name, not a multiplier
  });

  it('ignores delivery contracts and other quotes unless asked', () => {
    expect(perpFor('BTC', SYMBOLS)?.symbol).toBe('BTCUSDT');
    expect(perpFor('BTC', SYMBOLS, 'USDC')?.symbol).toBe('BTCUSDC');
  });
});

describe('lot rules and rounding', () => {
  it('reads step, minimums and notional from the filters', () => {
    const r = lotRules(SYMBOLS[0]!);
    expect([r.stepSize.toFixed(), r.minQty.toFixed(), r.minNotional.toFixed()]).toEqual(['0.001', '0.001', '100']);
    expect(r.maxQty.toFixed()).toBe('100000'); // the tighter MARKET_LOT_SIZE
  });

  it('rounds down at step boundaries, never up', () => {
    const step = D('0.001');
    expect(roundDown(D('1.2345'), step).toFixed()).toBe('1.234');
    expect(roundDown(D('1.234'), step).toFixed()).toBe('1.234');
    expect(roundDown(D('1.2349999'), step).toFixed()).toBe('1.234');
    expect(roundDown(D('0.0009'), step).toFixed()).toBe('0');
    expect(roundDown(D('30000.9'), D('1')).toFixed()).toBe('30000');
  });

  it('refuses a symbol without lot or notional filters', () => {
    expect(() => lotRules({ ...SYMBOLS[0]!, filters: [] })).toThrow(/LOT_SIZE/);
    expect(() => lotRules({ ...SYMBOLS[0]!, filters: SYMBOLS[0]!.filters.filter((f) => f.filterType !== 'MIN_NOTIONAL') })).toThrow(/MIN_NOTIONAL/);
  });
});
