/**
 * Keeps the funding history: new FUNDING_FEE income since the last stored row (Binance keeps
 * three months; a first run reads the last 30 days), stored once per tranId.
 */
import Big from 'big.js';
import type { Exchange } from '../binance/exchange';
import type { FundingHistory } from './store';

const DAY = 86_400_000;
const PAGE = 1000;

export async function syncFunding(exchange: Exchange, history: FundingHistory, now: number): Promise<number> {
  let start = ((await history.lastTime()) ?? now - 30 * DAY) + 1;
  let added = 0;
  for (;;) {
    const rows = await exchange.income({ incomeType: 'FUNDING_FEE', startTime: start, limit: PAGE });
    const funding = rows.filter((r) => r.incomeType === 'FUNDING_FEE');
    await history.add(funding.map(({ tranId, symbol, income, asset, time }) => ({ tranId, symbol, income, asset, time })));
    added += funding.length;
    if (rows.length < PAGE) return added;
    start = Math.max(...rows.map((r) => r.time)) + 1;
  }
}

/** Funding received (+) or paid (−) so far, per symbol. */
export async function fundingTotals(history: FundingHistory): Promise<Record<string, string>> {
  const totals: Record<string, Big> = {};
  for (const r of await history.all()) totals[r.symbol] = (totals[r.symbol] ?? new Big(0)).plus(r.income);
  return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.toFixed()]));
}
