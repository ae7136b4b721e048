/** CSV export of the journal and the funding history (RFC 4180 quoting). */
import type { IncomeRow, JournalEntry } from './store';

const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const rows = (header: string[], data: unknown[][]): string => [header, ...data].map((r) => r.map(cell).join(',')).join('\n') + '\n';
const iso = (t: number): string => new Date(t).toISOString();

export const journalCsv = (entries: JournalEntry[]): string =>
  rows(
    ['time', 'asset', 'intent', 'symbol', 'side', 'positionSide', 'quantity', 'reduceOnly', 'status', 'executedQty', 'avgPrice', 'orderId', 'clientOrderId', 'transferUSDT', 'error'],
    entries.map((e) => [iso(e.createdAt), e.asset, e.intent, e.order.symbol, e.order.side, e.order.positionSide, e.order.quantity, e.order.reduceOnly, e.status, e.executedQty, e.avgPrice, e.orderId, e.clientOrderId, e.transfer?.amount, e.error?.message]),
  );

export const fundingCsv = (funding: IncomeRow[]): string =>
  rows(['time', 'symbol', 'income', 'asset', 'tranId'], funding.map((f) => [iso(f.time), f.symbol, f.income, f.asset, f.tranId]));
