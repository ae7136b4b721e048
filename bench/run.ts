/**
 * `npm run bench`: the product against its targets (and a ccxt script as the peer), on the local
 * simulator, in one run. Prints a table and writes it as JSON under bench/results/. Figures, not
 * tests: a slow machine does not fail anything. `npm run bench -- --only 7` (or `-- 7`, `-- 4 10`)
 * runs only the steps behind the figures named, prints them and writes nothing.
 */
import './dist-dir';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { contentScriptBytes, pageCost, panelTime, viewOpen } from './browser-bench';
import { hedgeAll } from './batch-bench';
import { alertInBrowser, spotToPanel } from './live-bench';
import { alertLatency, criticalPath, steadyWeight } from './node-bench';
import { DIST } from '../test/e2e/chromium';
import { workerHeap } from './memory-bench';
import type { Figure } from './stats';

execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir', '--sourcemap'], { stdio: 'inherit' });

const steps: [number[], () => Promise<Figure[]>][] = [
  [[1, 2], criticalPath],
  [[3], async () => [contentScriptBytes(), await panelTime()]],
  [[4, 10], pageCost],
  [[5], async () => [...(await alertLatency()), ...(await alertInBrowser())]],
  [[6], steadyWeight],
  [[7], viewOpen],
  [[8], spotToPanel],
  [[9], hedgeAll],
  [[10], workerHeap],
];
const only = process.argv.slice(2).filter((a) => a !== '--only').flatMap((a) => a.split(',')).map(Number);
const figures: Figure[] = [];
for (const [ids, step] of steps.filter(([ids]) => only.length === 0 || ids.some((id) => only.includes(id)))) {
  process.stderr.write(`figure ${ids.join(', ')}…\n`);
  try {
    figures.push(...(await step()));
  } catch (err) {
    figures.push({ id: ids[0]!, name: `(${step.name || 'step'} failed)`, value: String(err).slice(0, 200), target: '', met: false });
  }
}
figures.sort((a, b) => a.id - b.id);

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
const date = new Date().toISOString();
const mark = (m: boolean | null) => (m === null ? '—' : m ? 'met' : 'MISSED');
const lines = [
  `| # | figure | value | target | |`,
  `|---|---|---|---|---|`,
  ...figures.map((f) => `| ${f.id} | ${f.name}${f.note ? ` (${f.note})` : ''} | ${f.value} | ${f.target} | ${mark(f.met)} |`),
];
console.log(`\nBenchmarks, ${date}, ${machine}\n`);
console.log(lines.join('\n'));
if (only.length === 0) {
  mkdirSync('bench/results', { recursive: true });
  const stored = `bench/results/${date.slice(0, 10)}.json`;
  writeFileSync(stored, JSON.stringify({ date, machine, figures }, null, 2));
  // README's table is this run's, written here, never copied by hand.
  const readme = readFileSync('README.md', 'utf8');
  const block = `<!-- bench-table -->\nLatest full run ([${stored}](${stored})): ${date.slice(0, 16).replace('T', ' ')} UTC, ${machine}, Debian's Chromium, headless.\n\n${lines.join('\n')}\n<!-- /bench-table -->`;
  writeFileSync('README.md', readme.replace(/<!-- bench-table -->[\s\S]*?<!-- \/bench-table -->/, block));
}
process.exit(0);
