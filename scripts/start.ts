/**
 * `npm start`: builds the extension, starts the local Binance simulator with a demo account, and
 * opens Chromium with the extension on the spot page fixture. Binance's hosts are routed to the
 * simulator by the browser driver, so the shipped manifest (no localhost) is what runs.
 *   npm start -- --headless --screenshot out.png   renders the same without a display
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../test/e2e/chromium';
import { routeBinance } from '../test/e2e/routes';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: !process.env.DISPLAY },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!values['no-build']) {
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const ext = await launchWithExtension({ headless: values.headless });
await routeBinance(ext.context);
const page = ext.context.pages()[0] ?? (await ext.context.newPage());
await page.goto('https://www.binance.com/en/trade/BTC_USDT?type=spot');

if (values.screenshot) {
  await page.waitForTimeout(1500);
  await page.screenshot({ path: values.screenshot });
  console.log(`screenshot saved to ${values.screenshot}`);
  await ext.close();
} else {
  console.log('Chromium is open with the extension. Press Ctrl-C to stop.');
  const stop = async (): Promise<void> => {
    await ext.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  ext.context.on('close', () => process.exit(0));
}
