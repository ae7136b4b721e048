/**
 * The Chrome Web Store's screenshots (1280 × 800), made from the real extension on the simulator's
 * demo account: the panel on the spot page, its confirm step, and the side panel and popup beside
 * the page as Chrome shows them. Written to docs/store/.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';
import { panelClick, waitForPanelText } from './shadow';

const STORE = resolve(import.meta.dirname, '../../docs/store');
const SIZE = { width: 1280, height: 800 };

/** Pictures laid side by side on a 1280 × 800 canvas, as Chrome shows a side panel or a popup beside the page. */
async function compose(w: World, name: string, parts: { png: Buffer; left: number; top: number; width: number; shadow?: boolean }[]): Promise<Buffer> {
  const page = await w.ext.context.newPage();
  await page.setViewportSize(SIZE);
  const imgs = parts
    .map((p) => `<img src="data:image/png;base64,${p.png.toString('base64')}" style="position:absolute;left:${p.left}px;top:${p.top}px;width:${p.width}px;${p.shadow ? 'box-shadow:0 8px 32px rgba(0,0,0,.6);border-radius:8px;' : ''}">`)
    .join('');
  await page.setContent(`<body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;background:#0b0e11;overflow:hidden">${imgs}</body>`);
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const png = await page.screenshot({ path: `${STORE}/${name}.png` });
  await page.close();
  return png;
}

async function extensionPage(w: World, path: string, size: { width: number; height: number }, ready: string): Promise<Page> {
  const page = await w.ext.context.newPage();
  await page.setViewportSize(size);
  await page.goto(`chrome-extension://${w.ext.extensionId}/src/${path}/index.html`);
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
  return page;
}

describe('store screenshots', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({
      account: {
        spot: { BTC: '1.5', ETH: '12', SOL: '250', USDT: '100000' },
        futuresUSDT: '60000',
        positions: [{ symbol: 'ETHUSDT', positionAmt: '-12', entryPrice: '3400' }, { symbol: 'SOLUSDT', positionAmt: '-200', entryPrice: '180' }],
        leverage: { ETHUSDT: 2, SOLUSDT: 2 },
      },
    });
  });
  afterAll(async () => w?.close());

  it('are 1280 × 800: the panel, its confirm step, the side panel and the popup', async () => {
    const spot = await w.spotPage('BTC_USDT');
    await waitForPanelText(spot, '[data-testid=action]');
    const panel = await spot.screenshot({ path: `${STORE}/1-panel.png` });
    await panelClick(spot, '[data-testid=action]');
    await waitForPanelText(spot, '[data-testid=confirm-button]');
    await spot.screenshot({ path: `${STORE}/2-confirm.png` });

    const side = await extensionPage(w, 'sidepanel', { width: 400, height: 800 }, '[data-testid=row-SOL] [data-testid=hedge-status]');
    const sidePng = await side.screenshot();
    await compose(w, '3-sidepanel', [{ png: panel, left: -400, top: 0, width: 1280 }, { png: sidePng, left: 880, top: 0, width: 400 }]);

    const popup = await extensionPage(w, 'popup', { width: 360, height: 560 }, 'h1:not(:has-text("…"))');
    await popup.locator('[data-testid=warnings]').waitFor();
    const popupPng = await popup.screenshot();
    const shots = await compose(w, '4-popup', [{ png: panel, left: 0, top: 0, width: 1280 }, { png: popupPng, left: 900, top: 12, width: 360, shadow: true }]);

    // A PNG's size sits in its header: the store takes 1280 × 800.
    for (const png of [panel, shots]) expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
    await Promise.all([spot.close(), side.close(), popup.close()]);
  });
});
