/**
 * The extension in the browser's language: Chromium started in Simplified Chinese (--lang=zh-CN
 * and LANGUAGE) shows the panel, the popup and the side panel in Chinese, with numbers written the
 * Chinese way; screenshots of each go to docs/screenshots/zh-CN-*.png.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';
import { panelText, waitForPanelText } from './shadow';

const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const zh = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, { message: string }>;
/** A Chinese message with its placeholders filled in order. */
const say = (id: string, ...params: string[]): string => {
  let i = 0;
  return zh[id]!.message.replace(/\$[A-Z0-9_]+\$/g, () => params[i++] ?? '');
};
const CJK = /[\u4e00-\u9fff]/;

describe('in Simplified Chinese', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ lang: 'zh-CN', account: { spot: { BTC: '1.5', ETH: '12', USDT: '100000' } } });
  });
  afterAll(async () => w?.close());

  it('the browser speaks Chinese to the extension', async () => {
    expect(await w.ext.worker.evaluate(() => chrome.i18n.getUILanguage())).toBe('zh-CN');
  });

  it('the panel on the spot page: status, action and funding in Chinese', async () => {
    const page = await w.spotPage('BTC_USDT');
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe(say('statusUnder'));
    expect(await waitForPanelText(page, '[data-testid=action]')).toBe(say('actionHedge', '1.5 BTC'));
    expect(await panelText(page, '[data-testid=funding-text]')).toMatch(CJK);
    await page.screenshot({ path: `${SHOTS}/zh-CN-panel.png`, clip: { x: 880, y: 300, width: 400, height: 500 } });
    await page.close();
  });

  it('the popup and the side panel in Chinese', async () => {
    const popup = await w.ext.context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${w.ext.extensionId}/src/popup/index.html`);
    await expect.poll(() => popup.locator('[data-testid=warnings]').textContent(), { timeout: 15_000 }).toMatch(CJK);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await popup.screenshot({ path: `${SHOTS}/zh-CN-popup.png`, fullPage: true });
    await popup.close();

    const side = await w.ext.context.newPage();
    await side.setViewportSize({ width: 360, height: 900 });
    await side.goto(`chrome-extension://${w.ext.extensionId}/src/sidepanel/index.html`);
    await side.locator('[data-testid=row-BTC] [data-testid=hedge-status]').waitFor();
    expect(await side.locator('[data-testid=margin-ratio] span').first().textContent()).toBe(say('commonMarginRatio'));
    expect(await side.locator('[data-testid=hedge-all]').textContent()).toBe(say('sideHedgeAll'));
    await side.screenshot({ path: `${SHOTS}/zh-CN-sidepanel.png`, fullPage: true });
    await side.close();
  });
});
