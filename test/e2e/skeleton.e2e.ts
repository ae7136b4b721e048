import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Launched } from './chromium';
import { routeBinance } from './routes';
import { hostCount, waitForPanelText } from './shadow';

let ext: Launched;

beforeAll(async () => {
  ext = await launchWithExtension();
  await routeBinance(ext.context);
});
afterAll(async () => ext?.close());

describe('the extension in real Chromium', () => {
  it('mounts the panel on the spot page and gets a reply from the background', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://www.binance.com/en/trade/BTC_USDT?type=spot');
    expect(await waitForPanelText(page, '[data-testid=pair]')).toBe('BTC/USDT');
    // No key yet: the background's answer is a prompt to add one.
    expect(await waitForPanelText(page, '[data-testid=nokey]')).toContain('Add a Binance API key');
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });

  it('follows an SPA route change to another pair without a reload', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://www.binance.com/en/trade/BTC_USDT?type=spot');
    await waitForPanelText(page, '[data-testid=pair]', (t) => t === 'BTC/USDT');
    await page.click('#nav-eth');
    expect(await waitForPanelText(page, '[data-testid=pair]', (t) => t === 'ETH/USDT')).toBe('ETH/USDT');
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });

  it('stays off non-spot trade pages', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://www.binance.com/en/trade/BTC_USDT?type=isolated');
    await page.waitForTimeout(500);
    expect(await hostCount(page)).toBe(0);
    await page.close();
  });

  it('removes the panel when the SPA leaves the spot pair, and brings it back', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://www.binance.com/en/trade/BTC_USDT?type=spot');
    await waitForPanelText(page, '[data-testid=pair]');
    await page.evaluate(() => history.pushState({}, '', '/en/trade/BTC_USDT?type=cross'));
    await expect.poll(() => hostCount(page)).toBe(0);
    await page.evaluate(() => history.back());
    expect(await waitForPanelText(page, '[data-testid=pair]')).toBe('BTC/USDT');
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });

  for (const [name, path] of [
    ['popup', 'src/popup/index.html'],
    ['sidepanel', 'src/sidepanel/index.html'],
    ['options', 'src/options/index.html'],
  ] as const) {
    it(`renders the ${name} page with state from the background`, async () => {
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/${path}`);
      await expect.poll(() => page.locator(`[data-testid=${name}] [data-testid=status]`).textContent()).toContain('Keys:');
      await page.close();
    });
  }
});
