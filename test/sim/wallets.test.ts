/**
 * Accounts as they really are: Simple Earn and Funding balances through their endpoints, Multi-Assets
 * mode (haircut collateral, totals in USD, the switch and its refusals), the EEA credits mode (BNFCR,
 * USDT transfers refused) and the USDC-margined perpetuals. Numbers worked by hand in the comments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSpec } from './account';
import { call, control, order } from './helpers';
import { demoAccount } from './seed';
import { startSimulator, type Sim } from './server';

let sim: Sim;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => sim.close());

const seed = (spec: Partial<AccountSpec>) => control(sim, 'seed', { accounts: [{ ...demoAccount(), ...spec }] });
const account = async () => (await call(sim, 'GET', '/fapi/v3/account')).body;
const transfer = (type: string, asset: string, amount: string) => call(sim, 'POST', '/sapi/v1/asset/transfer', { type, asset, amount });

describe('Simple Earn and the Funding wallet', () => {
  it('answers the balances set by /__sim/earn and /__sim/funding-wallet, filtered and paged, at weight 150', async () => {
    await control(sim, 'earn', { asset: 'BTC', amount: '0.3' });
    await control(sim, 'earn', { asset: 'ETH', amount: '2', type: 'locked' });
    await control(sim, 'funding-wallet', { asset: 'USDT', amount: '150' });
    const flexible = await call(sim, 'GET', '/sapi/v1/simple-earn/flexible/position');
    expect(flexible.body).toEqual({ total: 1, rows: [expect.objectContaining({ asset: 'BTC', totalAmount: '0.30000000', productId: 'BTC001', canRedeem: true })] });
    expect(flexible.headers.get('x-mbx-used-weight-1m')).toBe('150');
    expect((await call(sim, 'GET', '/sapi/v1/simple-earn/flexible/position', { asset: 'ETH' })).body).toEqual({ total: 0, rows: [] });
    expect((await call(sim, 'GET', '/sapi/v1/simple-earn/locked/position')).body).toEqual({ total: 1, rows: [expect.objectContaining({ asset: 'ETH', amount: '2.00000000', status: 'HOLDING' })] });
    // 150 USDT at BTC 97,000: 0.00154639 BTC.
    expect((await call(sim, 'POST', '/sapi/v1/asset/get-funding-asset', { needBtcValuation: 'true' })).body).toEqual([{ asset: 'USDT', free: '150.00000000', locked: '0', freeze: '0', withdrawing: '0', btcValuation: '0.00154639' }]);
    // Balances are independent: moving 0.3 BTC out of Earn is the test's second call.
    await control(sim, 'earn', { asset: 'BTC', amount: '0' });
    expect((await call(sim, 'GET', '/sapi/v1/simple-earn/flexible/position')).body).toEqual({ total: 0, rows: [] });
    expect(await control(sim, 'state', {})).toMatchObject({ earn: { flexible: { BTC: '0' }, locked: { ETH: '2' } }, fundingWallet: { USDT: '150' } });
  });

  it('AccountSpec seeds them too, and pages by current/size', async () => {
    await seed({ earn: { flexible: { BTC: '1', ETH: '2', SOL: '3' } }, fundingWallet: { BNB: '4' } });
    const page2 = (await call(sim, 'GET', '/sapi/v1/simple-earn/flexible/position', { current: 2, size: 2 })).body;
    expect(page2).toEqual({ total: 3, rows: [expect.objectContaining({ asset: 'SOL' })] });
    expect((await call(sim, 'POST', '/sapi/v1/asset/get-funding-asset', {})).body).toEqual([expect.objectContaining({ asset: 'BNB', free: '4.00000000', btcValuation: '0' })]);
  });
});

describe('Multi-Assets mode', () => {
  // 1,000 USDT, 0.5 BTC, 2 ETH in the USDⓈ-M wallet; short 2 ETHUSDT from 3,400; ETH moves to 3,500.
  const SPEC: Partial<AccountSpec> = { futures: { USDT: '1000', BTC: '0.5', ETH: '2' }, positions: [{ symbol: 'ETHUSDT', positionAmt: '-2', entryPrice: '3400' }] };

  it('totals in USD of every margin asset with its haircut (BTC, ETH 95 %, USDT 99.99 %)', async () => {
    await seed({ ...SPEC, multiAssetsMargin: true });
    await control(sim, 'mark', { symbol: 'ETHUSDT', markPrice: '3500' });
    const a = await account();
    // Wallet: 1,000 × 0.9999 + 0.5 × 97,000 × 0.95 + 2 × 3,500 × 0.95 = 999.9 + 46,075 + 6,650 = 53,724.9.
    // PnL −2 × (3,500 − 3,400) = −200 USDT; USDT margin balance 800 × 0.9999 = 799.92; total 53,524.92.
    // Maintenance 7,000 × 0.004 = 28; initial 7,000 / 20 = 350; available 53,524.92 − 350 = 53,174.92.
    expect(a).toMatchObject({
      totalWalletBalance: '53724.90000000', totalUnrealizedProfit: '-200.00000000', totalMarginBalance: '53524.92000000', totalMaintMargin: '28.00000000',
      totalInitialMargin: '350.00000000', availableBalance: '53174.92000000',
    });
    // Each asset in its own units; BTC's available balance is the USD one in BTC: 53,174.92 / 97,000.
    expect(a.assets.map((x: any) => [x.asset, x.walletBalance, x.unrealizedProfit, x.marginBalance])).toEqual([
      ['USDT', '1000.00000000', '-200.00000000', '800.00000000'],
      ['BTC', '0.50000000', '0.00000000', '0.50000000'],
      ['ETH', '2.00000000', '0.00000000', '2.00000000'],
    ]);
    expect(a.assets[1].availableBalance).toBe('0.54819505');
    expect((await call(sim, 'GET', '/fapi/v1/multiAssetsMargin')).body).toEqual({ multiAssetsMargin: true });
    expect((await call(sim, 'GET', '/fapi/v1/accountConfig')).body.multiAssetsMargin).toBe(true);
  });

  it('Single-Asset mode counts USDT only; the switch answers -4171 unchanged, -4168 / -4167 with isolated margin, -4170 with open orders', async () => {
    await seed({ ...SPEC, multiAssetsMargin: true });
    await control(sim, 'mark', { symbol: 'ETHUSDT', markPrice: '3500' });
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' })).body.code).toBe(-4171);
    expect((await call(sim, 'POST', '/fapi/v1/marginType', { symbol: 'BTCUSDT', marginType: 'ISOLATED' })).body.code).toBe(-4168);
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'false' })).body).toEqual({ code: 200, msg: 'success' });
    // USDT only: wallet 1,000, PnL −200, margin balance 800, available 800 − 350 = 450.
    expect(await account()).toMatchObject({ totalWalletBalance: '1000.00000000', totalMarginBalance: '800.00000000', availableBalance: '450.00000000' });
    expect((await call(sim, 'GET', '/fapi/v1/multiAssetsMargin')).body).toEqual({ multiAssetsMargin: false });
    await call(sim, 'POST', '/fapi/v1/marginType', { symbol: 'BTCUSDT', marginType: 'ISOLATED' });
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' })).body.code).toBe(-4167);
    await call(sim, 'POST', '/fapi/v1/marginType', { symbol: 'BTCUSDT', marginType: 'CROSSED' });
    await call(sim, 'POST', '/fapi/v1/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', price: '3000', timeInForce: 'GTC', quantity: '0.1' });
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' })).body.code).toBe(-4170);
  });

  it('leaving Multi-Assets mode is refused (-4169) when USDT alone cannot margin the positions, and (-4172) with a negative margin asset', async () => {
    await seed({ futures: { USDT: '100', BTC: '1' }, positions: [{ symbol: 'BTCUSDT', positionAmt: '-0.1', entryPrice: '97000' }], multiAssetsMargin: true });
    // Initial margin 9,700 / 20 = 485 > 100 USDT.
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'false' })).body.code).toBe(-4169);
    await seed({ futures: { USDT: '-5', BTC: '1' }, multiAssetsMargin: true });
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'false' })).body.code).toBe(-4172);
  });

  it('BTC collateral margins a BTCUSDT short; the haircut sets its liquidation price far above (about 15×)', async () => {
    await seed({ futures: { USDT: '0', BTC: '1' }, multiAssetsMargin: true });
    expect((await order(sim, { symbol: 'BTCUSDT', side: 'SELL', quantity: '1' })).body.status).toBe('FILLED');
    const [p] = (await call(sim, 'GET', '/fapi/v3/positionRisk')).body;
    // Fee 48.5 USDT makes USDT −48.5. C = −48.5 (no haircut on a debt); B = 0.95; in bracket 3 (MMR 0.02, cum 6,200):
    // P = (0 − 6,200 + 48.5 − 97,000) / (0.95 − 1 − 0.02) = 103,151.5 / 0.07 = 1,473,592.857…
    expect(p.liquidationPrice).toBe('1473592.85714285');
    await control(sim, 'mark', { coin: 'BTC', price: '194000' });
    expect((await call(sim, 'GET', '/fapi/v3/positionRisk')).body).toEqual([expect.objectContaining({ positionAmt: '-1' })]);
  });

  it('exchangeInfo lists the margin assets with their Auto-Exchange thresholds', async () => {
    const { assets } = (await call(sim, 'GET', '/fapi/v1/exchangeInfo', {}, { sign: false })).body;
    expect(assets).toContainEqual({ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' });
    expect(assets).toContainEqual({ asset: 'BTC', marginAvailable: true, autoAssetExchange: '-0.10' });
  });
});

describe('EEA credits mode (BNFCR)', () => {
  const CREDITS: Partial<AccountSpec> = { credits: true, futuresUSDT: '0', spot: { USDT: '1000', BTC: '1', USDC: '500' } };

  it('refuses USDT transfers either way (-5010); BTC and USDC move; the margin shows as BNFCR', async () => {
    await seed(CREDITS);
    expect((await transfer('MAIN_UMFUTURE', 'USDT', '100')).body).toEqual({ code: -5010, msg: 'Asset transfer fail.' });
    expect((await transfer('UMFUTURE_MAIN', 'USDT', '1')).body.code).toBe(-5010);
    expect((await transfer('MAIN_UMFUTURE', 'BTC', '0.5')).status).toBe(200);
    expect((await transfer('MAIN_UMFUTURE', 'USDC', '100')).status).toBe(200);
    expect(await control(sim, 'state', {})).toMatchObject({ credits: true, multiAssetsMargin: true, spot: { USDT: '1000', BTC: '0.5', USDC: '400' }, futures: { BTC: '0.5', USDC: '100', BNFCR: '0' } });
    const a = await account();
    expect(a.assets.map((x: any) => x.asset)).toEqual(['BNFCR', 'BTC', 'USDC']);
    // 0.5 × 97,000 × 0.95 + 100 × 0.9999 = 46,075 + 99.99.
    expect(a.totalWalletBalance).toBe('46174.99000000');
    expect((await call(sim, 'GET', '/fapi/v1/multiAssetsMargin')).body).toEqual({ multiAssetsMargin: true });
    expect((await call(sim, 'POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'false' })).body.code).toBe(-4169);
  });

  it('trades USDⓈ-M with fees, PnL and funding settled in BNFCR', async () => {
    await seed({ ...CREDITS, futures: { BTC: '0.5' } });
    await order(sim, { symbol: 'ETHUSDT', side: 'SELL', quantity: '1' });
    // Fee 3,400 × 0.0005 = 1.7 BNFCR.
    expect((await control(sim, 'state', {})).futures.BNFCR).toBe('-1.7');
    const [fee] = (await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'COMMISSION' })).body;
    expect(fee).toMatchObject({ asset: 'BNFCR', income: '-1.7' });
    await control(sim, 'funding', { symbol: 'ETHUSDT', rate: '0.0001' });
    await control(sim, 'clock', { advanceMs: 8 * 3_600_000 });
    expect((await call(sim, 'GET', '/fapi/v1/income', { incomeType: 'FUNDING_FEE' })).body).toEqual([expect.objectContaining({ asset: 'BNFCR', income: '0.34' })]);
  });

  it('/__sim/account turns credits mode on (and Multi-Assets with it)', async () => {
    expect(await control(sim, 'account', { credits: true })).toEqual({ ok: true, multiAssetsMargin: true, credits: true });
    expect((await transfer('MAIN_UMFUTURE', 'USDT', '1')).body.code).toBe(-5010);
  });
});

describe('USDC-margined perpetuals (a "USDC route")', () => {
  it('BTCUSDC is margined from the USDC moved in, apart from USDT in Single-Asset mode', async () => {
    const info = (await call(sim, 'GET', '/fapi/v1/exchangeInfo', {}, { sign: false })).body.symbols;
    expect(info.find((s: any) => s.symbol === 'BTCUSDC')).toMatchObject({ quoteAsset: 'USDC', marginAsset: 'USDC', baseAsset: 'BTC', contractType: 'PERPETUAL' });
    await seed({ spot: { USDC: '2000' } });
    expect((await order(sim, { symbol: 'BTCUSDC', side: 'SELL', quantity: '0.01' })).body.code).toBe(-2019);
    expect((await transfer('MAIN_UMFUTURE', 'USDC', '1000')).status).toBe(200);
    expect((await order(sim, { symbol: 'BTCUSDC', side: 'SELL', quantity: '0.01' })).body.status).toBe('FILLED');
    const a = await account();
    // The totals count USDT only (500); the USDC row pays the 970 × 0.0005 = 0.485 fee and margins 970 / 20 = 48.5.
    expect(a).toMatchObject({ totalWalletBalance: '500.00000000', totalInitialMargin: '0.00000000' });
    expect(a.assets.find((x: any) => x.asset === 'USDC')).toMatchObject({ walletBalance: '999.51500000', initialMargin: '48.50000000', availableBalance: '951.01500000' });
    expect((await call(sim, 'GET', '/fapi/v3/positionRisk')).body).toEqual([expect.objectContaining({ symbol: 'BTCUSDC', marginAsset: 'USDC', positionAmt: '-0.01' })]);
    expect((await transfer('UMFUTURE_MAIN', 'USDC', '960')).body.code).toBe(-5013);
    expect((await transfer('UMFUTURE_MAIN', 'USDC', '950')).status).toBe(200);
  });
});
