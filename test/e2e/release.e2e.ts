/** `npm run package` makes the store zip and its check passes: what ships is the built extension only. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

describe('the release zip', () => {
  it('is built, stamped with package.json’s version, and holds the extension in every language', () => {
    const out = mkdtempSync(join(tmpdir(), 'spot-hedge-release-'));
    try {
      const log = execFileSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/package.ts', '--out', out], { encoding: 'utf8' });
      const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      expect(log).toMatch(new RegExp(`spot-hedge-${version.replace(/\./g, '\\.')}\\.zip: \\d+ files, .* checked`));
      const files = Object.keys(unzipSync(readFileSync(join(out, `spot-hedge-${version}.zip`))));
      expect(files).toEqual(expect.arrayContaining(['manifest.json', 'service-worker-loader.js', ...['en', 'es', 'ru', 'tr', 'vi', 'zh_CN'].map((l) => `_locales/${l}/messages.json`)]));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
