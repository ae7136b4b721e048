import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../scripts/release-check';

const manifest = {
  manifest_version: 3,
  name: '__MSG_extName__',
  version: '1.2.3',
  default_locale: 'en',
  icons: { '16': 'icons/icon-16.png' },
  action: { default_popup: 'src/popup/index.html' },
  background: { service_worker: 'service-worker-loader.js' },
  content_scripts: [{ js: ['src/content/index.iife.js'] }],
};
const good: Record<string, string> = {
  'manifest.json': JSON.stringify(manifest),
  '_locales/en/messages.json': JSON.stringify({ extName: { message: 'Spot Hedge' } }),
  '_locales/zh_CN/messages.json': JSON.stringify({ extName: { message: '现货对冲' } }),
  'icons/icon-16.png': 'png',
  'src/popup/index.html': '<script src="/assets/popup.js"></script>',
  'service-worker-loader.js': "import './assets/worker.js';",
  'src/content/index.iife.js': '(function(){})()',
  'assets/worker.js': 'fetch("https://fapi.binance.com/fapi/v1/time")',
};
const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([p, s]) => [p, strToU8(s)])));
const without = (path: string) => Object.fromEntries(Object.entries(good).filter(([p]) => p !== path));

describe('the store zip holds the built extension and nothing else', () => {
  it('passes a zip of the built extension', () => {
    expect(checkRelease(zip(good), '1.2.3')).toEqual([]);
  });

  it.each([
    ['a source map', { 'assets/worker.js.map': '{}' }, /worker\.js\.map must not ship/],
    ['a reference to a source map', { 'assets/worker.js': 'x\n//# sourceMappingURL=worker.js.map' }, /worker\.js holds a source map reference/],
    ['a test fixture', { 'test/fixtures/spot.html': '<html>' }, /test\/fixtures\/spot\.html must not ship/],
    ['TypeScript source', { 'src/core/plan.ts': 'export {}' }, /plan\.ts must not ship/],
    ['a dotfile', { '.env': 'KEY=1' }, /\.env must not ship/],
    ['the simulator on localhost', { 'assets/worker.js': 'fetch("http://localhost:8787/fapi/v1/time")' }, /worker\.js holds a local host/],
    ['127.0.0.1', { 'assets/worker.js': 'new WebSocket("ws://127.0.0.1:9443")' }, /worker\.js holds a local host/],
    ["the simulator's control routes", { 'assets/worker.js': 'fetch(base + "/__sim/spot")' }, /control routes/],
    ['a private key', { 'assets/key.json': '"-----BEGIN PRIVATE KEY-----\\nMC4C"' }, /key\.json holds a private key/],
    ['a stray file type', { 'notes.md': '# todo' }, /notes\.md is not a file type/],
  ])('refuses %s', (_, extra, reason) => {
    expect(checkRelease(zip({ ...good, ...extra }), '1.2.3')).toEqual([expect.stringMatching(reason)]);
  });

  it('refuses a version that is not package.json’s', () => {
    expect(checkRelease(zip(good), '1.2.4')).toEqual(['manifest version 1.2.3 is not package.json\'s 1.2.4']);
  });

  it('refuses a manifest that names a file the zip lacks, or a message a language lacks', () => {
    expect(checkRelease(zip(without('src/popup/index.html')), '1.2.3')).toEqual(['the manifest names src/popup/index.html, which is not in the zip']);
    expect(checkRelease(zip({ ...good, '_locales/zh_CN/messages.json': '{}' }), '1.2.3')).toEqual(['zh_CN lacks extName, which the manifest uses']);
    expect(checkRelease(zip(without('_locales/en/messages.json')), '1.2.3')).toContain('default_locale en has no messages');
  });
});
