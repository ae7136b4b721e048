/**
 * The benchmarks build and load their own copy of the extension (with source maps, to name the
 * content script's code in figure 4), so a build or test run elsewhere cannot swap dist/ under a
 * run. Imported first by run.ts: test/e2e/chromium.ts reads E2E_DIST when it loads.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.E2E_DIST ??= join(tmpdir(), 'spot-hedge-bench-dist');
