/**
 * `npm run soak -- --days N --seed S`: N simulated days of the background's real modules (wired by
 * src/background/wiring.ts, in Node) against the local Binance simulator, the simulator's clock
 * running them in minutes of wall time. Prints the seed first, a line per simulated day, then the
 * invariants' table; exits 1 when an invariant broke, naming the seed and the first minute.
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../test/soak/run';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '1' },
    seed: { type: 'string' },
  },
});
const days = Number(values.days);
const seed = values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
if (!Number.isInteger(days) || days < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: npm run soak -- --days N [--seed S]   (N ≥ 1 whole days, S a whole number)');
  process.exit(2);
}

console.log(`soak: seed ${seed}, ${days} simulated day${days === 1 ? '' : 's'} (repeat with --seed ${seed} --days ${days})`);
const result = await runSoak({ days, seed, log: (line) => console.log(line) });
console.log('');
console.log(result.table);
console.log('');
for (const line of result.summary) console.log(`- ${line}`);
if (result.broken) {
  console.log('');
  for (const line of result.breaks) console.log(line);
  console.log(`\nsoak: BROKEN (seed ${seed}; repeat with npm run soak -- --days ${days} --seed ${seed})`);
  process.exit(1);
}
console.log(`\nsoak: all invariants held (seed ${seed})`);
process.exit(0);
