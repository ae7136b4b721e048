/**
 * Hedging with the coin itself (COIN-M) in Chromium: 2 BTC in Spot and no USDT. The panel offers
 * the COIN-M route, the BTC moves to the COIN-M wallet as the short's collateral, a rally to twice
 * the mark leaves it unliquidated and the panel "Hedged", and closing returns the BTC to Spot.
 */
import { describe, expect, it } from 'vitest';
import { world } from './setup';
import { panelClick, panelText, waitForPanelText } from './shadow';

describe('COIN-M: the coin as collateral', () => {
  it('2 BTC and 0 USDT: offered COIN-M, hedged, unliquidated by a doubling, closed back to Spot', async () => {
    const w = await world({ account: { spot: { BTC: '2' }, futuresUSDT: '0' } });
    try {
      const page = await w.spotPage('BTC_USDT');
      await waitForPanelText(page, '[data-testid=action]', (t) => t === 'Hedge 2 BTC');
      await panelClick(page, '[data-testid=action]');
      await waitForPanelText(page, '[data-testid=confirm-button]');
      // Offered on COIN-M (USDⓈ-M cannot margin it without USDT), with the other route one click away.
      expect(await panelText(page, '[data-testid=route-coinm][aria-pressed=true]')).toBe('COIN-M (the coin as collateral, no USDT)');
      expect(await panelText(page, '[data-testid=preview-transfer]')).toBe("2 BTC from Spot to the COIN-M wallet first, as the short's collateral");
      expect(await panelText(page, '[data-testid=preview-no-liquidation]')).toBe('None on a rally while your BTC is its collateral');
      expect(await panelText(page, '.confirm-title')).toMatch(/^Sell \(short\) 1,?940 BTCUSD_PERP/);
      await panelClick(page, '[data-testid=confirm-button]');
      await waitForPanelText(page, '[data-testid=result] p', undefined, 20_000);
      let state = await w.control('state');
      // round_down(2 × 97,000 / 100) = 1,940 contracts; the 2 BTC (less the 0.001 fee) in the COIN-M wallet.
      expect(state.coinm.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSD_PERP', positionAmt: '-1940' })]);
      expect(state.coinm.balances.BTC).toBe('1.999');
      expect(await waitForPanelText(page, '[data-testid=hedge-status]', (t) => t === 'Hedged')).toBe('Hedged');

      // A rally to twice the mark: not liquidated, still hedged.
      await w.control('mark', { coin: 'BTC', price: '194000' });
      await page.reload();
      expect(await waitForPanelText(page, '[data-testid=mark]', (t) => t.startsWith('194,000'))).toMatch(/^194,000/);
      expect(await panelText(page, '[data-testid=hedge-status]')).toBe('Hedged');
      state = await w.control('state');
      expect(state.coinm.positions).toEqual([expect.objectContaining({ positionAmt: '-1940' })]);

      // Closing from the side panel: the contracts bought back, the BTC back in Spot.
      const side = await w.ext.context.newPage();
      await side.goto(`chrome-extension://${w.ext.extensionId}/src/sidepanel/index.html`);
      await side.locator('[data-testid=close-BTC]').click();
      await side.locator('[data-testid=confirm-button][data-armed=true]').waitFor();
      await side.locator('[data-testid=confirm-button]').click();
      await side.locator('[data-testid=result]').waitFor({ timeout: 20_000 });
      state = await w.control('state');
      expect(state.coinm.positions.filter((p: { positionAmt: string }) => p.positionAmt !== '0')).toEqual([]);
      // 1.999 − the 1 BTC lost on the doubling − the 0.0005 closing fee: what 2 BTC were worth, less fees.
      expect(state.spot.BTC).toBe('0.9985');
    } finally {
      await w.close();
    }
  });
});
