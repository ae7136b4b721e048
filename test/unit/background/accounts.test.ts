/**
 * Accounts as real traders have them, through the background against the simulator: coins in
 * Simple Earn and the Funding wallet, Multi-Assets mode, EEA credits. Numbers worked by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSpec } from '../../sim/account';
import { startSimulator, type Sim } from '../../sim/server';
import { demoAccount } from '../../sim/seed';
import { backgroundOnSim } from './harness';

let sim: Sim;
afterEach(async () => sim.close());

async function on(account: Partial<AccountSpec>) {
  sim = await startSimulator({ accounts: [{ ...demoAccount(), ...account }] });
  const bg = await backgroundOnSim(sim);
  return {
    ...bg,
    preview: (asset: string) => bg.handlers['hedge/preview']({ type: 'hedge/preview', asset, intent: 'hedge' }),
    execute: (previewId: string) => bg.handlers['hedge/execute']({ type: 'hedge/execute', previewId }),
    dashboard: () => bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: true }),
    view: (asset: string) => bg.handlers['hedge/view']({ type: 'hedge/view', asset }),
  };
}

describe('coins in Simple Earn and the Funding wallet', () => {
  it('hedges BTC split across Spot and Earn in full, and moving it all into Earn keeps it hedged with no order', async () => {
    const bg = await on({ spot: { BTC: '1', USDT: '100000' }, earn: { flexible: { BTC: '0.5' } } });
    expect(await bg.view('BTC')).toMatchObject({ exposure: '1.5', holdings: [{ wallet: 'spot', amount: '1' }, { wallet: 'earnFlexible', amount: '0.5' }], status: 'under' });
    const p = await bg.preview('BTC');
    expect(p.order).toMatchObject({ symbol: 'BTCUSDT', quantity: '1.5' });
    await bg.execute(p.id);
    const s = await bg.keyed.get(false);
    s.live.start();
    for (let i = 0; i < 100 && s.live.spotState !== 'open'; i++) await new Promise((r) => setTimeout(r, 20));
    // The user subscribes the spot BTC to Earn Flexible on Binance: Spot falls to 0, Earn holds 1.5,
    // and the spot stream says coins moved (balanceUpdate): the Earn wallet is read again at once.
    const seen = bg.changed.length;
    await bg.control('spot', { asset: 'BTC', free: '0' });
    await bg.control('earn', { asset: 'BTC', amount: '1.5' });
    for (let i = 0; i < 100 && !bg.changed.slice(seen).some((a) => a.includes('BTC')); i++) await new Promise((r) => setTimeout(r, 20));
    const d = await bg.handlers['dashboard/get']({ type: 'dashboard/get', refresh: false });
    expect(d?.assets.find((a) => a.asset === 'BTC')).toMatchObject({ status: 'hedged', action: null, holdings: [{ wallet: 'earnFlexible', amount: '1.5' }] });
    expect(d?.warnings.filter((w) => w.asset === 'BTC')).toEqual([]);
    expect(await bg.orders()).toHaveLength(1);
    s.live.stop();
  });

  it('counts Earn Locked and the Funding wallet too, unless the options leave a wallet out', async () => {
    const bg = await on({ spot: { SOL: '100', USDT: '100000' }, earn: { locked: { SOL: '50' } }, fundingWallet: { SOL: '25' } });
    expect(await bg.view('SOL')).toMatchObject({ exposure: '175', status: 'under' });
    await bg.handlers['settings/set']({ type: 'settings/set', settings: { wallets: ['spot', 'earnFlexible'] } });
    expect(await bg.view('SOL')).toMatchObject({ exposure: '100', holdings: [{ wallet: 'spot', amount: '100' }] });
  });
});

describe('Multi-Assets mode and Single-Asset mode', () => {
  // Futures: 1,000 USDT and 0.5 BTC (mark 97,000). ETH 12 at 3,400, 2x: 20,400 margin + 20.40 taker fee.
  const futures = { USDT: '1000', BTC: '0.5' };

  it('Single-Asset: only USDT margins a USDT perpetual, so 19,420.40 is moved; the margin ratio counts USDT', async () => {
    const bg = await on({ futures, multiAssetsMargin: false });
    expect((await bg.dashboard())?.account).toMatchObject({ marginMode: 'single-asset', availableBalance: '1000.00000000' });
    const p = await bg.preview('ETH');
    expect(p).toMatchObject({ transfer: '19420.40', collateral: 'USDT', availableMargin: '1000.00' });
    await bg.execute(p.id);
    // Wallet 1,000 + 19,420.40 − 20.40 = 20,400; maintenance 40,800 × 0.4 % = 163.20 → 163.20 / 20,400 = 0.8 %.
    const d = await bg.dashboard();
    expect(d?.account).toMatchObject({ totalMarginBalance: '20400.00000000', totalMaintMargin: '163.20000000' });
    expect(d?.marginRatio).toBe('0.008');
  });

  it('Multi-Assets: BTC counts at 95 % and USDT at 99.99 %, so nothing is moved; the ratio is over the USD total', async () => {
    const bg = await on({ futures, multiAssetsMargin: true });
    // 1,000 × 0.9999 + 0.5 × 97,000 × 0.95 = 999.90 + 46,075 = 47,074.90.
    expect((await bg.dashboard())?.account).toMatchObject({ marginMode: 'multi-assets', totalMarginBalance: '47074.90000000' });
    const p = await bg.preview('ETH');
    expect(p).toMatchObject({ transfer: null, availableMargin: '47074.90' });
    await bg.execute(p.id);
    // USDT 1,000 − 20.40 = 979.60 → 979.50204 + 46,075 = 47,054.50204; 163.20 / 47,054.50204.
    const d = await bg.dashboard();
    expect(d?.account).toMatchObject({ totalMarginBalance: '47054.50204000', totalMaintMargin: '163.20000000' });
    expect(Number(d?.marginRatio)).toBeCloseTo(163.2 / 47054.50204, 12);
  });

  it('Multi-Assets: a stablecoin moved counts at 99.99 %, so a shortfall moves a little more', async () => {
    const bg = await on({ futures: { USDT: '1000' }, multiAssetsMargin: true });
    // Shortfall 20,420.40 − 999.90 = 19,420.50; ÷ 0.9999 = 19,422.44… → 19,422.45.
    expect(await bg.preview('ETH')).toMatchObject({ transfer: '19422.45', collateral: 'USDT' });
  });
});

describe('an EEA credits account', () => {
  it('is explained, and hedges on the USDC perpetual with USDC moved (USDT cannot be)', async () => {
    const bg = await on({ spot: { BTC: '1', USDC: '60000', USDT: '100000' }, futures: { BNFCR: '0' }, credits: true });
    const d = await bg.dashboard();
    expect(d?.account?.marginMode).toBe('credits');
    expect(d?.warnings).toContainEqual(expect.objectContaining({ kind: 'credits', message: expect.toSay(/Credits Trading Mode \(EEA\): USDT cannot be moved/) }));
    // The 500 USDT in Futures count at 0.9999: 499.95. 48,500 + 48.50 − 499.95 = 48,048.55; ÷ 0.9999 → 48,053.36.
    const p = await bg.preview('BTC');
    expect(p).toMatchObject({ order: { symbol: 'BTCUSDC', quantity: '1' }, transfer: '48053.36', collateral: 'USDC' });
    await bg.execute(p.id);
    const state = await bg.control('state');
    expect(state.spot.USDC).toBe('11946.64');
    expect(state.spot.USDT).toBe('100000');
    expect(state.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDC', positionAmt: '-1' })]);
  });

  it('without USDC, says plainly why not on USDⓈ-M, and offers COIN-M: nothing is sent', async () => {
    const bg = await on({ spot: { ETH: '12', USDT: '100000' }, futures: { BNFCR: '0', USDT: '0' }, credits: true });
    const usdm = bg.handlers['hedge/preview']({ type: 'hedge/preview', asset: 'ETH', intent: 'hedge', route: 'usdm' });
    await expect(usdm).rejects.toMatchObject({ info: { code: 'credits-no-usdc', message: expect.toSay(/Credits Trading Mode \(EEA\)/), action: expect.toSay(/Buy USDC on Spot/) } });
    // Asked without a route, the hedge is offered on COIN-M, the ETH itself as collateral, saying why.
    const p = await bg.preview('ETH');
    expect(p).toMatchObject({ family: 'coinm', collateral: 'ETH' });
    expect(p.warnings[0]).toSay(/^Not on USDⓈ-M: Your futures account is in Credits Trading Mode/);
    expect(await bg.orders()).toHaveLength(0);
  });
});
