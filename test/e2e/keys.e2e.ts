/**
 * The key in the real browser: never on disk in the clear, gone from memory on lock and on a
 * browser restart, and never in anything a page or a view can read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from './faults-kit';
import { PASSPHRASE, world, type World } from './setup';

/** Every file of the browser profile that contains `needle` in the clear. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) hits.push(...filesContaining(path, needle));
    else if (st.isFile() && readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}

describe('the API key in the browser', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => w?.close());

  const options = async () => {
    const page = await w.ext.context.newPage();
    await page.goto(`chrome-extension://${w.ext.extensionId}/src/options/index.html`);
    return page;
  };
  const session = () => w.ext.worker.evaluate(() => chrome.storage.session.get(null));

  it('is at rest only sealed: no profile file holds the secret or the API key in the clear', async () => {
    const page = await options();
    // Use the key once so requests, caches and the journal have been written too.
    expect((await ask(page, { type: 'hedge/view', asset: 'BTC' })).ok).toBe(true);
    const local = JSON.stringify(await w.ext.worker.evaluate(() => chrome.storage.local.get(null)));
    expect(local).not.toContain(w.sim.apiSecret);
    expect(local).not.toContain(w.sim.apiKey);
    // Not even sealed: storage.local is readable by content scripts; the sealed key is in the extension's IndexedDB.
    expect(local).not.toContain('ciphertext');
    await w.restart(); // flushes the profile to disk
    // Control: the scan does see what IndexedDB wrote (the sealed key's record).
    expect(filesContaining(w.ext.userDataDir, 'ciphertext').length).toBeGreaterThan(0);
    expect(filesContaining(w.ext.userDataDir, w.sim.apiSecret)).toEqual([]);
    expect(filesContaining(w.ext.userDataDir, w.sim.apiKey)).toEqual([]);
  });

  it('is locked after a browser restart: the unlocked copy lived in session memory only', async () => {
    const page = await options();
    expect((await ask(page, { type: 'state/get' }) as { data: { keys: string } }).data.keys).toBe('locked');
    expect(JSON.stringify(await session())).not.toContain(w.sim.apiSecret);
    const view = await ask(page, { type: 'hedge/view', asset: 'BTC' });
    expect(view).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('unlocks with the passphrase, and a lock removes it from session memory again', async () => {
    const page = await options();
    expect(await ask(page, { type: 'keys/unlock', passphrase: 'not the passphrase' })).toMatchObject({ ok: false });
    expect((await ask(page, { type: 'keys/unlock', passphrase: PASSPHRASE }) as { data: { keys: string } }).data.keys).toBe('unlocked');
    expect(JSON.stringify(await session())).toContain(w.sim.apiSecret); // held while unlocked, in memory
    await ask(page, { type: 'keys/lock' });
    expect(JSON.stringify(await session())).not.toContain(w.sim.apiSecret);
  });

  it('is out of a content script\'s reach: session storage refuses it, and local storage holds no secret', async () => {
    await ask(await options(), { type: 'keys/unlock', passphrase: PASSPHRASE });
    const page = await w.spotPage('BTC_USDT');
    // Evaluate inside the content script's own isolated world, as a compromised one could.
    const cdp = await w.ext.context.newCDPSession(page);
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => void worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const isolated = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
    expect(isolated).toBeDefined();
    const run = async (expression: string): Promise<string> =>
      ((await cdp.send('Runtime.evaluate', { expression, contextId: isolated!.id, awaitPromise: true, returnByValue: true })) as { result: { value: string } }).result.value;
    expect(await run('chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => "refused: " + e.message)')).toMatch(/^refused/);
    const local = await run('chrome.storage.local.get(null).then((v) => JSON.stringify(v), (e) => "refused: " + e.message)');
    expect(local).not.toContain(w.sim.apiSecret);
    expect(local).not.toContain(w.sim.apiKey);
    expect(local).not.toContain('ciphertext'); // not even the sealed key: it is in the extension's IndexedDB
  });
});
