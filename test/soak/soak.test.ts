/**
 * One simulated day of the soak (`npm run soak` runs more): the background's real modules against
 * the simulator, every invariant held. Seed fixed, so a failure repeats with
 * `npm run soak -- --days 1 --seed 7`.
 */
import { expect, it } from 'vitest';
import { runSoak } from './run';

const SEED = 7;

it(`lives through a simulated day with every invariant held (seed ${SEED})`, { timeout: 180_000 }, async () => {
  const result = await runSoak({ days: 1, seed: SEED });
  const report = [result.table, '', ...result.summary.map((line) => `- ${line}`), '', ...result.breaks].join('\n');
  expect(result.broken, report).toBe(false);
  console.log(`soak, seed ${SEED}: 1 simulated day in ${(result.wallMs / 1000).toFixed(1)} s wall`);
});
