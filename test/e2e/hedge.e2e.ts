import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';
import { hostCount, panelClick, panelText, waitForPanelText } from './shadow';

const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, clip: { x: 880, y: 300, width: 400, height: 500 } });

async function hedgeFromPanel(page: Page, label: RegExp): Promise<void> {
  await waitForPanelText(page, '[data-testid=action]', (t) => label.test(t));
  await panelClick(page, '[data-testid=action]');
  await waitForPanelText(page, '[data-testid=confirm-button]');
}

describe('hedging from the spot page (one-way account)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ account: { spot: { BTC: '1.5', ETH: '12', SOL: '250', PEPE: '30000999.5', USDT: '300000' } } });
  });
  afterAll(async () => w?.close());

  it('hedges BTC from the BTC_USDT page: preview with the transfer, confirm, short on the exchange', async () => {
    const page = await w.spotPage('BTC_USDT');
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Under-hedged');
    expect(await panelText(page, '[data-testid=spot]')).toBe('1.5 BTC');
    expect(await panelText(page, '[data-testid=funding-text]')).toMatch(/the short would receive about 14.55 USDT per 8 h at this rate/);
    await shot(page, 'panel-unhedged');
    await hedgeFromPanel(page, /^Hedge 1.5 BTC$/);
    expect(await panelText(page, '[data-testid=preview-transfer]')).toMatch(/USDT from Spot to Futures first/);
    await shot(page, 'panel-confirm');
    await panelClick(page, '[data-testid=confirm-button]');
    expect(await waitForPanelText(page, '[data-testid=result] p', undefined, 20_000)).toMatch(/^Sold 1\.5 BTCUSDT at 97,000\.0\. Hedge ratio now 100\.0%\.$/);
    expect(await panelText(page, '[data-testid=hedge-status]')).toBe('Hedged');
    await shot(page, 'panel-hedged');
    const state = await w.control('state');
    expect(state.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', positionAmt: '-1.5' })]);
    await page.close();
  });

  it('follows an SPA navigation to ETH_USDT and shows ETH', async () => {
    const page = await w.spotPage('BTC_USDT');
    await waitForPanelText(page, '[data-testid=hedge-status]', (t) => t === 'Hedged');
    await page.click('#nav-eth');
    expect(await waitForPanelText(page, '[data-testid=spot]', (t) => t.includes('ETH'))).toBe('12 ETH');
    expect(await waitForPanelText(page, '[data-testid=action]')).toBe('Hedge 12 ETH');
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });

  it('PEPE maps to 1000PEPEUSDT, rounded to whole contracts', async () => {
    const page = await w.spotPage('PEPE_USDT');
    expect(await waitForPanelText(page, '[data-testid=symbol]')).toMatch(/^1000PEPEUSDT \(1 = 1000 PEPE\)$/);
    await hedgeFromPanel(page, /^Hedge 30,000,000 PEPE$/);
    expect(await panelText(page, '[data-testid=preview-residual]')).toBe('999.5 PEPE (below the contract\'s step)');
    await panelClick(page, '[data-testid=confirm-button]');
    await waitForPanelText(page, '[data-testid=result]', undefined, 20_000);
    const orders = await w.orders();
    expect(orders.at(-1)).toMatchObject({ symbol: '1000PEPEUSDT', origQty: '30000', side: 'SELL' });
    await page.close();
  });

  it('an asset without a perpetual says so and offers no order', async () => {
    const page = await w.spotPage('LEO_USDT');
    expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('No perpetual');
    expect(await panelText(page, '[data-testid=action]')).toBeNull();
    await page.close();
  });

  it('a double click on Confirm places one order', async () => {
    const page = await w.spotPage('ETH_USDT');
    await hedgeFromPanel(page, /^Hedge 12 ETH$/);
    const before = (await w.orders()).length;
    await panelClick(page, '[data-testid=confirm-button]', 2);
    await waitForPanelText(page, '[data-testid=result]', undefined, 20_000);
    expect((await w.orders()).length).toBe(before + 1);
    await page.close();
  });

  it('a timeout after Binance accepted the order places one order and reports it filled', async () => {
    const page = await w.spotPage('SOL_USDT');
    await hedgeFromPanel(page, /^Hedge 250 SOL$/);
    const before = (await w.orders()).length;
    await w.control('fault', { match: { method: 'POST', path: '/fapi/v1/order' }, count: 1, kind: 'timeoutAfterAccept' });
    await panelClick(page, '[data-testid=confirm-button]');
    expect(await waitForPanelText(page, '[data-testid=result]', undefined, 20_000)).toMatch(/Sold 250 SOLUSDT/);
    expect((await w.orders()).length).toBe(before + 1);
    await page.close();
  });

  it('Escape cancels the confirm step without sending anything', async () => {
    await w.control('spot', { asset: 'BTC', free: '2.5' });
    const page = await w.spotPage('BTC_USDT');
    await hedgeFromPanel(page, /^Add 1 BTC to hedge$/);
    const before = (await w.orders()).length;
    await page.keyboard.press('Escape');
    await waitForPanelText(page, '[data-testid=action]');
    expect(await panelText(page, '[data-testid=confirm]')).toBeNull();
    expect((await w.orders()).length).toBe(before);
    await page.close();
  });
});

describe('accounts that need care', () => {
  it('a dust balance under the minimum shows "Below minimum" and no button', async () => {
    const w = await world({ account: { spot: { BTC: '0.0005', USDT: '1000' } } });
    try {
      const page = await w.spotPage('BTC_USDT');
      expect(await waitForPanelText(page, '[data-testid=hedge-status]')).toBe('Below minimum');
      expect(await panelText(page, '[data-testid=reason]')).toMatch(/below the smallest BTCUSDT order/);
      expect(await panelText(page, '[data-testid=action]')).toBeNull();
    } finally {
      await w.close();
    }
  });

  it('a Hedge-mode account gets positionSide SHORT', async () => {
    const w = await world({ account: { dualSidePosition: true, futuresUSDT: '50000' } });
    try {
      const page = await w.spotPage('ETH_USDT');
      await hedgeFromPanel(page, /^Hedge 12 ETH$/);
      await panelClick(page, '[data-testid=confirm-button]');
      await waitForPanelText(page, '[data-testid=result]', undefined, 20_000);
      expect(await w.orders()).toEqual([expect.objectContaining({ positionSide: 'SHORT', side: 'SELL', reduceOnly: false })]);
    } finally {
      await w.close();
    }
  });

  it('without a key the panel asks for one and its button opens the options page', async () => {
    const w = await world({ saveKey: false });
    try {
      const page = await w.spotPage('BTC_USDT');
      expect(await waitForPanelText(page, '[data-testid=nokey]')).toMatch(/Add a Binance API key/);
      const opened = w.ext.context.waitForEvent('page');
      await panelClick(page, '[data-testid=open-options]');
      expect((await opened).url()).toContain('/src/options/index.html');
    } finally {
      await w.close();
    }
  });
});

describe('a hostile page', () => {
  it('forges DOM and messages but cannot trigger an order, read a key, or reach into the panel', async () => {
    const w = await world({ script: 'hostile.js' });
    try {
      // The hash hands the page the extension's real id to aim its messages at.
      const page = await w.ext.context.newPage();
      await page.goto(`https://www.binance.com/en/trade/BTC_USDT?type=spot#ext=${w.ext.extensionId}`);
      // The panel follows the URL (BTC), not the forged DOM (ETH, price 1.00).
      expect(await waitForPanelText(page, '[data-testid=pair]')).toBe('BTC/USDT');
      expect(await waitForPanelText(page, '[data-testid=spot]')).toBe('1.5 BTC');
      await page.waitForFunction(() => ['innerText', 'sendMessage'].every((what) => (window as any).__hostile.probes.some((p: any) => p.what === what)));
      const probes = await page.evaluate(() => (window as any).__hostile.probes as { what: string; result: string }[]);
      const get = (what: string) => probes.find((p) => p.what === what)?.result;
      // A web page gets no chrome.runtime at all (the manifest has no externally_connectable): its message to the real id never leaves.
      expect(get('chrome.runtime')).toBe('none');
      expect(get('sendMessage')).toBe("threw: Cannot read properties of undefined (reading 'sendMessage')");
      expect(get('shadowRoot')).toBe('null');
      expect(get('innerText')).toBe('');
      expect(JSON.stringify(probes)).not.toContain(w.sim.apiSecret);
      expect(JSON.stringify(probes)).not.toContain(w.sim.apiKey);
      await page.waitForTimeout(500);
      expect(await w.orders()).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
