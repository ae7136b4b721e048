import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/binance/client';
import { futuresExchange } from '../../../src/binance/futures-exchange';
import { planFor, planHedges } from '../../../src/core';
import { bal, short, snapshot } from '../core/fixtures';

/** An exchange over a fetch that answers each path with the given body. */
function exchangeAnswering(bodies: Record<string, unknown>) {
  const fetch = (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/time')) return new Response(JSON.stringify({ serverTime: Date.now() }));
    return new Response(JSON.stringify(bodies[path] ?? {}));
  }) as typeof globalThis.fetch;
  return futuresExchange(createClient({ env: 'production', key: { apiKey: 'A'.repeat(64), type: 'HMAC', secret: 'S'.repeat(64) }, fetch }));
}

const premium = (symbol: string, lastFundingRate: unknown) => ({ symbol, markPrice: '100.00000000', indexPrice: '100.00000000', lastFundingRate, interestRate: '0.00010000', nextFundingTime: 1, time: 1 });

describe('list replies are read row by row', () => {
  it('premiumIndex: a quarterly\'s documented lastFundingRate "" is read; an odd row is left out and named, never the whole list', async () => {
    const ex = exchangeAnswering({
      '/fapi/v1/premiumIndex': [premium('BTCUSDT', '0.00010000'), { ...premium('BTCUSDT_261225', ''), interestRate: '', nextFundingTime: 0 }, premium('ETHUSDT', 'NaN'), premium('SOLUSDT', '-0.00005000')],
    });
    const rows = await ex.premiumIndex();
    expect(rows.map((r) => r.symbol)).toEqual(['BTCUSDT', 'BTCUSDT_261225', 'SOLUSDT']);
    expect(ex.unreadable('/fapi/v1/premiumIndex')).toEqual(['ETHUSDT']);
  });

  it('a clean read clears what an earlier read could not parse', async () => {
    const bodies: Record<string, unknown> = { '/fapi/v3/positionRisk': [{ symbol: 'BTCUSDT', positionSide: 'BOTH', positionAmt: 'lots' }] };
    const ex = exchangeAnswering(bodies);
    expect(await ex.positionRisk()).toEqual([]);
    expect(ex.unreadable('/fapi/v3/positionRisk')).toEqual(['BTCUSDT']);
    bodies['/fapi/v3/positionRisk'] = [];
    await ex.positionRisk();
    expect(ex.unreadable('/fapi/v3/positionRisk')).toEqual([]);
  });

  it('balances, exchangeInfo symbols and income rows are named by asset, symbol and tranId', async () => {
    const ex = exchangeAnswering({
      '/api/v3/account': { balances: [{ asset: 'BTC', free: '1.5', locked: '0' }, { asset: 'ETH', free: null, locked: '0' }] },
      '/fapi/v1/exchangeInfo': { symbols: [{ symbol: 'XRPUSDT', contractType: 'PERPETUAL' }] },
      '/fapi/v1/income': [{ symbol: 'BTCUSDT', incomeType: 'FUNDING_FEE', income: '0.1', asset: 'USDT', time: 1, tranId: 77 }, { tranId: 78, income: 'x' }],
    });
    expect((await ex.spotBalances()).map((b) => b.asset)).toEqual(['BTC']);
    expect(ex.unreadable('/api/v3/account')).toEqual(['ETH']);
    expect(await ex.futuresSymbols()).toEqual([]);
    expect(ex.unreadable('/fapi/v1/exchangeInfo')).toEqual(['XRPUSDT']);
    expect((await ex.income({})).map((r) => r.tranId)).toEqual([77]);
    expect(ex.unreadable('/fapi/v1/income')).toEqual(['78']);
  });
});

describe('a row the hedge needs that could not be read', () => {
  it('its position row: no plan, no order, and the reason names the symbol (a missing short would read as "Hedge 1.5 BTC")', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '1.5')], unreadable: ['BTCUSDT'] }));
    expect(p).toMatchObject({ status: 'unreadable', order: null, reason: "Binance's reply for BTCUSDT could not be read, so nothing is planned for BTC until it can." });
  });

  it('its balance row: no "orphan short — close it" for a short whose spot could not be read', () => {
    const p = planFor('ETH', snapshot({ positions: [short('ETHUSDT', '-3')], unreadable: ['ETH'] }));
    expect(p).toMatchObject({ status: 'unreadable', order: null });
  });

  it('multiplier perpetuals are matched to their coin; other assets plan as usual', () => {
    const plans = planHedges(snapshot({ balances: [bal('PEPE', '30000000'), bal('SOL', '10')], unreadable: ['1000PEPEUSDT'] }));
    expect(plans.map((p) => [p.asset, p.status])).toEqual([
      ['PEPE', 'unreadable'],
      ['SOL', 'under'],
    ]);
  });

  it('an asset known only through an unreadable row is still listed, as unreadable', () => {
    const plans = planHedges(snapshot({ balances: [bal('SOL', '10')], unreadable: ['BTCUSDT'] }));
    expect(plans.map((p) => [p.asset, p.status])).toEqual([
      ['BTC', 'unreadable'],
      ['SOL', 'under'],
    ]);
  });
});
