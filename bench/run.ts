/**
 * `npm run bench`: the product against its targets (and a ccxt script as the peer), on the local
 * simulator, in one run. Prints a table and writes it as JSON under bench/results/. Figures, not
 * tests: a slow machine does not fail anything.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { contentScriptBytes, pageCost, panelTime, viewOpen } from './browser-bench';
import { alertLatency, criticalPath, steadyWeight } from './node-bench';
import type { Figure } from './stats';

execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });

const figures: Figure[] = [];
for (const step of [criticalPath, async () => [contentScriptBytes()], async () => [await panelTime()], pageCost, alertLatency, steadyWeight, viewOpen]) {
  try {
    figures.push(...(await step()));
  } catch (err) {
    figures.push({ id: 0, name: `(${step.name || 'step'} failed)`, value: String(err).slice(0, 200), target: '', met: false });
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
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${date.slice(0, 10)}.json`, JSON.stringify({ date, machine, figures }, null, 2));
process.exit(0);
