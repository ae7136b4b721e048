/**
 * Reads of the account and market, cached by how fast each changes: contract rules hourly,
 * position mode and symbol settings for minutes, balances and positions for seconds. `fresh`
 * re-reads the moving parts (a preview must show the account as it is now).
 */
import type { Snapshot } from '../core';
import type { TtlCache } from './cache';
import type { Exchange } from '../binance/exchange';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const LIVE = 5_000;
/** The list replies a snapshot is made of: a row of theirs that cannot be read concerns a hedge. */
const SNAPSHOT_PATHS = ['/api/v3/account', '/fapi/v1/exchangeInfo', '/fapi/v3/positionRisk', '/fapi/v1/premiumIndex'];

export function market(exchange: Exchange, cache: TtlCache) {
  const live = ['spot', 'positions', 'premium', 'account'];
  const api = {
    futuresSymbols: () => cache.get('exchangeInfo', HOUR, () => exchange.futuresSymbols()),
    leverageBrackets: () => cache.get('brackets', HOUR, () => exchange.leverageBrackets()),
    fundingInfo: () => cache.get('fundingInfo', HOUR, () => exchange.fundingInfo()),
    commissionRate: (symbol: string) => cache.get(`commission:${symbol}`, HOUR, () => exchange.commissionRate(symbol)),
    dualSidePosition: () => cache.get('dual', 5 * MINUTE, () => exchange.dualSidePosition()),
    symbolConfig: (symbol: string) => cache.get(`symbolConfig:${symbol}`, 5 * MINUTE, () => exchange.symbolConfig(symbol)),
    spotBalances: () => cache.get('spot', LIVE, () => exchange.spotBalances()),
    positions: () => cache.get('positions', LIVE, () => exchange.positionRisk()),
    premiumIndex: () => cache.get('premium', LIVE, () => exchange.premiumIndex()),
    account: () => cache.get('account', LIVE, () => exchange.account()),

    async snapshot(fresh = false): Promise<Snapshot> {
      if (fresh) for (const key of live) cache.invalidate(key);
      const [balances, futuresSymbols, positions, markPrices, dualSidePosition] = await Promise.all([
        api.spotBalances(),
        api.futuresSymbols(),
        api.positions(),
        api.premiumIndex(),
        api.dualSidePosition(),
      ]);
      const unreadable = SNAPSHOT_PATHS.flatMap((path) => exchange.unreadable(path));
      return { balances, futuresSymbols, positions, markPrices, dualSidePosition, ...(unreadable.length ? { unreadable } : {}) };
    },

    /** The spot wallet changed (a stream event): its balances must be read again. */
    invalidateSpot(): void {
      cache.invalidate('spot');
    },

    /** After an order or transfer: what changed on the exchange must be read again. */
    invalidateLive(symbol?: string): void {
      for (const key of live) cache.invalidate(key);
      if (symbol) cache.invalidate(`symbolConfig:${symbol}`);
    },
  };
  return api;
}

export type Market = ReturnType<typeof market>;
