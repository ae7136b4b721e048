/**
 * The invariants' ledger: how many times each was checked, how many times it broke, and the first
 * simulated minute it broke with what was seen. Kept small (counts and the first few breaks), so
 * the soak's own bookkeeping does not grow the heap it measures.
 */
export interface Break {
  minute: number;
  detail: string;
}

export interface Row {
  name: string;
  checks: number;
  broken: number;
  first: Break | null;
  /** A few more breaks after the first, for the report. */
  more: Break[];
  note: string;
}

export const INVARIANTS = {
  uniqueOrders: 'One order per client order id',
  shortWithinCoins: 'No short larger than the coins held by a step (after each order)',
  journal: 'Journal agrees with Binance (settled entries)',
  backInTolerance: 'The user confirms: done, and within tolerance one cycle later',
  warnings: 'Warnings raised and cleared with their conditions',
  notifiedOnce: 'Critical warnings notified once per episode',
  fresh: 'A fresh dashboard every minute (gap ≤ 5 min)',
  income: 'Income history equals the simulator’s (funding to the cent)',
  pruned: 'Chart points older than 90 days pruned',
  heap: 'Node heap flat across the days',
} as const;

export type InvariantId = keyof typeof INVARIANTS;

export class Ledger {
  readonly rows = new Map<InvariantId, Row>();

  constructor() {
    for (const [id, name] of Object.entries(INVARIANTS) as [InvariantId, string][]) this.rows.set(id, { name, checks: 0, broken: 0, first: null, more: [], note: '' });
  }

  check(id: InvariantId, ok: boolean, minute: number, detail: () => string): boolean {
    const row = this.rows.get(id)!;
    row.checks++;
    if (ok) return true;
    row.broken++;
    const b = { minute, detail: detail() };
    if (!row.first) row.first = b;
    else if (row.more.length < 4) row.more.push(b);
    return false;
  }

  note(id: InvariantId, note: string): void {
    this.rows.get(id)!.note = note;
  }

  get anyBroken(): boolean {
    return [...this.rows.values()].some((r) => r.broken > 0);
  }
}

/** "day 2 13:45" for simulated minute `m` (day 1 starts at minute 0). */
export function when(m: number): string {
  const day = Math.floor(m / 1440) + 1;
  const mm = m % 1440;
  return `day ${day} ${String(Math.floor(mm / 60)).padStart(2, '0')}:${String(mm % 60).padStart(2, '0')}`;
}
