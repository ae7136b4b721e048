/**
 * Where a hedge's order goes: USDⓈ-M (fapi, USDT or USDC margin) or COIN-M (dapi, the coin as
 * margin). Both take the same calls for an order and its symbol's settings, so the executor, the
 * account changes and reconcile follow one path whichever it is.
 */
import type { CoinmExchange } from '../binance/coinm';
import type { Exchange } from '../binance/exchange';

export type Family = 'usdm' | 'coinm';

export type Venue = Pick<Exchange, 'newOrder' | 'getOrder' | 'setLeverage' | 'setMarginType' | 'symbolConfig'>;

/** Moves into and out of each family's wallet (universal transfer types). */
export const TRANSFER_IN: Record<Family, 'MAIN_UMFUTURE' | 'MAIN_CMFUTURE'> = { usdm: 'MAIN_UMFUTURE', coinm: 'MAIN_CMFUTURE' };

/** COIN-M as a venue: its symbol settings are read from the position rows (leverage, marginType). */
export function coinmVenue(coinm: CoinmExchange): Venue {
  return {
    newOrder: (o) => coinm.newOrder(o),
    getOrder: (symbol, id) => coinm.getOrder(symbol, id),
    setLeverage: (symbol, leverage) => coinm.setLeverage(symbol, leverage),
    setMarginType: (symbol, marginType) => coinm.setMarginType(symbol, marginType),
    async symbolConfig(symbol) {
      const row = (await coinm.positionRisk()).find((p) => p.symbol === symbol);
      if (!row) return null;
      return { symbol, leverage: Number(row.leverage), marginType: row.marginType.toLowerCase() === 'isolated' ? 'ISOLATED' : 'CROSSED', isAutoAddMargin: false, maxNotionalValue: '0' };
    },
  };
}
