/**
 * The panel lives in a CLOSED shadow root, which Playwright's locators cannot pierce (by design:
 * neither can the page). The DevTools protocol can, so tests read and click through it.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

function findHost(node: DomNode): DomNode | null {
  if (node.attributes?.includes('data-spot-hedge')) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = findHost(child);
    if (hit) return hit;
  }
  return null;
}

/** How many panel hosts the page has (0 or 1 expected; 2 would be a duplicate mount). */
export async function hostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-spot-hedge]').length);
}

async function find(page: Page, selector: string): Promise<number | null> {
  const s = await cdp(page);
  const { root } = (await s.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const shadow = findHost(root)?.shadowRoots?.[0];
  if (!shadow) return null;
  const { nodeId } = (await s.send('DOM.querySelector', { nodeId: shadow.nodeId, selector })) as { nodeId: number };
  return nodeId || null;
}

async function callOn<T>(page: Page, nodeId: number, fn: string): Promise<T> {
  const s = await cdp(page);
  const { object } = (await s.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } };
  const { result } = (await s.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn,
    returnByValue: true,
  })) as { result: { value: T } };
  return result.value;
}

/** Text of the first element matching `selector` in the panel, or null when absent. */
export async function panelText(page: Page, selector: string): Promise<string | null> {
  const nodeId = await find(page, selector);
  return nodeId ? callOn<string>(page, nodeId, 'function () { return this.textContent; }') : null;
}

/** Waits until the element exists and its text satisfies `ok`; returns the text. */
export async function waitForPanelText(
  page: Page,
  selector: string,
  ok: (text: string) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < end) {
    last = await panelText(page, selector).catch(() => null);
    if (last !== null && ok(last)) return last;
    await page.waitForTimeout(50);
  }
  const panel = await panelText(page, '[data-testid=panel]').catch(() => null);
  throw new Error(`Panel element ${selector} never matched; last text: ${JSON.stringify(last)}; the panel said: ${JSON.stringify(panel)}`);
}

/**
 * A real mouse click (or double click) at the element's centre, as a user would: on a money button,
 * once it is armed (it has been fully in sight long enough for a press to count).
 */
export async function panelClick(page: Page, selector: string, clickCount = 1, { waitArmed = true } = {}): Promise<void> {
  // Found afresh each time it is checked: a render that replaced the button starts a new one arming,
  // and a press on that one too early is ignored (as it would be for a user).
  let nodeId: number | null = null;
  for (const end = Date.now() + 10_000; ; await page.waitForTimeout(25)) {
    nodeId = await find(page, selector);
    if (!nodeId) throw new Error(`Panel element ${selector} not found`);
    if (!waitArmed || (await callOn<string | null>(page, nodeId, "function () { return this.getAttribute('data-armed'); }")) !== 'false') break;
    if (Date.now() > end) throw new Error(`Panel element ${selector} never armed: is something covering the panel?`);
  }
  const s = await cdp(page);
  const { model } = (await s.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2, { clickCount });
}
