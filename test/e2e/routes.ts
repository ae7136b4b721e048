/**
 * Request routing for the browser: www.binance.com serves the fixture spot page, and the real
 * Binance API hosts are forwarded to the local simulator, so the shipped manifest (no localhost)
 * is what runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
// Binance-like strict CSP: the panel must work without inline scripts or eval on the page.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

export const API_HOSTS = ['https://api.binance.com', 'https://fapi.binance.com', 'https://dapi.binance.com'];

export interface RouteOptions {
  /** Base URL of the simulator, e.g. http://127.0.0.1:PORT; omitted: API calls are refused. */
  simUrl?: string;
  /** An extra page script from fixtures/ (the hostile page's). */
  script?: string;
}

async function serveSpotSite(route: Route, script: string | undefined): Promise<void> {
  const url = new URL(route.request().url());
  if (url.pathname.startsWith('/fixture/')) {
    const name = url.pathname.slice('/fixture/'.length).replace(/[^a-z0-9_.-]/gi, '');
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(resolve(FIXTURES, name)) });
  }
  if (/\/trade\//.test(url.pathname)) {
    const html = readFileSync(resolve(FIXTURES, 'spot.html'), 'utf8');
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      headers: { 'content-security-policy': CSP },
      body: script ? html.replace('</body>', `<script src="/fixture/${script}"></script></body>`) : html,
    });
  }
  return route.fulfill({ status: 404, body: 'not in fixture' });
}

async function forward(route: Route, simUrl: string): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  try {
    const response = await route.fetch({ url: simUrl + url.pathname + url.search, timeout: 60_000 });
    await route.fulfill({ response });
  } catch {
    // The simulator dropped the connection (an injected fault): the browser sees a network error.
    await route.abort('connectionreset').catch(() => undefined);
  }
}

/** One API request the route refused: when (Date.now()), its path and the order it named, if any. */
export interface Refusal {
  t: number;
  path: string;
  clientOrderId?: string;
}

/**
 * Network faults the simulator cannot make: connections refused before reaching it. Every refusal
 * is recorded, so a test can show its fault happened. With SIM_FAULTS_OFF=1 (the mutation check)
 * nothing is refused.
 */
export interface Network {
  /**
   * Refuse the next `count` API requests whose path is `path` (every path when omitted) and, when
   * `clientOrderId` is given, that name that order (newClientOrderId or origClientOrderId).
   */
  refuse(count: number, path?: string, clientOrderId?: string): void;
  /** Refuse every API request for `ms`: Binance unreachable. */
  outage(ms: number): void;
  /** The requests refused so far. */
  refusals(): Refusal[];
}

export async function routeBinance(context: BrowserContext, opts: RouteOptions = {}): Promise<Network> {
  const off = process.env.SIM_FAULTS_OFF === '1';
  const armed: { path?: string; clientOrderId?: string; count: number }[] = [];
  const log: Refusal[] = [];
  let downUntil = 0;
  const refused = (url: URL): boolean => {
    const clientOrderId = url.searchParams.get('newClientOrderId') ?? url.searchParams.get('origClientOrderId') ?? undefined;
    const r = armed.find((x) => x.count > 0 && (!x.path || x.path === url.pathname) && (!x.clientOrderId || x.clientOrderId === clientOrderId));
    if (Date.now() >= downUntil && !r) return false;
    if (Date.now() >= downUntil) r!.count--;
    log.push(clientOrderId ? { t: Date.now(), path: url.pathname, clientOrderId } : { t: Date.now(), path: url.pathname });
    return true;
  };
  await context.route('https://www.binance.com/**', (route) => serveSpotSite(route, opts.script));
  for (const host of API_HOSTS) {
    await context.route(`${host}/**`, (route) =>
      opts.simUrl && !refused(new URL(route.request().url())) ? forward(route, opts.simUrl) : route.abort('connectionrefused'),
    );
  }
  return {
    refuse: (count, path, clientOrderId) => {
      if (!off) armed.push({ count, ...(path ? { path } : {}), ...(clientOrderId ? { clientOrderId } : {}) });
    },
    outage: (ms) => {
      if (!off) downUntil = Date.now() + ms;
    },
    refusals: () => [...log],
  };
}
