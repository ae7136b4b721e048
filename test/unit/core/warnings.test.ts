import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, planHedges, warnings, type WarningState } from '../../../src/core';
import { bal, premium, short, snapshot } from './fixtures';
import { said } from '../chrome-i18n';

const NOW = 1_764_057_600_000 - 2 * 3_600_000; // two hours before the fixtures' next funding

function state(over: Partial<WarningState> & { snap?: ReturnType<typeof snapshot> } = {}): WarningState {
  const snap = over.snap ?? snapshot();
  return {
    plans: planHedges(snap),
    markPrices: snap.markPrices,
    positions: snap.positions,
    account: { totalMaintMargin: '1', totalMarginBalance: '100' },
    fundingInfo: [],
    leverage: {},
    ...over,
  };
}

describe('warnings', () => {
  it('none for a hedged account with a healthy margin', () => {
    const snap = snapshot({ balances: [bal('BTC', '1')], positions: [{ ...short('BTCUSDT', '-1'), liquidationPrice: '145000' }] });
    expect(warnings(state({ snap }), DEFAULT_THRESHOLDS, NOW)).toEqual([]);
  });

  it('an orphan short is critical, under/over hedges warn, with stable ids', () => {
    const snap = snapshot({
      balances: [bal('BTC', '1'), bal('SOL', '100')],
      positions: [short('ETHUSDT', '-2'), short('SOLUSDT', '-150')],
    });
    const list = warnings(state({ snap }), DEFAULT_THRESHOLDS, NOW);
    expect(list.map((w) => [w.id, w.severity])).toEqual([
      ['orphan:ETH', 'critical'],
      ['under:BTC', 'warn'],
      ['over:SOL', 'warn'],
    ]);
    expect(said(list[0]!.message)).toMatch(/close it/);
  });

  it('margin ratio: warn at 50 %, critical at 80 %', () => {
    const at = (maint: string) => warnings(state({ account: { totalMaintMargin: maint, totalMarginBalance: '100' } }), DEFAULT_THRESHOLDS, NOW);
    expect(at('49')).toEqual([]);
    expect(at('50')[0]).toMatchObject({ id: 'margin-ratio', severity: 'warn' });
    expect(at('80')[0]).toMatchObject({ id: 'margin-ratio', severity: 'critical' });
  });

  it('liquidation distance: warn under 15 %, critical under 7 %', () => {
    const at = (liq: string) =>
      warnings(
        state({ snap: snapshot({ balances: [bal('BTC', '1')], positions: [{ ...short('BTCUSDT', '-1'), liquidationPrice: liq }] }) }),
        DEFAULT_THRESHOLDS,
        NOW,
      ).filter((w) => w.kind === 'liquidation');
    expect(at('112000')).toEqual([]); // 15.5 % away
    expect(at('110000')[0]?.severity).toBe('warn'); // 13.4 %
    expect(at('103000')[0]?.severity).toBe('critical'); // 6.2 %
    // Prices at BTCUSDT's 0.10 tick, as Binance shows them; the distance as a percentage.
    expect(said(at('103000.0499923')[0]?.message)).toBe('BTCUSDT would be liquidated at 103,000.0, only 6.2% from the mark price 97,000.0. Add margin or reduce leverage.');
  });

  it('funding rates are written as Binance shows them: -0.0050%, never -0.0 %', () => {
    const snap = snapshot({ balances: [bal('BTC', '20')], positions: [short('BTCUSDT', '-20')], markPrices: [premium('BTCUSDT', '-0.00005')] });
    const [w] = warnings(state({ snap }), DEFAULT_THRESHOLDS, NOW);
    expect(said(w?.message)).toMatch(/^Funding on BTCUSDT is -0\.0050%: the hedge pays about 97\.00 USDT every 8 h/);
  });

  it('funding cost: warns when the hedge pays, naming the next funding time; not when it receives', () => {
    const paying = snapshot({
      balances: [bal('BTC', '1')],
      positions: [short('BTCUSDT', '-1')],
      markPrices: [premium('BTCUSDT', '-0.0003')],
    });
    const list = warnings(state({ snap: paying }), DEFAULT_THRESHOLDS, NOW);
    expect(list).toEqual([expect.objectContaining({ id: 'funding-cost:BTC', severity: 'warn' })]);
    expect(said(list[0]!.message)).toMatch(/pays about 29.10 USDT every 8 h, next in 2 h 0 min/);
    const receiving = snapshot({ balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '-1')], markPrices: [premium('BTCUSDT', '0.0003')] });
    expect(warnings(state({ snap: receiving }), DEFAULT_THRESHOLDS, NOW)).toEqual([]);
  });

  it('funding cost uses the symbol\'s own interval', () => {
    const snap = snapshot({ balances: [bal('ZEC', '100')], positions: [short('ZECUSDT', '-100')], markPrices: [premium('ZECUSDT', '-0.001')] });
    const [w] = warnings(state({ snap, fundingInfo: [{ symbol: 'ZECUSDT', fundingIntervalHours: 4 }] }), DEFAULT_THRESHOLDS, NOW);
    expect(said(w?.message)).toMatch(/every 4 h/);
  });

  it('leverage above 5x, dust below the minimum, and coins without a perpetual', () => {
    const snap = snapshot({ balances: [bal('BTC', '1'), bal('ETH', '0.001'), bal('LEO', '3')], positions: [short('BTCUSDT', '-1')] });
    const ids = warnings(state({ snap, leverage: { BTCUSDT: 10 } }), DEFAULT_THRESHOLDS, NOW).map((w) => `${w.id}/${w.severity}`);
    expect(ids).toEqual(['leverage:BTC/warn', 'below-min:ETH/info', 'no-perp:LEO/info']);
  });

  it('a "hedge until" day reminds from that day on while the short is open, and never for a closed one', () => {
    const day = NOW - 1000;
    const open = snapshot({ balances: [bal('BTC', '1')], positions: [{ ...short('BTCUSDT', '-1'), liquidationPrice: '145000' }] });
    expect(warnings(state({ snap: open, until: { BTC: NOW + 1000 } }), DEFAULT_THRESHOLDS, NOW)).toEqual([]);
    const due = warnings(state({ snap: open, until: { BTC: day } }), DEFAULT_THRESHOLDS, NOW);
    expect(due.map((w) => `${w.id}/${w.severity}`)).toEqual(['until:BTC/warn']);
    expect(said(due[0]!.message)).toMatch(/^You planned to hedge BTC until .+, and the short is still open\. .*Nothing is closed for you\.$/);
    const closed = snapshot({ balances: [bal('BTC', '1')], positions: [] });
    expect(warnings(state({ snap: closed, until: { BTC: day } }), DEFAULT_THRESHOLDS, NOW).map((w) => w.id)).toEqual(['under:BTC']);
  });
});
