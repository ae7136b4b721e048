/**
 * What each open USDⓈ-M short's protection costs: funding received or paid over 7 and 30 days (the
 * income history the extension syncs), that as a yearly share of the short's notional, and the
 * symbol's last 30 days of funding rates. GET /fapi/v1/fundingRate has its own limit (500 requests
 * per 5 minutes per IP), so each symbol's rates are summed up once an hour and kept in
 * storage.session, where a restarted worker finds them. The quarterly beside it comes with the
 * asset's view (views.ts): it needs only the market the dashboard reads anyway.
 */
import Big from 'big.js';
import { annualOfNotional, fundingIntervalHours, fundingOver, rateHistory, type FundingInfo, type Snapshot } from '../core';
import type { Exchange } from '../binance/exchange';
import type { FundingCost } from '../shared/hedge-types';
import type { ITEMS, Stored } from '../shared/storage';
import type { IncomeRow } from './store';

const HOUR = 3_600_000;
const WINDOW_DAYS = 30;
const DAY = 24 * HOUR;

type Kept = (typeof ITEMS)['fundingRates']['fallback'];
type Entry = Kept[string];

export interface CostDeps {
  fundingRateHistory: Exchange['fundingRateHistory'];
  /** FUNDING_FEE rows of the income history after a time. */
  fundingSince: (time: number) => Promise<IncomeRow[]>;
  rates: Stored<Kept>;
  /** The environment the key is for: a testnet's rates are not production's. */
  environment: string;
}

/** Open USDⓈ-M perpetual shorts (their mark carries a funding rate) and their notional now: |Σ positionAmt| × markPrice. */
function openShorts(snapshot: Pick<Snapshot, 'positions' | 'markPrices'>): Map<string, string> {
  const net = new Map<string, Big>();
  for (const p of snapshot.positions) net.set(p.symbol, (net.get(p.symbol) ?? new Big(0)).plus(p.positionAmt));
  const shorts = new Map<string, string>();
  for (const [symbol, amt] of net) {
    const mark = snapshot.markPrices.find((m) => m.symbol === symbol && m.lastFundingRate !== '');
    if (mark && amt.lt(0) && !new Big(mark.markPrice).eq(0)) shorts.set(symbol, amt.abs().times(mark.markPrice).toFixed());
  }
  return shorts;
}

export function fundingCosts(deps: CostDeps) {
  // Overlapping refreshes (the alarm, a stream event, a view) share one read per symbol.
  const reading = new Map<string, Promise<Entry>>();

  function readRates(key: string, symbol: string, intervalHours: number, now: number): Promise<Entry> {
    let running = reading.get(key);
    if (!running) {
      running = deps
        .fundingRateHistory(symbol, now - WINDOW_DAYS * DAY)
        .then((rows) => ({ at: now, stats: rateHistory(rows, intervalHours, now, WINDOW_DAYS) }))
        .finally(() => reading.delete(key));
      reading.set(key, running);
    }
    return running;
  }

  return async function costs(snapshot: Pick<Snapshot, 'positions' | 'markPrices'>, fundingInfo: FundingInfo[], now: number): Promise<Record<string, FundingCost>> {
    const shorts = openShorts(snapshot);
    if (!shorts.size) return {};
    const [rows, kept] = await Promise.all([deps.fundingSince(now - WINDOW_DAYS * DAY), deps.rates.get()]);
    const fresh: Kept = {};
    const result: Record<string, FundingCost> = {};
    await Promise.all(
      [...shorts].map(async ([symbol, notional]) => {
        const key = `${deps.environment}:${symbol}`;
        let entry = kept[key];
        if (!entry || now - entry.at >= HOUR) {
          try {
            entry = fresh[key] = await readRates(key, symbol, fundingIntervalHours(symbol, fundingInfo), now);
          } catch {
            // Rates are context, not the hedge: the last summary (or none) stands until the next refresh.
          }
        }
        const funding30d = fundingOver(rows, symbol, now, WINDOW_DAYS);
        result[symbol] = {
          funding7d: fundingOver(rows, symbol, now, 7),
          funding30d,
          funding30dAnnual: annualOfNotional(funding30d, notional, WINDOW_DAYS),
          rateAnnual30d: entry?.stats?.rateAnnual ?? null,
          paidShare30d: entry?.stats?.paidShare ?? null,
        };
      }),
    );
    if (Object.keys(fresh).length) {
      // Summaries past the hour are dropped, so the item holds only the shorts of late.
      const current = Object.entries(await deps.rates.get()).filter(([, e]) => now - e.at < HOUR);
      await deps.rates.set({ ...Object.fromEntries(current), ...fresh });
    }
    return result;
  };
}

export type FundingCosts = ReturnType<typeof fundingCosts>;
