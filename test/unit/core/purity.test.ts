import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(import.meta.dirname, '../../../src/core');
const files = readdirSync(CORE).filter((f) => f.endsWith('.ts'));

describe('src/core stays pure', () => {
  it.each(files)('%s imports only big.js and core files', (file) => {
    const text = readFileSync(join(CORE, file), 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const spec of imports) expect(spec === 'big.js' || /^\.\/[a-z-]+$/.test(spec), `${file} imports ${spec}`).toBe(true);
  });

  it.each(files)('%s uses no browser API, I/O or clock', (file) => {
    const code = readFileSync(join(CORE, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const banned of ['chrome.', 'browser.', 'fetch(', 'Date.now', 'new Date(', 'localStorage', 'indexedDB', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'Math.random']) {
      expect(code.includes(banned), `${file} uses ${banned}`).toBe(false);
    }
  });
});
