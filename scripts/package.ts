/**
 * `npm run package`: a production build stamped with package.json's version, zipped for the Chrome
 * Web Store as release/spot-hedge-<version>.zip, then checked (scripts/release-check.ts): the zip
 * holds the built extension and nothing else. Exits non-zero with the reasons when it does not.
 *   npm run package -- --out <dir>   builds and zips elsewhere (the end-to-end check uses it)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync, type Zippable } from 'fflate';
import { checkRelease } from './release-check.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'release' } } });
const out = resolve(values.out!);
const build = join(out, 'build');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

rmSync(build, { recursive: true, force: true });
execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--mode', 'production', '--outDir', build, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });

const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
// A fixed time and sorted names: the same sources make the same zip.
const mtime = new Date('2020-01-01T00:00:00Z');
const entries: Zippable = Object.fromEntries(walk(build).sort().map((f) => [relative(build, f).split('\\').join('/'), [readFileSync(f), { mtime }]]));
const zip = zipSync(entries, { level: 9 });
mkdirSync(out, { recursive: true });
const file = join(out, `spot-hedge-${version}.zip`);
writeFileSync(file, zip);

const problems = checkRelease(zip, version);
if (problems.length) {
  console.error(`${relative('.', file)} must not ship:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${relative('.', file) || file}: ${Object.keys(entries).length} files, ${(zip.length / 1024).toFixed(1)} KB, checked: the built extension and nothing else.`);
