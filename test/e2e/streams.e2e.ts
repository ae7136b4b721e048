/**
 * Live over real sockets: the service worker's WebSockets to wss://ws-api.binance.com and
 * wss://fstream.binance.com reach the simulator through Chromium's resolver (its TLS listener), so
 * the spot user-data stream, the USDⓈ-M user-data stream and the mark prices run as in production.
 * A spot change must reach the panel, and a rally the badge, within 2 s — no minute poll involved.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ACCOUNT } from './live-account';
import { world, type World } from './setup';
import { waitForPanelText } from './shadow';

const WITHIN_MS = 2_000;


describe('the hedge follows the spot wallet and the mark, live', () => {
  let w: World;
  let page: Page;
  beforeAll(async () => {
    w = await world({ account: LIVE_ACCOUNT });
    page = await w.spotPage('LINK_USDT');
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Hedged');
    // The panel's port starts the streams; wait until the spot subscription is in place.
    for (const end = Date.now() + 10_000; w.sim.spotSubscriptions() === 0; await page.waitForTimeout(50)) {
      if (Date.now() > end) throw new Error('the worker never subscribed to the spot user-data stream');
    }
  });
  afterAll(async () => w?.close());

  /** Sets the spot LINK balance and returns how long until the panel's action reads `label`. */
  async function afterSpotChange(free: string, label: RegExp): Promise<number> {
    const t0 = Date.now();
    await w.control('spot', { asset: 'LINK', free });
    await waitForPanelText(page, '[data-testid=action]', (t) => label.test(t), 10_000);
    return Date.now() - t0;
  }

  // First, while nothing else is critical (an orphan short would already turn the badge red).
  it('a rally over the critical margin ratio turns the badge red within 2 s', async () => {
    const badge = () => w.ext.worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), colour: await chrome.action.getBadgeBackgroundColor({}) }));
    expect(await badge()).toMatchObject({ text: '' }); // calm before: the red can only come from the rally
    const t0 = Date.now();
    await w.control('mark', { symbol: 'SOLUSDT', markPrice: '267.3' });
    await expect.poll(async () => (await badge()).colour.join(), { timeout: 10_000, interval: 50 }).toBe('246,70,93,255');
    expect(Date.now() - t0).toBeLessThan(WITHIN_MS);
  });

  it('a spot buy shows "Add 20 LINK to hedge" within 2 s', async () => {
    expect(await afterSpotChange('120', /^Add 20 LINK to hedge$/)).toBeLessThan(WITHIN_MS);
  });

  it('a partial sale shows "Reduce hedge by 20 LINK" within 2 s', async () => {
    expect(await afterSpotChange('80', /^Reduce hedge by 20 LINK$/)).toBeLessThan(WITHIN_MS);
  });

  it('a full sale shows the orphan short and its close within 2 s', async () => {
    expect(await afterSpotChange('0', /^Close hedge$/)).toBeLessThan(WITHIN_MS);
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Orphan short');
  });

});
