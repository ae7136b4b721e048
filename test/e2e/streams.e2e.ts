/**
 * Live over real sockets: the service worker's WebSockets to wss://ws-api.binance.com and
 * wss://fstream.binance.com reach the simulator through Chromium's resolver (its TLS listener), so
 * the spot user-data stream, the USDⓈ-M user-data stream and the mark prices run as in production.
 * A spot change must reach the panel, and a rally the badge, within 2 s — no minute poll involved.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';
import { waitForPanelText } from './shadow';

const WITHIN_MS = 2_000;

describe('the hedge follows the spot wallet and the mark, live', () => {
  let w: World;
  let page: Page;
  beforeAll(async () => {
    // A full 1.5 BTC hedge and a 100 SOL hedge on 10,030 USDT of cross margin. Margin ratio =
    // (BTC maint 964 + SOL maint (m − 50)) / (10,030 − 100·(m − 180)): 11 % now, critical (91 %) at
    // m = 267.3, liquidated only at m ≈ 268.47.
    w = await world({
      account: {
        spot: { BTC: '1.5', SOL: '100', USDT: '1000' },
        futuresUSDT: '10030',
        positions: [
          { symbol: 'BTCUSDT', positionAmt: '-1.5', entryPrice: '97000' },
          { symbol: 'SOLUSDT', positionAmt: '-100', entryPrice: '180' },
        ],
        leverage: { BTCUSDT: 2, SOLUSDT: 2 },
      },
    });
    page = await w.spotPage('BTC_USDT');
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Hedged');
    // The panel's port starts the streams; wait until the spot subscription is in place.
    for (const end = Date.now() + 10_000; w.sim.spotSubscriptions() === 0; await page.waitForTimeout(50)) {
      if (Date.now() > end) throw new Error('the worker never subscribed to the spot user-data stream');
    }
  });
  afterAll(async () => w?.close());

  /** Sets the spot BTC balance and returns how long until the panel's action reads `label`. */
  async function afterSpotChange(free: string, label: RegExp): Promise<number> {
    const t0 = Date.now();
    await w.control('spot', { asset: 'BTC', free });
    await waitForPanelText(page, '[data-testid=action]', (t) => label.test(t), 10_000);
    return Date.now() - t0;
  }

  // First, while nothing else is critical (an orphan short would already turn the badge red).
  it('a rally over the critical margin ratio turns the badge red within 2 s', async () => {
    const badge = () => w.ext.worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), colour: await chrome.action.getBadgeBackgroundColor({}) }));
    const t0 = Date.now();
    await w.control('mark', { symbol: 'SOLUSDT', markPrice: '267.3' });
    await expect.poll(async () => (await badge()).colour.join(), { timeout: 10_000, interval: 50 }).toBe('246,70,93,255');
    expect(Date.now() - t0).toBeLessThan(WITHIN_MS);
  });

  it('a spot buy shows "Add 0.5 BTC to hedge" within 2 s', async () => {
    expect(await afterSpotChange('2', /^Add 0\.5 BTC to hedge$/)).toBeLessThan(WITHIN_MS);
  });

  it('a partial sale shows "Reduce hedge by 0.5 BTC" within 2 s', async () => {
    expect(await afterSpotChange('1', /^Reduce hedge by 0\.5 BTC$/)).toBeLessThan(WITHIN_MS);
  });

  it('a full sale shows the orphan short and its close within 2 s', async () => {
    expect(await afterSpotChange('0', /^Close hedge$/)).toBeLessThan(WITHIN_MS);
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Orphan short');
  });

});
