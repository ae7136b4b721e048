import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lotRules, planFor, type Snapshot } from '../../../src/core';
import { D } from '../../../src/core/decimal';
import { SYMBOLS, bal, short, snapshot } from './fixtures';

// Coins per integer unit of the generator, chosen so one order stays under MARKET_LOT_SIZE.maxQty.
const ASSETS = [
  { asset: 'BTC', symbol: 'BTCUSDT', scale: '0.00001' },
  { asset: 'ETH', symbol: 'ETHUSDT', scale: '0.00001' },
  { asset: 'SOL', symbol: 'SOLUSDT', scale: '0.00001' },
  { asset: 'DOGE', symbol: 'DOGEUSDT', scale: '0.00001' },
  { asset: 'PEPE', symbol: '1000PEPEUSDT', scale: '0.01' },
];

const decimalsOf = (x: string): number => (x.split('.')[1] ?? '').length;

const cases = fc.record({
  a: fc.constantFrom(...ASSETS),
  spot: fc.integer({ min: 0, max: 2_000_000_000 }),
  shortSteps: fc.integer({ min: 0, max: 30_000 }),
  dual: fc.boolean(),
});

type Case = typeof cases extends fc.Arbitrary<infer T> ? T : never;

function build({ a, spot, shortSteps, dual }: Case) {
  const info = SYMBOLS.find((s) => s.symbol === a.symbol)!;
  const step = lotRules(info).stepSize;
  const positionAmt = step.times(shortSteps).times(-1).toFixed();
  const snap = snapshot({
    balances: [bal(a.asset, D(spot).times(a.scale).toFixed())],
    positions: shortSteps ? [short(a.symbol, positionAmt, dual ? 'SHORT' : 'BOTH')] : [],
    dualSidePosition: dual,
  });
  return { snap, step };
}

function apply(snap: Snapshot, symbol: string, side: 'BUY' | 'SELL', quantity: string, positionSide: string): Snapshot {
  const current = snap.positions.find((p) => p.symbol === symbol && p.positionSide === positionSide)?.positionAmt ?? '0';
  const next = D(current).plus(side === 'BUY' ? quantity : D(quantity).times(-1)).toFixed();
  const others = snap.positions.filter((p) => !(p.symbol === symbol && p.positionSide === positionSide));
  return { ...snap, positions: [...others, short(symbol, next, positionSide as 'BOTH')] };
}

describe('planning properties', () => {
  it('an order is a whole number of steps, with no more decimals than the step', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { snap, step } = build(c);
        const plan = planFor(c.a.asset, snap);
        if (!plan.order) return;
        const q = D(plan.order.quantity);
        expect(q.gt(0)).toBe(true);
        expect(q.mod(step).eq(0)).toBe(true);
        expect(decimalsOf(plan.order.quantity)).toBeLessThanOrEqual(decimalsOf(step.toFixed()));
      }),
    );
  });

  it('never hedges more than one step beyond the target', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { snap, step } = build(c);
        const plan = planFor(c.a.asset, snap);
        if (!plan.order) return;
        const after = planFor(c.a.asset, apply(snap, plan.order.symbol, plan.order.side, plan.order.quantity, plan.order.positionSide));
        const oneStep = step.times(plan.multiplier);
        expect(D(after.hedge).minus(after.target).lt(oneStep)).toBe(true);
      }),
    );
  });

  it('is idempotent: after its order fills, the plan says hedged and orders nothing', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { snap } = build(c);
        const plan = planFor(c.a.asset, snap);
        if (!plan.order) return;
        const after = planFor(c.a.asset, apply(snap, plan.order.symbol, plan.order.side, plan.order.quantity, plan.order.positionSide));
        expect(after.status).toBe('hedged');
        expect(after.order).toBeNull();
      }),
    );
  });
});
