/**
 * Keeps the income history (funding, commissions, realized PnL, transfers): what is new since the
 * last stored row (Binance keeps three months; a first run reads the last 30 days), once per tranId.
 */
import Big from 'big.js';
import type { Exchange } from '../binance/exchange';
import type { IncomeHistory } from './store';

const DAY = 86_400_000;
const PAGE = 1000;

export async function syncIncome(exchange: Exchange, history: IncomeHistory, now: number): Promise<number> {
  let start = ((await history.lastTime()) ?? now - 30 * DAY) + 1;
  let added = 0;
  for (;;) {
    const rows = await exchange.income({ startTime: start, limit: PAGE });
    await history.add(rows.map(({ tranId, symbol, incomeType, income, asset, time }) => ({ tranId, symbol, incomeType, income, asset, time })));
    added += rows.length;
    if (rows.length < PAGE) return added;
    start = Math.max(...rows.map((r) => r.time)) + 1;
  }
}

/** Sums per symbol and income type: totals.FUNDING_FEE.BTCUSDT = funding received (+) or paid (−). */
export async function incomeTotals(history: IncomeHistory): Promise<Record<string, Record<string, string>>> {
  const totals: Record<string, Record<string, Big>> = {};
  for (const r of await history.all()) {
    const byType = (totals[r.incomeType] ??= {});
    byType[r.symbol] = (byType[r.symbol] ?? new Big(0)).plus(r.income);
  }
  return Object.fromEntries(Object.entries(totals).map(([t, bySymbol]) => [t, Object.fromEntries(Object.entries(bySymbol).map(([k, v]) => [k, v.toFixed()]))]));
}
