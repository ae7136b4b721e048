/** Finds Debian's Chromium (or CHROMIUM_PATH) and launches it with the built extension loaded. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** The built extension; E2E_DIST points the tests at another build (the mutation check's mutants). */
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : resolve(import.meta.dirname, '../../dist');

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install Debian\'s: `sudo apt-get install -y chromium` ' +
        '(or set CHROMIUM_PATH to a Chromium/Chrome binary).',
    );
  }
  return found;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Reuse a profile (browser-restart tests); a fresh one otherwise. */
  userDataDir?: string;
  /** false: the same browser without the extension (benchmark baseline). */
  extension?: boolean;
  /**
   * Binance's WebSocket hosts resolved to the simulator's TLS port (tests and the demo only):
   * Playwright cannot route a service worker's WebSockets, Chromium's resolver can.
   */
  streamsAt?: number;
  /**
   * The browser's UI language ('zh-CN'), which chrome.i18n picks the extension's messages by: on
   * Linux Chromium takes it from the LANGUAGE environment variable before --lang, so both are set.
   */
  lang?: string;
  /** More Chromium switches (the benchmarks' --remote-debugging-port, to reach the worker's heap). */
  args?: string[];
}

/** The hosts whose WebSockets the worker opens, as the production manifest names them. */
const STREAM_HOSTS = ['fstream.binance.com', 'ws-api.binance.com', 'dstream.binance.com'];

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const withExtension = opts.extension ?? true;
  if (withExtension && !existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is not built: run `npm run build`.');
  const headless = opts.headless ?? true;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'spot-hedge-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless,
    ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang.replace('-', '_') } } : {}),
    viewport: { width: 1280, height: 800 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ...(withExtension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : []),
      // The simulator's certificate is made at start; only these test launches trust it.
      ...(opts.streamsAt ? [`--host-resolver-rules=${STREAM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${opts.streamsAt}`).join(', ')}`, '--ignore-certificate-errors'] : []),
      ...(opts.args ?? []),
    ],
  });
  // A locator waiting for an element that never comes fails in 10 s with a reason, not at the test timeout.
  context.setDefaultTimeout(10_000);
  const worker = withExtension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : (null as unknown as Worker);
  const extensionId = withExtension ? new URL(worker.url()).host : '';
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
