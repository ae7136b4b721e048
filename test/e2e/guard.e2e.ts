/**
 * The liquidation guard in Chromium against the simulator: switched on in the options, it comes
 * with a hedge (one reduce-only BUY stop on Binance's algo service, between the mark and the
 * estimated liquidation), moves with a rebalance, goes when the hedge closes, and when a rally
 * reaches it closes the short on Binance, tells the user once, and the panel offers to hedge again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask } from './faults-kit';
import { world, type World } from './setup';
import { panelClick, waitForPanelText } from './shadow';

type AlgoRow = { symbol: string; side: string; algoStatus: string; triggerPrice: string; closePosition: boolean; clientAlgoId: string };

async function openGuards(w: World): Promise<AlgoRow[]> {
  const rows = (await fetch(`${w.sim.url}/__sim/algo-orders`).then((r) => r.json())) as AlgoRow[];
  return rows.filter((o) => o.algoStatus === 'NEW');
}

/** Waits until the simulator's open guards satisfy `ok`. */
async function guardsUntil(w: World, ok: (rows: AlgoRow[]) => boolean): Promise<AlgoRow[]> {
  let rows: AlgoRow[] = [];
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    rows = await openGuards(w);
    if (ok(rows)) return rows;
  }
  throw new Error(`guards never matched: ${JSON.stringify(rows)}`);
}

async function confirmAction(page: Page, label: RegExp): Promise<void> {
  await waitForPanelText(page, '[data-testid=action]', (t) => label.test(t));
  await panelClick(page, '[data-testid=action]');
  await waitForPanelText(page, '[data-testid=confirm-button]');
  await panelClick(page, '[data-testid=confirm-button]');
  await waitForPanelText(page, '[data-testid=result] p', undefined, 20_000);
}

describe('the liquidation guard', () => {
  it('comes with a hedge, moves with a rebalance, goes with a close, and fires once on a rally', async () => {
    const w = await world({ account: { spot: { BTC: '1.5', USDT: '100000' } } });
    try {
      const options = await w.ext.context.newPage();
      await options.goto(`chrome-extension://${w.ext.extensionId}/src/options/index.html`);
      await ask(options, { type: 'settings/set', settings: { guard: { enabled: true, distance: '0.5' } } });

      const page = await w.spotPage('BTC_USDT');
      await confirmAction(page, /^Hedge 1.5 BTC$/);
      const [first] = await guardsUntil(w, (g) => g.length === 1);
      // Strictly between the mark and the liquidation price Binance estimates for the short.
      const view = (await ask(options, { type: 'hedge/view', asset: 'BTC' })) as { ok: true; data: { liquidationPrice: string } };
      expect(first).toMatchObject({ symbol: 'BTCUSDT', side: 'BUY', closePosition: true });
      expect(Number(first!.triggerPrice)).toBeGreaterThan(97_000);
      expect(Number(first!.triggerPrice)).toBeLessThan(Number(view.data.liquidationPrice));

      // The side panel shows the guard and its trigger.
      const side = await w.ext.context.newPage();
      await side.goto(`chrome-extension://${w.ext.extensionId}/src/sidepanel/index.html`);
      await side.locator('[data-testid=toggle-BTC]').click();
      const trigger = Number(first!.triggerPrice).toLocaleString('en-US', { minimumFractionDigits: 1 });
      await expect.poll(() => side.locator('[data-testid=guard]').textContent(), { timeout: 10_000 }).toBe(`closes the short on Binance if the mark reaches ${trigger}`);
      await side.close();

      // Bought 0.5 BTC more and added to the hedge: the guard moves (a new one, the old one gone).
      await w.control('spot', { asset: 'BTC', free: '2' });
      await confirmAction(page, /^Add 0.5 BTC to hedge$/);
      const [moved] = await guardsUntil(w, (g) => g.length === 1 && g[0]!.clientAlgoId !== first!.clientAlgoId);
      expect(moved).toMatchObject({ symbol: 'BTCUSDT', side: 'BUY' });

      // Sold the BTC: the orphan short is closed, and its guard with it.
      await w.control('spot', { asset: 'BTC', free: '0' });
      await confirmAction(page, /^Close hedge$/);
      await guardsUntil(w, (g) => g.length === 0);

      // Hedged again; a rally through the trigger: Binance closes the short, the user is told once.
      await w.control('spot', { asset: 'BTC', free: '1.5' });
      await confirmAction(page, /^Hedge 1.5 BTC$/);
      const [guard] = await guardsUntil(w, (g) => g.length === 1);
      await w.control('mark', { symbol: 'BTCUSDT', markPrice: String(Math.ceil(Number(guard!.triggerPrice)) + 1) });
      await expect.poll(async () => ((await w.control('state')).positions as { positionAmt: string }[]).filter((p) => p.positionAmt !== '0').length, { timeout: 10_000 }).toBe(0);
      const notified = async () => Object.keys(await w.ext.worker.evaluate(() => chrome.notifications.getAll())).filter((id) => id.includes('guard:'));
      await expect.poll(notified, { timeout: 10_000 }).toHaveLength(1);
      expect(await waitForPanelText(page, '[data-testid=action]', (t) => t === 'Hedge 1.5 BTC', 15_000)).toBe('Hedge 1.5 BTC');
      expect(await notified()).toHaveLength(1);
    } finally {
      await w.close();
    }
  });
});
