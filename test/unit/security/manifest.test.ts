import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };

const SRC = resolve(import.meta.dirname, '../../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
const source = files(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('manifest: least privilege, strict CSP, no remote code', () => {
  it('names no localhost and only Binance hosts', () => {
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/localhost|127\.0\.0\.1/);
    for (const host of manifest.host_permissions) expect(host).toMatch(/^https:\/\/[a-z.-]*binance(future)?\.(com|vision)\/\*$/);
  });

  it('uses every permission it asks for', () => {
    const use: Record<string, RegExp> = {
      storage: /\.storage\.(local|session)/,
      alarms: /\.alarms\./,
      notifications: /\.notifications\./,
      sidePanel: /\.sidePanel\./,
    };
    for (const p of manifest.permissions) expect(source, p).toMatch(use[p]!);
  });

  it('allows only its own scripts, and network traffic only to Binance', () => {
    const csp = manifest.content_security_policy.extension_pages;
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:\/\/[^ ;]*\s*;?\s*script/);
    const connect = /connect-src ([^;]+)/.exec(csp)![1]!.split(' ');
    for (const origin of connect) expect(origin).toMatch(/^(https|wss):\/\/[a-z.-]*binance(future)?\.(com|vision)$/);
  });

  it('lets the worker reach every host an environment names (a missing one fails with a bare error event)', async () => {
    const { HOSTS } = await import('../../../src/binance/env');
    const connect = /connect-src ([^;]+)/.exec(manifest.content_security_policy.extension_pages)![1]!.split(' ');
    const named = Object.values(HOSTS).flatMap((h) => [h.spot, h.futures, h.futuresWs, h.coinm, h.coinmWs, h.spotWsApi].map((url) => new URL(url).origin.replace(/:443$/, '')));
    for (const origin of named) expect(connect, origin).toContain(origin);
    // …and nothing else: no host that no environment names (besides the spot page the panel lives on).
    const unique = (xs: string[]) => [...new Set(xs)].sort();
    expect(unique(connect)).toEqual(unique(named));
    const rest = named.filter((o) => o.startsWith('https://')).map((o) => `${o}/*`);
    expect(unique(manifest.host_permissions.filter((h) => h !== 'https://www.binance.com/*'))).toEqual(unique(rest));
  });

  it('loads no remote code: no eval, no Function constructor, no remote script URLs', () => {
    expect(source).not.toMatch(/\beval\(|new Function\(|importScripts\(|<script[^>]+src="https?:/);
  });
});
