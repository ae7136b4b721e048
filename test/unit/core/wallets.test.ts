import { describe, expect, it } from 'vitest';
import { HEDGE_DEFAULTS, planFor, planHedges, type WalletBalance } from '../../../src/core';
import { said } from '../chrome-i18n';
import { bal, short, snapshot } from './fixtures';

const earn = (asset: string, amount: string, wallet: WalletBalance['wallet'] = 'earnFlexible'): WalletBalance => ({ asset, wallet, amount });

describe('exposure from every wallet the coin is in', () => {
  it('counts Spot, Simple Earn and the Funding wallet, and says where the coins are', () => {
    const p = planFor('BTC', snapshot({ balances: [bal('BTC', '0.8', '0.2')], wallets: [earn('BTC', '0.4'), earn('BTC', '0.1'), earn('BTC', '0.25', 'earnLocked'), earn('BTC', '0.05', 'funding')] }));
    expect(p).toMatchObject({ status: 'under', exposure: '1.8', target: '1.8' });
    expect(p.holdings).toEqual([
      { wallet: 'spot', amount: '1' },
      { wallet: 'earnFlexible', amount: '0.5' },
      { wallet: 'earnLocked', amount: '0.25' },
      { wallet: 'funding', amount: '0.05' },
    ]);
    expect(p.order).toMatchObject({ side: 'SELL', quantity: '1.8' });
  });

  it('a hedged coin moved from Spot into Earn stays hedged: no orphan, no order', () => {
    const moved = snapshot({ balances: [], wallets: [earn('BTC', '1.5')], positions: [short('BTCUSDT', '-1.5')] });
    expect(planFor('BTC', moved)).toMatchObject({ status: 'hedged', order: null, ratio: '1', holdings: [{ wallet: 'earnFlexible', amount: '1.5' }] });
    expect(planHedges(moved).map((p) => [p.asset, p.status])).toEqual([['BTC', 'hedged']]);
  });

  it('a wallet switched off in the options does not count', () => {
    const s = snapshot({ balances: [bal('BTC', '1')], wallets: [earn('BTC', '0.5')], positions: [short('BTCUSDT', '-1.5')] });
    const p = planFor('BTC', s, { ...HEDGE_DEFAULTS, wallets: ['spot', 'funding'] });
    expect(p).toMatchObject({ status: 'over', exposure: '1', holdings: [{ wallet: 'spot', amount: '1' }] });
    expect(p.order).toMatchObject({ side: 'BUY', quantity: '0.5', reduceOnly: true });
  });

  it('a wallet that could not be read stops every plan that counts it, naming it', () => {
    const s = snapshot({ balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '-1.5')], unreadableWallets: ['earnFlexible'] });
    const p = planFor('BTC', s);
    expect(p).toMatchObject({ status: 'unreadable', order: null });
    expect(said(p.reason)).toMatch(/Earn Flexible wallet could not be read/);
    // Not counted, not needed.
    expect(planFor('BTC', s, { ...HEDGE_DEFAULTS, wallets: ['spot'] }).status).toBe('over');
  });

  it('coins held only in Earn or the Funding wallet are planned too', () => {
    expect(planHedges(snapshot({ wallets: [earn('SOL', '40', 'funding')] })).map((p) => [p.asset, p.status, p.exposure])).toEqual([['SOL', 'under', '40']]);
  });
});

describe('a target ratio per asset', () => {
  it('overrides the global ratio for that asset only', () => {
    const s = snapshot({ balances: [bal('BTC', '2'), bal('ETH', '10')] });
    const settings = { ...HEDGE_DEFAULTS, hedgeRatio: '1', ratios: { BTC: '0.5' } };
    expect(planFor('BTC', s, settings)).toMatchObject({ target: '1', order: { quantity: '1' } });
    expect(planFor('ETH', s, settings)).toMatchObject({ target: '10', order: { quantity: '10' } });
  });
});

describe('the perpetual of a credits account', () => {
  it('prefers the USDC perpetual where USDT cannot be moved, and keeps an open hedge on its own perpetual', () => {
    const credits = { quotes: ['USDC', 'USDT'] };
    expect(planFor('BTC', snapshot({ ...credits, balances: [bal('BTC', '1')] })).order).toMatchObject({ symbol: 'BTCUSDC', quantity: '1' });
    // ETH has no USDC perpetual here: the USDT one.
    expect(planFor('ETH', snapshot({ ...credits, balances: [bal('ETH', '2')] })).order).toMatchObject({ symbol: 'ETHUSDT' });
    // Already short on BTCUSDT: that short is the hedge, not a second one on BTCUSDC.
    expect(planFor('BTC', snapshot({ ...credits, balances: [bal('BTC', '1')], positions: [short('BTCUSDT', '-1')] }))).toMatchObject({ symbol: 'BTCUSDT', status: 'hedged' });
  });
});
