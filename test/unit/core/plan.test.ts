import { describe, expect, it } from 'vitest';
import { CoreInputError, HEDGE_DEFAULTS, planFor, planHedges } from '../../../src/core';
import { bal, short, snapshot } from './fixtures';
import { said } from '../chrome-i18n';

describe('planFor: one status each', () => {
  it('under: no hedge yet → SELL the spot quantity, rounded down to the step', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '1.2345', '0.0005')] }));
    expect(p).toMatchObject({ status: 'under', symbol: 'BTCUSDT', exposure: '1.235', hedge: '0', target: '1.235', ratio: '0' });
    expect(p.order).toEqual({ symbol: 'BTCUSDT', side: 'SELL', positionSide: 'BOTH', quantity: '1.235', reduceOnly: false, notional: '119795', coins: '1.235' });
    expect(p.residual).toBe('0');
  });

  it('hedged: within tolerance, no order', () => {
    const p = planFor('ETH', snapshot({ balances: [bal('ETH', '12')], positions: [short('ETHUSDT', '-11.9')] }));
    expect(p).toMatchObject({ status: 'hedged', order: null, ratio: '0.991667' });
  });

  it('over: short larger than spot → reduce-only BUY of the excess', () => {
    const p = planFor('SOL', snapshot({ balances: [bal('SOL', '200')], positions: [short('SOLUSDT', '-250')] }));
    expect(p.status).toBe('over');
    expect(p.order).toMatchObject({ side: 'BUY', positionSide: 'BOTH', quantity: '50', reduceOnly: true });
  });

  it('orphan: a short with no spot left → close all of it, reduce-only', () => {
    const p = planFor('ETH', snapshot({ positions: [short('ETHUSDT', '-3.5')] }));
    expect(p.status).toBe('orphan');
    expect(p.order).toMatchObject({ side: 'BUY', quantity: '3.5', reduceOnly: true });
  });

  it('no-perp: nothing to hedge with', () => {
    expect(planFor('LEO', snapshot({ balances: [bal('LEO', '100')] }))).toMatchObject({ status: 'no-perp', symbol: null, order: null });
  });

  it('stablecoin: never hedged', () => {
    expect(planFor('USDT', snapshot({ balances: [bal('USDT', '2000')] }))).toMatchObject({ status: 'stablecoin', order: null });
  });

  it('below-min: under MIN_NOTIONAL (BTC needs 100 USDT) → no order, says why', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '0.0009')] }));
    expect(p).toMatchObject({ status: 'below-min', order: null, residual: '0.0009' });
    expect(said(p.reason)).toMatch(/smallest BTCUSDT order/);
    expect(planFor('BTC', snapshot({ balances: [bal('BTC', '0.001')] })).status).toBe('below-min'); // 97 USDT < 100
    expect(planFor('BTC', snapshot({ balances: [bal('BTC', '0.0011')] })).status).toBe('below-min');
    expect(planFor('BTC', snapshot({ balances: [bal('BTC', '0.002')] })).status).toBe('under'); // 194 USDT
  });
});

describe('planFor: contracts, modes and settings', () => {
  it('maps PEPE to 1000PEPEUSDT in contract units and reports the residual in coins', () => {
    const p = planFor('PEPE', snapshot({ balances: [bal('PEPE', '30000999.5')] }));
    expect(p).toMatchObject({ symbol: '1000PEPEUSDT', multiplier: '1000', status: 'under' });
    expect(p.order).toMatchObject({ quantity: '30000', notional: '360' });
    expect(p.residual).toBe('999.5');
  });

  it('hedge mode: opening sells SHORT, reducing buys SHORT, and never sends reduceOnly', () => {
    const open = planFor('BTC', snapshot({ balances: [bal('BTC', '1')], dualSidePosition: true }));
    expect(open.order).toMatchObject({ side: 'SELL', positionSide: 'SHORT', reduceOnly: false });
    const reduce = planFor('BTC', snapshot({ balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '-1.5', 'SHORT')], dualSidePosition: true }));
    expect(reduce.order).toMatchObject({ side: 'BUY', positionSide: 'SHORT', quantity: '0.5', reduceOnly: false });
  });

  it('hedge mode: a speculative LONG on the same symbol is not counted as the hedge', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '2', 'LONG')], dualSidePosition: true }));
    expect(p).toMatchObject({ status: 'under', hedge: '0' });
  });

  it('a negative (borrowed) balance plans a long hedge', () => {
    const p = planFor('ETH', snapshot({ balances: [{ asset: 'ETH', free: '0', locked: '0', netAsset: '-2' }] }));
    expect(p.status).toBe('under');
    expect(p.order).toMatchObject({ side: 'BUY', quantity: '2', reduceOnly: false, positionSide: 'BOTH' });
  });

  it('honours hedgeRatio, includeLocked and tolerance', () => {
    const half = planFor('ETH', snapshot({ balances: [bal('ETH', '10')] }), { ...HEDGE_DEFAULTS, hedgeRatio: '0.5' });
    expect(half.order?.quantity).toBe('5');
    const freeOnly = planFor('ETH', snapshot({ balances: [bal('ETH', '10', '2')] }), { ...HEDGE_DEFAULTS, includeLocked: false });
    expect(freeOnly.order?.quantity).toBe('10');
    const loose = planFor('ETH', snapshot({ balances: [bal('ETH', '10')], positions: [short('ETHUSDT', '-9.5')] }), { ...HEDGE_DEFAULTS, tolerance: '0.1' });
    expect(loose.status).toBe('hedged');
    const strict = planFor('ETH', snapshot({ balances: [bal('ETH', '10')], positions: [short('ETHUSDT', '-9.5')] }));
    expect(strict.status).toBe('under');
  });

  it('close: buys back the whole short, exempt from MIN_NOTIONAL', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '0.001')], positions: [short('BTCUSDT', '-0.001')] }), HEDGE_DEFAULTS, 'close');
    expect(p.order).toMatchObject({ side: 'BUY', quantity: '0.001', reduceOnly: true, notional: '97' });
  });

  it('caps one order at the market maxQty', () => {
    const p = planFor('DOGE', snapshot({ balances: [bal('DOGE', '500000')] }));
    expect(p.order?.quantity).toBe('100000');
  });
});

describe('planFor: bad input gives an error or a status, never an order', () => {
  it.each([
    ['NaN balance', snapshot({ balances: [bal('BTC', 'NaN')] })],
    ['negative free balance', snapshot({ balances: [bal('BTC', '-1')] })],
    ['garbage positionAmt', snapshot({ balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '1e')] })],
    ['missing mark price', snapshot({ balances: [bal('BTC', '1')], markPrices: [] })],
    ['missing filters', snapshot({ balances: [bal('BTC', '1')], futuresSymbols: [{ symbol: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', filters: [] }] })],
  ])('%s → CoreInputError', (_, snap) => {
    expect(() => planFor('BTC', snap)).toThrow(CoreInputError);
  });

  it('an unknown asset has no perpetual', () => {
    expect(planFor('NOPE', snapshot({ balances: [bal('NOPE', '5')] })).status).toBe('no-perp');
  });
});

describe('planHedges', () => {
  it('plans every asset with exposure or a position, ignoring what the user ignores', () => {
    const plans = planHedges(
      snapshot({
        balances: [bal('BTC', '1.5'), bal('USDT', '2000'), bal('LEO', '1'), bal('SOL', '0'), bal('XRP', '10')],
        positions: [short('ETHUSDT', '-2'), short('SOLUSDT', '0')],
      }),
      { ...HEDGE_DEFAULTS, ignore: ['XRP'] },
    );
    expect(plans.map((p) => [p.asset, p.status])).toEqual([
      ['BTC', 'under'],
      ['ETH', 'orphan'],
      ['LEO', 'no-perp'],
      ['USDT', 'stablecoin'],
    ]);
  });
});
