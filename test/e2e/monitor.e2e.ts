import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';

const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
/** Chrome opens the popup and the side panel about this wide: their screenshots are taken at it. */
const NARROW = { width: 360, height: 900 };

/** The side panel at Chrome's width, once its rows are drawn. */
async function sidePanel(w: World): Promise<Page> {
  const page = await w.ext.context.newPage();
  await page.setViewportSize(NARROW);
  await page.goto(`chrome-extension://${w.ext.extensionId}/src/sidepanel/index.html`);
  return page;
}

describe('watching the hedge: badge, popup, notification, side panel', () => {
  let w: World;
  beforeAll(async () => {
    // Hedged SOL and ETH shorts with 9,000 USDT of cross margin: calm at the seeded marks. Cross
    // margin ratio = (SOL maint 100·m·1 % − 50 + ETH maint 27.2) / (27,000 − 100·m): 80 % at
    // m ≈ 266.95, liquidation at m ≈ 267.55, so a rally to 267.3 is critical but not liquidated.
    w = await world({
      account: {
        spot: { SOL: '100', ETH: '2', USDT: '1000' },
        futuresUSDT: '9000',
        positions: [{ symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' }, { symbol: 'ETHUSDT', positionAmt: '-2', entryPrice: '3400' }],
        leverage: { SOLUSDT: 2, ETHUSDT: 2 },
      },
    });
  });
  afterAll(async () => w?.close());

  const popup = async () => {
    const page = await w.ext.context.newPage();
    await page.setViewportSize({ width: NARROW.width, height: 600 });
    await page.goto(`chrome-extension://${w.ext.extensionId}/src/popup/index.html`);
    await page.locator('h1:not(:has-text("updating"))').waitFor({ timeout: 15_000 });
    return page;
  };
  const badge = () => w.ext.worker.evaluate(() => chrome.action.getBadgeText({}));
  const notifications = () => w.ext.worker.evaluate(() => chrome.notifications.getAll());

  it('a calm, hedged account: no warnings, empty badge', async () => {
    const page = await popup();
    await expect.poll(() => page.locator('[data-testid=warnings]').textContent()).toContain('No funding or margin warnings');
    expect(await badge()).toBe('');
    await page.close();
  });

  it('a rally across the critical margin ratio: red badge, the warning in the popup, one notification', async () => {
    await w.control('mark', { symbol: 'SOLUSDT', markPrice: '267.3' });
    const page = await popup();
    await expect.poll(() => page.locator('[data-testid=warning][data-id=margin-ratio]').textContent(), { timeout: 10_000 }).toMatch(/Futures margin ratio is \d+\.\d%/);
    expect(Number(await badge())).toBeGreaterThanOrEqual(1);
    const color = await w.ext.worker.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
    expect(color.slice(0, 3)).toEqual([246, 70, 93]);
    expect(Object.keys(await notifications())).toContain('warning:margin-ratio');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
    await page.screenshot({ path: `${SHOTS}/popup-critical.png`, fullPage: true });
    await page.close();
    await w.control('mark', { symbol: 'SOLUSDT', markPrice: '180' });
  });

  it('a negative funding settlement shows the cost warning with what to do', async () => {
    await w.control('funding', { symbol: 'ETHUSDT', rate: '-0.002' });
    await w.control('clock', { advanceMs: 8 * 3_600_000 });
    const page = await popup();
    await expect.poll(() => page.locator('[data-testid=warning][data-id="funding-cost:ETH"]').textContent(), { timeout: 10_000 }).toMatch(/the hedge pays about 13.60 USDT every 8 h/);
    await expect.poll(() => page.locator('[data-testid=next-funding]').textContent()).toMatch(/you pay about/);
    await page.close();
  });

  it('selling the spot leaves an orphan short, which the side panel closes', async () => {
    await w.control('spot', { asset: 'SOL', free: '0' });
    const page = await sidePanel(w);
    await expect.poll(() => page.locator('[data-testid="row-SOL"]').textContent(), { timeout: 10_000 }).toContain('Orphan short');
    expect(await page.locator('[data-testid=warning][data-id="orphan:SOL"]').textContent()).toMatch(/close it/);
    // The history charts: funding so far (ETH's negative settlement), margin and hedge ratios.
    await page.locator('[data-testid=chart] canvas').first().waitFor();
    expect(await page.locator('[data-testid=chart]').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/sidepanel-orphan.png`, fullPage: true });
    await page.click('[data-testid=act-SOL]');
    await page.locator('[data-testid=confirm] :text("reduce-only")').waitFor();
    await page.click('[data-testid=confirm-button]');
    await expect.poll(() => page.locator('[data-testid=result] p').textContent(), { timeout: 15_000 }).toMatch(/Bought 100 SOLUSDT/);
    const state = await w.control('state');
    expect(state.positions.find((p: { symbol: string }) => p.symbol === 'SOLUSDT')).toBeUndefined();
    await page.close();
  });
});

describe('hedge all unhedged from the side panel', () => {
  it('shows one combined preview, hedges in order, and the last asset with what the budget leaves', async () => {
    const w = await world();
    try {
      const page = await sidePanel(w);
      await page.click('[data-testid=hedge-all]');
      await page.locator('[data-testid=batch]').waitFor();
      // 100,500 USDT: BTC, ETH and PEPE take 93,423.33; the 7,076.67 left margin 78.55 of the 250 SOL.
      expect(await page.locator('[data-testid=batch-partial-SOL]').textContent()).toBe('Hedge 78.55 SOL now (31.4%) — add 15,445.83 USDT to hedge all 250 SOL.');
      await page.screenshot({ path: `${SHOTS}/sidepanel-hedge-all.png`, fullPage: true });
      await page.click('[data-testid=batch-confirm]');
      await expect.poll(() => page.locator('[data-testid=result] p').textContent(), { timeout: 20_000 }).toBe('Hedged BTC, ETH, PEPE, SOL.');
      expect((await w.orders()).map((o: { symbol: string; origQty: string }) => [o.symbol, o.origQty])).toEqual([
        ['BTCUSDT', '1.5'],
        ['ETHUSDT', '12'],
        ['1000PEPEUSDT', '30000'],
        ['SOLUSDT', '78.55'],
      ]);
    } finally {
      await w.close();
    }
  });
});

describe('the side panel at the width Chrome opens it', () => {
  it('shows every row with its status and its button in sight at 360 × 900, details on a click', async () => {
    const w = await world({ account: { positions: [{ symbol: 'ETHUSDT', positionAmt: '-6', entryPrice: '3400' }], leverage: { ETHUSDT: 2 } } });
    try {
      const page = await sidePanel(w);
      await page.locator('[data-testid=row-PEPE] [data-testid=hedge-status]').waitFor();
      await page.click('[data-testid=toggle-ETH]');
      expect(await page.locator('[data-testid=details-ETH] [data-testid=mark]').textContent()).toBe('3,400.00');
      expect(await page.locator('[data-testid=details-ETH] [data-testid=funding]').textContent()).toMatch(/^0\.0080% /);
      // With a row's details open, every row's buttons are still in sight: no horizontal scroll, none below the fold.
      const rows = await page.locator('[data-testid^=row-]').all();
      expect(rows.length).toBe(4);
      for (const row of rows) {
        const name = String(await row.getAttribute('data-testid'));
        const buttons = await row.locator('.holding-actions button').all();
        expect(buttons.length, name).toBeGreaterThan(0);
        for (const button of buttons) {
          const box = (await button.boundingBox())!;
          const where = `${name}: ${await button.textContent()}`;
          expect(box.x + box.width, where).toBeLessThanOrEqual(NARROW.width);
          expect(box.y + box.height, where).toBeLessThanOrEqual(NARROW.height);
        }
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
      await page.screenshot({ path: `${SHOTS}/sidepanel-360.png` });
    } finally {
      await w.close();
    }
  });

  it('a "hedge until" day that has come: the reminder shows at once and goes when the day is removed; no order is sent', async () => {
    const w = await world({ account: { spot: { ETH: '6' }, positions: [{ symbol: 'ETHUSDT', positionAmt: '-6', entryPrice: '3400' }], leverage: { ETHUSDT: 2 } } });
    try {
      const page = await sidePanel(w);
      await page.click('[data-testid=toggle-ETH]');
      const today = await page.evaluate(() => new Date().toLocaleDateString('sv')); // YYYY-MM-DD, local
      await page.fill('[data-testid=until-ETH] input', today);
      await page.click('[data-testid=until-ETH] button[type=submit]');
      const reminder = page.locator('[data-testid=warning][data-id="until:ETH"]');
      await expect.poll(() => reminder.textContent(), { timeout: 10_000 }).toMatch(/^You planned to hedge ETH until .+, and the short is still open\./);
      await page.click('[data-testid=until-ETH] button[type=button]');
      await reminder.waitFor({ state: 'detached', timeout: 10_000 });
      expect(await w.orders()).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
