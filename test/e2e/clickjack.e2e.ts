/**
 * A confirm click that cannot be stolen. The page (a hostile script, run here in the page's own
 * world) draws a picture over the panel with `pointer-events: none` — "Claim your 50 USDT reward,
 * click twice" — so the user's clicks fall through to the panel's buttons; or fades the panel, or
 * pushes it off screen. No order may follow, and the panel says why. The same flow unattacked
 * still hedges.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, type World } from './setup';
import { panelClick, panelText, waitForPanelText } from './shadow';

/** What the hostile page does to the panel. */
const ATTACKS = {
  overlay: () => {
    const bait = document.createElement('div');
    bait.id = 'bait';
    bait.textContent = 'Claim your 50 USDT reward — click twice';
    Object.assign(bait.style, { position: 'fixed', inset: '0', zIndex: '2147483647', pointerEvents: 'none', background: 'rgba(240,185,11,0.35)', font: '32px sans-serif', display: 'grid', placeItems: 'center' });
    document.body.append(bait);
  },
  fade: () => void ((document.querySelector('[data-spot-hedge]') as HTMLElement).style.opacity = '0.3'),
  offscreen: () => void ((document.querySelector('[data-spot-hedge]') as HTMLElement).style.transform = 'translateY(300px)'),
} as const;

describe('a hostile page cannot steal the confirm click', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ account: { spot: { BTC: '1.5', ETH: '12', SOL: '250', USDT: '100000' }, futuresUSDT: '100000' } });
  });
  afterAll(async () => w?.close());

  const open = async (pair: string): Promise<Page> => {
    const page = await w.spotPage(pair);
    await waitForPanelText(page, '[data-testid=action]');
    return page;
  };
  const orders = async () => (await w.orders()).length;

  it('a picture over the panel: the two clicks reach the panel but open nothing, and it says the page covers it', async () => {
    const page = await open('BTC_USDT');
    await page.evaluate(ATTACKS.overlay);
    await page.waitForTimeout(300); // the overlay is seen (IntersectionObserver v2 reports at most every 100 ms)
    await panelClick(page, '[data-testid=action]', 1, { waitArmed: false });
    await panelClick(page, '[data-testid=action]', 1, { waitArmed: false });
    expect(await waitForPanelText(page, '[data-testid=refused]')).toBe('The page is covering this panel; nothing was sent.');
    expect(await panelText(page, '[data-testid=confirm]')).toBeNull();
    expect(await orders()).toBe(0);
    await page.close();
  });

  it('an overlay drawn once the confirm step is open: Confirm refuses, no order; gone again, the same Confirm hedges', async () => {
    const page = await open('ETH_USDT');
    await panelClick(page, '[data-testid=action]');
    await waitForPanelText(page, '[data-testid=confirm-button]');
    await page.evaluate(ATTACKS.overlay);
    await page.waitForTimeout(300);
    await panelClick(page, '[data-testid=confirm-button]', 2, { waitArmed: false });
    expect(await waitForPanelText(page, '[data-testid=refused]')).toBe('The page is covering this panel; nothing was sent.');
    expect(await orders()).toBe(0);
    // Control: without the picture the same button arms again and the hedge goes through.
    await page.evaluate(() => document.getElementById('bait')!.remove());
    await panelClick(page, '[data-testid=confirm-button]');
    await waitForPanelText(page, '[data-testid=result] p', undefined, 20_000);
    expect(await orders()).toBe(1);
    await page.close();
  });

  it.each(['fade', 'offscreen'] as const)('a panel the page %s refuses the press too', async (attack) => {
    const page = await open('SOL_USDT');
    const before = await orders();
    await page.evaluate(ATTACKS[attack]);
    await page.waitForTimeout(300);
    await panelClick(page, '[data-testid=action]', 1, { waitArmed: false }).catch(() => undefined); // off screen: there may be nothing to click
    expect(await panelText(page, '[data-testid=confirm]')).toBeNull();
    expect(await orders()).toBe(before);
    if (attack === 'fade') expect(await waitForPanelText(page, '[data-testid=refused]')).toMatch(/nothing was sent/);
    await page.close();
  });

  it('a quick second click on a Confirm that just appeared under the pointer does not count', async () => {
    const page = await open('SOL_USDT');
    const before = await orders();
    // The action and the Confirm sit where a double click lands twice: the second press comes at once.
    await panelClick(page, '[data-testid=action]');
    await waitForPanelText(page, '[data-testid=confirm-button]');
    await panelClick(page, '[data-testid=confirm-button]', 1, { waitArmed: false });
    await page.waitForTimeout(700);
    expect(await panelText(page, '[data-testid=progress]')).toBeNull();
    expect(await orders()).toBe(before);
    await page.close();
  });
});
