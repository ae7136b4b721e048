/**
 * `npm start`: builds the extension, starts the local Binance simulator with the demo account,
 * and opens Chromium with the extension on the spot page fixture — no keys needed. The browser
 * driver routes Binance's hosts to the simulator, so the shipped manifest (no localhost) is what
 * runs; the demo key is entered through the options page as a user would, and the panel shows DEMO.
 * The live streams run too: Chromium resolves Binance's stream hosts to the simulator's TLS port.
 *   npm start -- --headless --screenshot out.png   renders the same without a display
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../test/e2e/chromium';
import { routeBinance } from '../test/e2e/routes';
import { saveKeyThroughOptions } from '../test/e2e/setup';
import { startSimulator } from '../test/sim/server';
import { selfSignedCertificate } from '../test/sim/tls';
import { ITEMS } from '../src/shared/storage';

const DEMO_PASSPHRASE = 'spot-hedge-demo';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: !process.env.DISPLAY },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    pair: { type: 'string', default: 'BTC_USDT' },
  },
});

if (!values['no-build']) {
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

// Live streams too: the worker's WebSockets reach the simulator's TLS port through Chromium's resolver.
const sim = await startSimulator({ tls: selfSignedCertificate() });
const ext = await launchWithExtension({ headless: values.headless, streamsAt: sim.tlsPort! });
await routeBinance(ext.context, { simUrl: sim.url });
await ext.worker.evaluate((key) => chrome.storage.local.set({ [key]: true }), ITEMS.simulator.key);

const options = await saveKeyThroughOptions(ext, sim.apiKey, sim.apiSecret, DEMO_PASSPHRASE);
if (values.headless) await options.close();

const page = ext.context.pages().find((p) => p.url() === 'about:blank') ?? (await ext.context.newPage());
await page.goto(`https://www.binance.com/en/trade/${values.pair}?type=spot`);
await page.bringToFront();

if (values.screenshot) {
  await page.waitForTimeout(2000);
  await page.screenshot({ path: values.screenshot });
  console.log(`screenshot saved to ${values.screenshot}`);
  await ext.close();
  await sim.close();
} else {
  console.log(`Demo running: simulator at ${sim.url}, demo passphrase "${DEMO_PASSPHRASE}". Press Ctrl-C to stop.`);
  const stop = async (): Promise<void> => {
    await ext.close().catch(() => undefined);
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  ext.context.on('close', () => void sim.close().then(() => process.exit(0)));
}
