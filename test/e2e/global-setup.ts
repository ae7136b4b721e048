/** Builds the extension once for the suite and fails loudly when no Chromium is installed. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromiumPath } from './chromium';

export default function setup(): void {
  chromiumPath(); // throws with install instructions
  if (process.env.E2E_SKIP_BUILD) return;
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
}
