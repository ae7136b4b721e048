/** exchangeInfo-shaped fixtures with Binance's published filter values for these perpetuals. */
import type { ExchangeInfoSymbol, PremiumIndex, Snapshot } from '../../../src/core';

function perp(symbol: string, baseAsset: string, step: string, minQty: string, notional: string, tick = '0.01', maxQty = '1000000'): ExchangeInfoSymbol {
  return {
    symbol,
    contractType: 'PERPETUAL',
    status: 'TRADING',
    baseAsset,
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000', tickSize: tick },
      { filterType: 'LOT_SIZE', minQty, maxQty, stepSize: step },
      { filterType: 'MARKET_LOT_SIZE', minQty, maxQty: String(Number(maxQty) / 10), stepSize: step },
      { filterType: 'MIN_NOTIONAL', notional },
    ],
  };
}

export const SYMBOLS: ExchangeInfoSymbol[] = [
  perp('BTCUSDT', 'BTC', '0.001', '0.001', '100', '0.10'),
  perp('ETHUSDT', 'ETH', '0.001', '0.001', '20'),
  perp('SOLUSDT', 'SOL', '0.01', '0.01', '5', '0.0100'),
  perp('DOGEUSDT', 'DOGE', '1', '1', '5', '0.000010'),
  perp('1000PEPEUSDT', '1000PEPE', '1', '1', '5', '0.0000001'),
  perp('1MBABYDOGEUSDT', '1MBABYDOGE', '1', '1', '5', '0.0000001'),
  perp('1INCHUSDT', '1INCH', '1', '1', '5', '0.0001'),
  // A new listing funding every 4 h.
  perp('ZECUSDT', 'ZEC', '0.001', '0.001', '5'),
  { ...perp('BTCUSDT_260327', 'BTC', '0.001', '0.001', '100'), contractType: 'CURRENT_QUARTER' },
  { ...perp('LUNAUSDT', 'LUNA', '1', '1', '5'), status: 'SETTLING' },
  { ...perp('BTCUSDC', 'BTC', '0.001', '0.001', '100'), quoteAsset: 'USDC' },
];

export const MARKS: Record<string, string> = {
  BTCUSDT: '97000.00',
  ETHUSDT: '3400.00',
  SOLUSDT: '180.0000',
  DOGEUSDT: '0.320000',
  '1000PEPEUSDT': '0.0120000',
  '1MBABYDOGEUSDT': '0.0020000',
  '1INCHUSDT': '0.3000',
  ZECUSDT: '50.00',
  BTCUSDC: '97010.00',
};

export const premium = (symbol: string, lastFundingRate = '0.00010000', nextFundingTime = 1_764_057_600_000): PremiumIndex => ({
  symbol,
  markPrice: MARKS[symbol]!,
  indexPrice: MARKS[symbol]!,
  lastFundingRate,
  nextFundingTime,
  interestRate: '0.00010000',
  time: nextFundingTime - 3_600_000,
});

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    balances: [],
    futuresSymbols: SYMBOLS,
    positions: [],
    markPrices: Object.keys(MARKS).map((s) => premium(s)),
    dualSidePosition: false,
    ...over,
  };
}

export const bal = (asset: string, free: string, locked = '0') => ({ asset, free, locked });
export const short = (symbol: string, positionAmt: string, positionSide: 'BOTH' | 'SHORT' | 'LONG' = 'BOTH') => ({
  symbol,
  positionSide,
  positionAmt,
  markPrice: MARKS[symbol],
  entryPrice: MARKS[symbol],
  liquidationPrice: '0',
});
