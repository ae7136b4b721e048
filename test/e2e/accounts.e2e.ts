/**
 * Accounts as real traders have them, in Chromium against the simulator: coins split between Spot
 * and Simple Earn, a move into Earn, too little USDT, an EEA credits account, Multi-Assets mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { world, type World, type WorldOptions } from './setup';
import { panelClick, panelText, waitForPanelText } from './shadow';

async function on<T>(account: WorldOptions['account'], run: (w: World) => Promise<T>): Promise<T> {
  const w = await world({ account });
  try {
    return await run(w);
  } finally {
    await w.close();
  }
}

/** The panel's action pressed, the confirm step open. */
async function review(page: Page, label: RegExp): Promise<void> {
  await waitForPanelText(page, '[data-testid=action]', (t) => label.test(t));
  await panelClick(page, '[data-testid=action]');
  await waitForPanelText(page, '[data-testid=confirm-button]');
}

async function confirm(page: Page): Promise<string | null> {
  await panelClick(page, '[data-testid=confirm-button]');
  return waitForPanelText(page, '[data-testid=result] p', undefined, 20_000);
}

describe('coins in Spot and Simple Earn', () => {
  it('hedges BTC split across Spot and Earn in full, then a move of the spot BTC into Earn keeps it hedged with no order', () =>
    on({ spot: { BTC: '1', USDT: '100000' }, earn: { flexible: { BTC: '0.5' } } }, async (w) => {
      const page = await w.spotPage('BTC_USDT');
      expect(await waitForPanelText(page, '[data-testid=spot]')).toBe('1.5 BTC');
      expect(await panelText(page, '[data-testid=holdings]')).toBe('= 1 Spot + 0.5 Earn Flexible');
      await review(page, /^Hedge 1.5 BTC$/);
      expect(await confirm(page)).toMatch(/^Sold 1\.5 BTCUSDT at 97,000\.0\. Hedge ratio now 100\.0%\.$/);
      // The user subscribes the spot BTC to Earn Flexible: Binance's spot stream reports the move.
      await w.control('spot', { asset: 'BTC', free: '0' });
      await w.control('earn', { asset: 'BTC', amount: '1.5' });
      expect(await waitForPanelText(page, '[data-testid=holdings]', (t) => t === '= 1.5 Earn Flexible', 10_000)).toBe('= 1.5 Earn Flexible');
      expect(await panelText(page, '[data-testid=hedge-status]')).toBe('Hedged');
      expect(await panelText(page, '[data-testid=action]')).toBeNull();
      expect(await w.orders()).toHaveLength(1);
    }));
});

describe('too little USDT', () => {
  it('1.5 BTC and 500 USDT: the confirm step offers the largest hedge 500 USDT margins, and places it', () =>
    on({ spot: { BTC: '1.5', USDT: '500' }, futuresUSDT: '0' }, async (w) => {
      const page = await w.spotPage('BTC_USDT');
      await review(page, /^Hedge 1.5 BTC$/);
      // 97,000 / 2 + 48.50 fee = 48,548.50 a BTC: 500 margins 0.010 BTC (970 notional, over the 100 minimum).
      expect(await panelText(page, '[data-testid=preview-partial]')).toBe('Hedge 0.01 BTC now (0.7%) — add 72,322.75 USDT to hedge all 1.5 BTC.');
      expect(await panelText(page, '[data-testid=preview-transfer]')).toBe('485.49 USDT from Spot to Futures first');
      expect(await confirm(page)).toMatch(/^Sold 0\.01 BTCUSDT at 97,000\.0\./);
      expect((await w.orders()).map((o: { symbol: string; origQty: string }) => [o.symbol, o.origQty])).toEqual([['BTCUSDT', '0.01']]);
      expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Under-hedged');
    }));
});

describe('an EEA credits account', () => {
  it('is explained, and hedges on the USDC perpetual with USDC moved', () =>
    on({ spot: { BTC: '1', USDC: '60000', USDT: '1000' }, futures: { BNFCR: '0', USDT: '0' }, credits: true }, async (w) => {
      const page = await w.spotPage('BTC_USDT');
      expect(await waitForPanelText(page, '[data-testid=symbol]')).toBe('BTCUSDC');
      await review(page, /^Hedge 1 BTC$/);
      expect(await panelText(page, '[data-testid=preview-transfer]')).toMatch(/^48,553\.36 USDC from Spot to Futures first$/);
      await confirm(page);
      const state = await w.control('state');
      expect(state.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDC', positionAmt: '-1' })]);
      expect(state.spot.USDT).toBe('1000');
    }));

  it('without USDC, says plainly why not on USDⓈ-M, offers COIN-M with the coin as collateral, and sends nothing', () =>
    on({ spot: { ETH: '2', USDT: '100000' }, futures: { BNFCR: '0', USDT: '0' }, credits: true }, async (w) => {
      const page = await w.spotPage('ETH_USDT');
      await review(page, /^Hedge 2 ETH$/);
      expect(await panelText(page, '[data-testid=route-coinm][aria-pressed=true]')).toBe('COIN-M (the coin as collateral, no USDT)');
      expect(await panelText(page, '[data-testid=preview-warnings]')).toMatch(/^Not on USDⓈ-M: Your futures account is in Credits Trading Mode \(EEA\): Binance moves only BTC, ETH, BNB and USDC into it, not USDT/);
      expect(await w.orders()).toEqual([]);
    }));
});

describe('Multi-Assets mode', () => {
  it('the side panel shows the mode and the margin ratio over the USD total', () =>
    on(
      { spot: { ETH: '12' }, futures: { USDT: '1000', BTC: '0.5' }, multiAssetsMargin: true, positions: [{ symbol: 'ETHUSDT', positionAmt: '-12', entryPrice: '3400' }], leverage: { ETHUSDT: 2 } },
      async (w) => {
        const page = await w.ext.context.newPage();
        await page.goto(`chrome-extension://${w.ext.extensionId}/src/sidepanel/index.html`);
        expect(await page.locator('[data-testid=margin-mode]').textContent()).toBe('Asset modeMulti-Assets');
        // 163.20 maintenance over 1,000 × 0.9999 + 0.5 × 97,000 × 0.95 = 47,074.90: 0.3 %.
        await expect.poll(() => page.locator('[data-testid=margin-ratio]').textContent()).toBe('Margin ratio0.3%');
      },
    ));
});
