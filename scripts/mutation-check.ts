/**
 * `npm run mutation-check`: shows that the fault-injection suite (test/e2e/faults.e2e.ts) fails
 * when what it claims to prove is taken away. It runs that file against two broken worlds and
 * passes only if the suite fails in both:
 * - faults off: every fault control of the simulator and every refusal of the test route is a
 *   no-op (SIM_FAULTS_OFF=1), so rows that only checked what a fault-free run also produces pass;
 * - no lookup before a resend: a copy of the sources whose executor sends an order again at once
 *   after an unclear answer (timeout, 5xx, refused connection) instead of asking Binance about it by
 *   origClientOrderId and waiting out recvWindow. The copy is built into a temporary folder and
 *   loaded through E2E_DIST; src/ itself is never touched.
 * Prints, for each, the rows that caught it and their first failed check. About 5 minutes.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = mkdtempSync(join(tmpdir(), 'spot-hedge-mutants-'));
const BUILD_INPUTS = ['src', 'public', 'scripts', 'manifest.json', 'vite.config.ts', 'package.json', 'tsconfig.json'];

interface Mutation {
  name: string;
  /** What the suite must catch. */
  what: string;
  env: Record<string, string>;
  /** Changes the copied sources; throws when the code it changes is no longer there. */
  mutate?: (dir: string) => void;
}

/** Replaces `pattern` in `file` (under `dir`) once, or fails loudly: a mutation that no longer applies proves nothing. */
function replaceOnce(dir: string, file: string, pattern: RegExp, replacement: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`${file}: expected one match of ${pattern}, found ${matches.length}; update scripts/mutation-check.ts`);
  writeFileSync(path, text.replace(pattern, replacement));
}

const MUTATIONS: Mutation[] = [
  {
    name: 'faults off',
    what: 'every simulator fault control and route refusal is a no-op',
    env: { SIM_FAULTS_OFF: '1' },
  },
  {
    name: 'no lookup before a resend',
    what: "the executor resends at once after an unclear answer, without asking Binance by origClientOrderId (an accepted 2xx is still read)",
    env: {},
    mutate: (dir) =>
      replaceOnce(dir, 'src/background/executor.ts', /const fate = await askFate\(([^;]*?)\);/, "const fate = accepted ? await askFate($1) : ({ kind: 'absent' } as const); // MUTANT"),
  },
];

/** The build inputs as they are now, copied once: every mutant starts from the same sources. */
const BASE = join(WORK, 'base');
for (const input of BUILD_INPUTS) cpSync(join(ROOT, input), join(BASE, input), { recursive: true });

/** A copy of the sources (node_modules linked), mutated, built into <dir>/dist. */
function build(m: Mutation): string {
  const dir = join(WORK, m.name.replace(/\W+/g, '-'));
  cpSync(BASE, dir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  m.mutate?.(dir);
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  } catch {
    throw new Error(`${m.name}: the copy of the sources does not build (is src/ mid-change?); nothing was checked`);
  }
  if (!existsSync(join(dir, 'dist/manifest.json'))) throw new Error(`${m.name}: the build made no dist/`);
  return join(dir, 'dist');
}

interface Caught {
  test: string;
  check: string;
}

/** Runs the fault suite on `dist` with `env`; returns its exit code and the tests that failed. */
function runSuite(m: Mutation, dist: string): { code: number; caught: Caught[]; rows: { fault: string; failure?: string }[] } {
  const out = join(WORK, `${m.name.replace(/\W+/g, '-')}-out`);
  const report = join(out, 'vitest.json');
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/e2e/vitest.config.ts', 'test/e2e/faults.e2e.ts', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...m.env, E2E_DIST: dist, E2E_SKIP_BUILD: '1', FAULT_TABLE_OUT: out } },
  );
  const caught: Caught[] = [];
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] };
    for (const file of json.testResults) {
      for (const t of file.assertionResults) {
        if (t.status === 'failed') caught.push({ test: t.title, check: (t.failureMessages[0] ?? '').split('\n')[0]!.slice(0, 220) });
      }
    }
  }
  const table = join(out, 'fault-table.json');
  const rows = existsSync(table) ? (JSON.parse(readFileSync(table, 'utf8')) as { rows: { fault: string; failure?: string }[] }).rows : [];
  return { code: run.status ?? 1, caught, rows };
}

let survived = 0;
const lines: string[] = [];
let broken: Error | null = null;
try {
  for (const m of MUTATIONS) {
    console.log(`\n=== mutation: ${m.name} (${m.what}) ===`);
    const result = runSuite(m, build(m));
    const killed = result.code !== 0 && result.caught.length > 0;
    if (!killed) survived++;
    lines.push(`${m.name}: ${killed ? `caught by ${result.caught.length} of the suite's tests` : 'NOT CAUGHT: the suite passed'} (exit code ${result.code})`);
    for (const c of result.caught) lines.push(`  ✗ ${c.test}\n      ${c.check}`);
    const passing = result.rows.filter((r) => !r.failure).map((r) => r.fault);
    if (passing.length) lines.push(`  rows still passing: ${passing.join('; ')}`);
  }
} catch (err) {
  broken = err as Error;
} finally {
  rmSync(WORK, { recursive: true, force: true });
}
if (broken) {
  console.error(`\nMutation check not done: ${broken.message}`);
  process.exit(2);
}
console.log(`\nMutation check\n${lines.join('\n')}\n`);
console.log(survived ? `${survived} mutation(s) survived: the suite does not prove what it claims.` : 'Every mutation made the suite fail, as it should.');
process.exit(survived ? 1 : 0);
