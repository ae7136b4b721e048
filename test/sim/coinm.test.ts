/**
 * The COIN-M (inverse) simulator, with hand-worked numbers: PnL and fees in the coin, funding in
 * the coin, liquidation of a leveraged short and none for a short backed by the coin it hedges,
 * transfers MAIN_CMFUTURE / CMFUTURE_MAIN, and the dstream streams.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AccountSpec } from './account';
import { call, control } from './helpers';
import { demoAccount } from './seed';
import { startSimulator, type Sim } from './server';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

const HOUR = 3_600_000;
const dorder = (p: Record<string, string | number>, key?: { key: string; secret: string }) =>
  call(sim, 'POST', '/dapi/v1/order', { type: 'MARKET', newOrderRespType: 'RESULT', ...p }, key ?? {});
const seed = (accounts: AccountSpec[], marks: Record<string, string> = {}) => control(sim, 'seed', { accounts, marks });
const btcRow = async (key?: { key: string; secret: string }) =>
  (await call(sim, 'GET', '/dapi/v1/positionRisk', { pair: 'BTCUSD' }, key ?? {})).body.find((r: any) => r.symbol === 'BTCUSD_PERP');

describe('inverse contracts: PnL, fees and funding in the coin', () => {
  it('a short of 100 BTCUSD contracts ($10,000) from 100,000 gains 0.025 BTC at 80,000 and loses 0.02 BTC at 125,000', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '1' } } }], { BTCUSD_PERP: '100000' });
    const r = await dorder({ symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '100', newClientOrderId: 'cm-1' });
    expect(r.body).toMatchObject({ status: 'FILLED', executedQty: '100', pair: 'BTCUSD' });
    expect(r.body).not.toHaveProperty('avgPrice');
    // Fee: 100 × 100 / 100,000 = 0.1 BTC of notional × 0.0005 = 0.00005 BTC.
    expect((await control(sim, 'state', {})).coinm.balances.BTC).toBe('0.99995');
    expect((await call(sim, 'GET', '/dapi/v1/order', { symbol: 'BTCUSD_PERP', origClientOrderId: 'cm-1' })).body).toMatchObject({ avgPrice: '100000', cumBase: '0.10000000' });
    // PnL = contracts × size × (1/entry − 1/mark): −100 × 100 × (1/100,000 − 1/80,000) = +0.025 BTC.
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '80000' });
    expect(await btcRow()).toMatchObject({ positionAmt: '-100', entryPrice: '100000', unRealizedProfit: '0.02500000' });
    // −100 × 100 × (1/100,000 − 1/125,000) = −0.02 BTC (the $2,500 loss at 125,000).
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '125000' });
    expect((await btcRow()).unRealizedProfit).toBe('-0.02000000');
    // Closing realizes it; the fee is 10,000 / 125,000 × 0.0005 = 0.00004 BTC: 0.99995 − 0.02 − 0.00004.
    await dorder({ symbol: 'BTCUSD_PERP', side: 'BUY', quantity: '100', reduceOnly: 'true' });
    expect((await control(sim, 'state', {})).coinm).toMatchObject({ balances: { BTC: '0.97991' }, positions: [] });
    const income = (await call(sim, 'GET', '/dapi/v1/income', {})).body;
    expect(income.filter((i: any) => i.incomeType === 'REALIZED_PNL')).toEqual([expect.objectContaining({ income: '-0.02', asset: 'BTC', tranId: expect.any(String) })]);
    expect(income.filter((i: any) => i.incomeType === 'COMMISSION').map((i: any) => i.income)).toEqual(['-0.00005', '-0.00004']);
  });

  it('adding to a short averages the entry harmonically (the price of the combined coin value)', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '1' } } }], { BTCUSD_PERP: '100000' });
    await dorder({ symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '100' });
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '50000' });
    await dorder({ symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '100' });
    // 200 contracts worth 0.1 + 0.2 BTC: entry = 200 × 100 / 0.3 = 66,666.67, not the plain mean 75,000.
    expect(Number((await btcRow()).entryPrice)).toBeCloseTo(66666.6667, 3);
  });

  it('funding in the coin: contracts × size / mark × rate; a positive rate pays the short, a negative one charges it', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '1' }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-100', entryPrice: '100000' }] } }], { BTCUSD_PERP: '100000' });
    await control(sim, 'funding', { symbol: 'BTCUSD_PERP', rate: '0.0001' });
    await control(sim, 'clock', { advanceMs: 8 * HOUR });
    // 100 × 100 / 100,000 = 0.1 BTC × 0.0001 = 0.00001 BTC received.
    await control(sim, 'funding', { symbol: 'BTCUSD_PERP', rate: '-0.0003' });
    await control(sim, 'clock', { advanceMs: 8 * HOUR });
    const rows = (await call(sim, 'GET', '/dapi/v1/income', { incomeType: 'FUNDING_FEE' })).body;
    expect(rows.map((r: any) => [r.symbol, r.income, r.asset])).toEqual([
      ['BTCUSD_PERP', '0.00001000', 'BTC'],
      ['BTCUSD_PERP', '-0.00003000', 'BTC'],
    ]);
    expect((await control(sim, 'state', {})).coinm.balances.BTC).toBe('0.99998');
  });

  it('DOGEUSD_PERP settles every 4 h and is listed in fundingInfo; premiumIndex lists quarterlies with lastFundingRate ""', async () => {
    expect((await call(sim, 'GET', '/dapi/v1/fundingInfo', {}, { sign: false })).body).toEqual([expect.objectContaining({ symbol: 'DOGEUSD_PERP', fundingIntervalHours: 4 })]);
    const rows = (await call(sim, 'GET', '/dapi/v1/premiumIndex', { pair: 'BTCUSD' }, { sign: false })).body;
    expect(rows).toEqual([expect.objectContaining({ symbol: 'BTCUSD_PERP', pair: 'BTCUSD', lastFundingRate: '0.00010000' }), expect.objectContaining({ symbol: 'BTCUSD_261225', lastFundingRate: '', nextFundingTime: 0 })]);
    const info = (await call(sim, 'GET', '/dapi/v1/exchangeInfo', {}, { sign: false })).body.symbols;
    expect(info.find((s: any) => s.symbol === 'BTCUSD_PERP')).toMatchObject({ contractSize: 100, marginAsset: 'BTC', quoteAsset: 'USD', contractType: 'PERPETUAL' });
    expect(info.find((s: any) => s.symbol === 'ETHUSD_PERP')).toMatchObject({ contractSize: 10 });
  });

  it('refuses fractional contracts (-1111), unknown symbols (-1121) and a short the coin wallet cannot margin (-2019)', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '0.001' } } }]);
    expect((await dorder({ symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '1.5' })).body.code).toBe(-1111);
    expect((await dorder({ symbol: 'BTCUSD_261225', side: 'SELL', quantity: '1' })).body.code).toBe(-1121);
    // 100 contracts = 0.103 BTC of notional at 97,000: 0.0052 BTC of initial margin at 20x > 0.001.
    expect((await dorder({ symbol: 'BTCUSD_PERP', side: 'SELL', quantity: '100' })).body.code).toBe(-2019);
  });
});

describe('liquidation in the coin', () => {
  const LEVERAGED = { apiKey: 'CoinmLeveraged00000000000000000000000000000000000000000000000001', apiSecret: 'SecretLeveraged000000000000000000000000000000000000000000000001' };
  const BACKED = { apiKey: 'CoinmBacked000000000000000000000000000000000000000000000000000002', apiSecret: 'SecretBacked0000000000000000000000000000000000000000000000000002' };
  const short = (btc: string): AccountSpec['coinm'] => ({ balances: { BTC: btc }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-1000', entryPrice: '100000' }] });
  const as = (k: { apiKey: string; apiSecret: string }) => ({ key: k.apiKey, secret: k.apiSecret });

  it('a 2× rally liquidates a short on half its coins; the short backed by all its coins stays, at any rally', async () => {
    // Both short 1000 contracts = $100,000 = 1 BTC at 100,000.
    await seed([{ ...LEVERAGED, coinm: short('0.5') }, { ...BACKED, coinm: short('1') }], { BTCUSD_PERP: '100000' });
    // P = Q·s·(MMR + S) / (WB + cum + S·Q·s/EP) = 100,000 × (0.004 − 1) / (0.5 − 1) = 199,200.
    expect((await btcRow(as(LEVERAGED))).liquidationPrice).toBe('199200');
    // Backed: WB + S·Q·s/EP = 1 − 1 = 0, no positive solution.
    expect((await btcRow(as(BACKED))).liquidationPrice).toBe('0');
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '200000' });
    // Leveraged: margin balance 0.5 − 1 + 100,000/200,000 = 0 ≤ maintenance 0.5 × 0.004: closed by autoclose-.
    expect((await btcRow(as(LEVERAGED))).positionAmt).toBe('0');
    const orders = await control(sim, 'orders');
    expect(orders).toEqual([expect.objectContaining({ family: 'coinm', symbol: 'BTCUSD_PERP', side: 'BUY', origQty: '1000', clientOrderId: expect.stringMatching(/^autoclose-/) })]);
    // Backed: margin balance 1 − 1 + 0.5 = 0.5 BTC (still $100,000), maintenance 0.002.
    expect(await btcRow(as(BACKED))).toMatchObject({ positionAmt: '-1000', unRealizedProfit: '-0.50000000' });
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '10000000' });
    const acct = (await call(sim, 'GET', '/dapi/v1/account', {}, as(BACKED))).body.assets.find((x: any) => x.asset === 'BTC');
    // At 100×: margin balance 100,000 / 10,000,000 = 0.01 BTC, maintenance 0.01 × 0.004.
    expect(acct).toMatchObject({ marginBalance: '0.01000000', maintMargin: '0.00004000' });
    expect((await btcRow(as(BACKED))).positionAmt).toBe('-1000');
  });

  it('liquidation shows on the dstream user stream as autoclose- ORDER_TRADE_UPDATE, after a MARGIN_CALL', async () => {
    await seed([{ ...LEVERAGED, coinm: short('0.5') }], { BTCUSD_PERP: '100000' });
    const { listenKey } = (await call(sim, 'POST', '/dapi/v1/listenKey', {}, { ...as(LEVERAGED), sign: false })).body;
    const ws = new WebSocket(`${sim.wsUrl}/ws/${listenKey}`);
    const events: any[] = [];
    ws.on('message', (m) => events.push(JSON.parse(String(m))));
    await new Promise((r) => ws.on('open', r));
    // At 199,100: margin balance 0.5 − 1 + 100,000/199,100 = 0.00226 BTC, maintenance 0.50226 × 0.004 = 0.00201: 89 %.
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '199100' });
    await control(sim, 'mark', { symbol: 'BTCUSD_PERP', markPrice: '199300' });
    await new Promise((r) => setTimeout(r, 100));
    ws.close();
    const call0 = events.findIndex((e) => e.e === 'MARGIN_CALL');
    const liq = events.findIndex((e) => e.e === 'ORDER_TRADE_UPDATE' && String(e.o.c).startsWith('autoclose-'));
    expect(call0).toBeGreaterThan(-1);
    expect(liq).toBeGreaterThan(call0);
    expect(events[liq]).toMatchObject({ i: 'SfsR', o: { s: 'BTCUSD_PERP', S: 'BUY', q: '1000', ma: 'BTC', N: 'BTC' } });
  });
});

describe('COIN-M wallet transfers and streams', () => {
  it('MAIN_CMFUTURE / CMFUTURE_MAIN move a coin between spot and its COIN-M wallet; USDT has no COIN-M wallet', async () => {
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_CMFUTURE', asset: 'BTC', amount: '0.2' })).body.tranId).toBeGreaterThan(0);
    expect(await control(sim, 'state', {})).toMatchObject({ spot: { BTC: '1.3' }, coinm: { balances: { BTC: '0.2' } } });
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'CMFUTURE_MAIN', asset: 'BTC', amount: '0.3' })).body.code).toBe(-5013);
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'CMFUTURE_MAIN', asset: 'BTC', amount: '0.05' })).status).toBe(200);
    expect((await call(sim, 'POST', '/sapi/v1/asset/transfer', { type: 'MAIN_CMFUTURE', asset: 'USDT', amount: '1' })).body.code).toBe(-5010);
    const history = (await call(sim, 'GET', '/sapi/v1/asset/transfer', { type: 'MAIN_CMFUTURE' })).body;
    expect(history).toMatchObject({ total: 1, rows: [{ asset: 'BTC', amount: '0.2', type: 'MAIN_CMFUTURE' }] });
    expect((await call(sim, 'GET', '/dapi/v1/balance')).body.find((b: any) => b.asset === 'BTC')).toMatchObject({ balance: '0.15000000', withdrawAvailable: '0.15000000' });
    // The USDⓈ-M account does not see it.
    expect((await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'TRANSFER' })).body).toEqual([]);
  });

  it('dstream: /ws/<listenKey> carries COIN-M events only, /ws/<symbol>@markPrice@1s COIN-M marks; a USDⓈ-M listenKey is refused there', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { ETH: '5' } } }]);
    const cmKey = (await call(sim, 'POST', '/dapi/v1/listenKey', {}, { sign: false })).body.listenKey;
    const umKey = (await call(sim, 'POST', '/fapi/v1/listenKey', {}, { sign: false })).body.listenKey;
    expect(cmKey).not.toBe(umKey);
    const cm = new WebSocket(`${sim.wsUrl}/ws/${cmKey}`);
    const um = new WebSocket(`${sim.wsUrl}/private/ws/${umKey}`);
    const got: { cm: any[]; um: any[] } = { cm: [], um: [] };
    cm.on('message', (m) => got.cm.push(JSON.parse(String(m))));
    um.on('message', (m) => got.um.push(JSON.parse(String(m))));
    await Promise.all([new Promise((r) => cm.on('open', r)), new Promise((r) => um.on('open', r))]);
    await dorder({ symbol: 'ETHUSD_PERP', side: 'SELL', quantity: '10', newClientOrderId: 'cm-ws' });
    await new Promise((r) => setTimeout(r, 50));
    expect(got.cm.map((e) => e.e)).toEqual(['ORDER_TRADE_UPDATE', 'ACCOUNT_UPDATE']);
    expect(got.cm[0].o).toMatchObject({ c: 'cm-ws', X: 'FILLED', ma: 'ETH' });
    expect(got.cm[1].a).toMatchObject({ m: 'ORDER', B: [{ a: 'ETH' }], P: [{ s: 'ETHUSD_PERP', pa: '-10' }] });
    expect(got.um).toEqual([]);
    cm.close();
    um.close();
    const refused = new WebSocket(`${sim.wsUrl}/ws/${umKey}`);
    await expect(new Promise((resolve, reject) => (refused.on('open', resolve), refused.on('error', reject)))).rejects.toThrow();
    const mark = new WebSocket(`${sim.wsUrl}/ws/btcusd_perp@markPrice@1s`);
    expect(await new Promise((r) => mark.once('message', (m) => r(JSON.parse(String(m)))))).toMatchObject({ e: 'markPriceUpdate', s: 'BTCUSD_PERP', p: '97000.00000000', st: 2 });
    mark.close();
  });

  it('/__sim/mark {coin, price} moves the coin everywhere; /__sim/state shows the COIN-M wallet and positions', async () => {
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '1' }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-970', entryPrice: '97000' }] } }]);
    await control(sim, 'mark', { coin: 'BTC', price: '120000' });
    const marks = (await call(sim, 'GET', '/fapi/v1/premiumIndex', {}, { sign: false })).body;
    expect(marks.find((r: any) => r.symbol === 'BTCUSDT').markPrice).toBe('120000.00000000');
    expect(marks.find((r: any) => r.symbol === 'BTCUSDC').markPrice).toBe('120000.00000000');
    expect((await call(sim, 'GET', '/dapi/v1/premiumIndex', { symbol: 'BTCUSD_PERP' }, { sign: false })).body[0].markPrice).toBe('120000.00000000');
    expect((await call(sim, 'GET', '/api/v3/ticker/price', { symbol: 'BTCUSDT' }, { sign: false })).body.price).toBe('120000.00000000');
    expect((await control(sim, 'state', {})).coinm).toEqual({ balances: { BTC: '1' }, positions: [{ symbol: 'BTCUSD_PERP', positionSide: 'BOTH', positionAmt: '-970', entryPrice: '97000' }], leverage: {} });
  });

  it('leverage and margin type per COIN-M symbol; the position mode is shared with USDⓈ-M', async () => {
    expect((await call(sim, 'POST', '/dapi/v1/leverage', { symbol: 'BTCUSD_PERP', leverage: 2 })).body).toEqual({ leverage: 2, maxQty: '200', symbol: 'BTCUSD_PERP' });
    expect((await call(sim, 'POST', '/dapi/v1/leverage', { symbol: 'BTCUSD_PERP', leverage: 126 })).body.code).toBe(-4028);
    expect((await call(sim, 'POST', '/dapi/v1/marginType', { symbol: 'BTCUSD_PERP', marginType: 'CROSSED' })).body.code).toBe(-4046);
    await seed([{ ...demoAccount(), coinm: { balances: { BTC: '1' }, positions: [{ symbol: 'BTCUSD_PERP', positionAmt: '-10', entryPrice: '97000' }] } }]);
    expect((await call(sim, 'POST', '/fapi/v1/positionSide/dual', { dualSidePosition: 'true' })).body.code).toBe(-4068);
    expect((await call(sim, 'GET', '/dapi/v1/positionSide/dual')).body).toEqual({ dualSidePosition: false });
  });
});
