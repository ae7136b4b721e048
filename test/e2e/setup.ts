/**
 * One end-to-end world: the simulator (seeded as asked), Chromium with the built extension, the
 * Binance hosts routed to the simulator, and the demo key saved through the options page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AccountSpec } from '../sim/account';
import { startSimulator, type Sim } from '../sim/server';
import { demoAccount } from '../sim/seed';
import { selfSignedCertificate } from '../sim/tls';
import { launchWithExtension, type Launched } from './chromium';
import { routeBinance, type Network, type RouteOptions } from './routes';

export const PASSPHRASE = 'correct horse battery staple';

export interface World {
  sim: Sim;
  ext: Launched;
  network: Network;
  control(path: string, body?: unknown): Promise<any>;
  orders(): Promise<any[]>;
  spotPage(pair: string): Promise<Page>;
  /** Closes the browser and starts it again on the same profile (session storage is gone). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** One certificate per test process: making one takes a moment. */
let certificate: { key: string; cert: string } | undefined;

export interface WorldOptions {
  account?: Partial<AccountSpec>;
  script?: RouteOptions['script'];
  saveKey?: boolean;
  /** The worker's WebSockets reach the simulator (its TLS port, through Chromium's resolver); default true. */
  streams?: boolean;
  /** The browser's UI language, e.g. 'zh-CN'; the system's (English here) when omitted. */
  lang?: string;
  /** More Chromium switches for this world's browser (benchmarks). */
  args?: string[];
}

export async function world(opts: WorldOptions = {}): Promise<World> {
  const streams = opts.streams ?? true;
  if (streams) certificate ??= selfSignedCertificate();
  const sim = await startSimulator({ accounts: [{ ...demoAccount(), ...opts.account }], ...(streams ? { tls: certificate! } : {}) });
  const userDataDir = mkdtempSync(join(tmpdir(), 'spot-hedge-'));
  const routes = { simUrl: sim.url, ...(opts.script ? { script: opts.script } : {}) };
  const launch = { userDataDir, ...(sim.tlsPort ? { streamsAt: sim.tlsPort } : {}), ...(opts.lang ? { lang: opts.lang } : {}), ...(opts.args ? { args: opts.args } : {}) };
  const ext = await launchWithExtension(launch);
  const network = await routeBinance(ext.context, routes);
  const control = (path: string, body: unknown = {}) =>
    fetch(`${sim.url}/__sim/${path}`, path === 'orders' ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  const w: World = {
    sim,
    ext,
    network,
    control,
    orders: () => control('orders'),
    async spotPage(pair) {
      const page = await w.ext.context.newPage();
      await page.goto(`https://www.binance.com/en/trade/${pair}?type=spot`);
      return page;
    },
    async restart() {
      await w.ext.context.close();
      w.ext = await launchWithExtension(launch);
      w.network = await routeBinance(w.ext.context, routes);
    },
    async close() {
      await w.ext.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await sim.close();
    },
  };
  if (opts.saveKey ?? true) await saveKeyThroughOptions(ext, sim.apiKey, sim.apiSecret);
  return w;
}

/** Saves a key the way a user does: the options page form. Also used by `npm start` for the demo key. */
export async function saveKeyThroughOptions(ext: Launched, apiKey: string, secret: string, passphrase = PASSPHRASE): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await page.fill('input[name=apiKey]', apiKey);
  await page.fill('textarea[name=secret]', secret);
  await page.fill('input[name=passphrase]', passphrase);
  await page.fill('input[name=confirm]', passphrase);
  await page.click('form:has(input[name=apiKey]) button[type=submit]');
  // Saved once the worker holds it unlocked (read in any UI language), and the form has said so.
  const keys = () => page.evaluate(async () => ((await chrome.runtime.sendMessage({ type: 'state/get' })) as { data?: { keys?: string } })?.data?.keys);
  for (const end = Date.now() + 20_000; (await keys()) !== 'unlocked'; await page.waitForTimeout(100)) {
    if (Date.now() > end) throw new Error('The options page did not save the key within 20 s.');
  }
  await page.locator('[data-testid=key-message].ok').waitFor();
  return page;
}
