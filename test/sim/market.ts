/**
 * Seeded market data: USDⓈ-M perpetuals with filters and leverage brackets in Binance's published
 * shapes and magnitudes, and the matching spot pairs. Prices are the demo's starting marks.
 */
export interface Bracket {
  bracket: number;
  initialLeverage: number;
  notionalCap: number;
  notionalFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export interface Contract {
  symbol: string;
  baseAsset: string;
  /** Coins per contract unit (1000 for 1000PEPEUSDT). */
  multiplier: number;
  /** The spot coin the contract follows. */
  coin: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  marketMaxQty: string;
  minNotional: string;
  fundingIntervalHours: number;
  brackets: Bracket[];
  mark: string;
  fundingRate: string;
}

/** Brackets follow Binance's tiers: each step lowers max leverage and raises the maintenance rate. */
function tiers(caps: number[], mmr0: number, lev0: number): Bracket[] {
  const levs = [lev0, Math.round(lev0 * 0.8), Math.round(lev0 * 0.4), Math.round(lev0 * 0.2), Math.round(lev0 * 0.08), 2, 1];
  let cum = 0;
  let floor = 0;
  return caps.map((cap, i) => {
    const mmr = mmr0 * 2 ** Math.min(i, 6) * (i >= 2 ? 1.25 : 1);
    const prevMmr = i === 0 ? 0 : mmr0 * 2 ** Math.min(i - 1, 6) * (i - 1 >= 2 ? 1.25 : 1);
    // cum makes the maintenance margin continuous at each boundary: cum_i = cum_{i-1} + floor × (mmr_i − mmr_{i-1}).
    cum = i === 0 ? 0 : cum + floor * (mmr - prevMmr);
    const b = { bracket: i + 1, initialLeverage: Math.max(1, levs[i] ?? 1), notionalCap: cap, notionalFloor: floor, maintMarginRatio: Number(mmr.toFixed(6)), cum: Number(cum.toFixed(4)) };
    floor = cap;
    return b;
  });
}

const c = (o: Omit<Contract, 'coin' | 'multiplier' | 'marketMaxQty'> & { multiplier?: number; marketMaxQty?: string }): Contract => {
  const m = /^(1000+|1M)(.+)$/.exec(o.baseAsset);
  const multiplier = o.multiplier ?? (m ? (m[1] === '1M' ? 1_000_000 : Number(m[1])) : 1);
  return { ...o, multiplier, coin: m ? m[2]! : o.baseAsset, marketMaxQty: o.marketMaxQty ?? String(Number(o.maxQty) / 10) };
};

export const CONTRACTS: Contract[] = [
  c({ symbol: 'BTCUSDT', baseAsset: 'BTC', tickSize: '0.10', stepSize: '0.001', minQty: '0.001', maxQty: '1000', marketMaxQty: '120', minNotional: '100', fundingIntervalHours: 8, brackets: tiers([50_000, 500_000, 10_000_000, 80_000_000, 150_000_000, 300_000_000, 500_000_000], 0.004, 125), mark: '97000.00', fundingRate: '0.00010000' }),
  c({ symbol: 'ETHUSDT', baseAsset: 'ETH', tickSize: '0.01', stepSize: '0.001', minQty: '0.001', maxQty: '10000', marketMaxQty: '2000', minNotional: '20', fundingIntervalHours: 8, brackets: tiers([50_000, 500_000, 10_000_000, 80_000_000, 150_000_000, 300_000_000, 500_000_000], 0.004, 125), mark: '3400.00', fundingRate: '0.00008000' }),
  c({ symbol: 'BNBUSDT', baseAsset: 'BNB', tickSize: '0.010', stepSize: '0.01', minQty: '0.01', maxQty: '100000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '640.000', fundingRate: '0.00005000' }),
  c({ symbol: 'SOLUSDT', baseAsset: 'SOL', tickSize: '0.0100', stepSize: '0.01', minQty: '0.01', maxQty: '1000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '180.0000', fundingRate: '-0.00005000' }),
  c({ symbol: 'XRPUSDT', baseAsset: 'XRP', tickSize: '0.0001', stepSize: '0.1', minQty: '0.1', maxQty: '10000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '2.2000', fundingRate: '0.00010000' }),
  c({ symbol: 'DOGEUSDT', baseAsset: 'DOGE', tickSize: '0.000010', stepSize: '1', minQty: '1', maxQty: '50000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '0.320000', fundingRate: '0.00010000' }),
  c({ symbol: 'ADAUSDT', baseAsset: 'ADA', tickSize: '0.00010', stepSize: '1', minQty: '1', maxQty: '10000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '0.9000', fundingRate: '0.00010000' }),
  c({ symbol: 'LINKUSDT', baseAsset: 'LINK', tickSize: '0.001', stepSize: '0.01', minQty: '0.01', maxQty: '1000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '21.500', fundingRate: '0.00010000' }),
  c({ symbol: 'TRXUSDT', baseAsset: 'TRX', tickSize: '0.00001', stepSize: '1', minQty: '1', maxQty: '50000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '0.25000', fundingRate: '0.00010000' }),
  c({ symbol: 'BCHUSDT', baseAsset: 'BCH', tickSize: '0.01', stepSize: '0.001', minQty: '0.001', maxQty: '10000', minNotional: '20', fundingIntervalHours: 8, brackets: tiers([10_000, 50_000, 250_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000], 0.005, 75), mark: '450.00', fundingRate: '0.00010000' }),
  // A newer contract settling every 4 h, listed in /fapi/v1/fundingInfo.
  c({ symbol: 'ZECUSDT', baseAsset: 'ZEC', tickSize: '0.01', stepSize: '0.001', minQty: '0.001', maxQty: '100000', minNotional: '5', fundingIntervalHours: 4, brackets: tiers([5_000, 25_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000], 0.01, 50), mark: '52.00', fundingRate: '0.00020000' }),
  c({ symbol: '1000PEPEUSDT', baseAsset: '1000PEPE', tickSize: '0.0000001', stepSize: '1', minQty: '1', maxQty: '80000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([5_000, 25_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000], 0.01, 50), mark: '0.0120000', fundingRate: '0.00010000' }),
  ...(
    [
      ['AVAXUSDT', 'AVAX', '0.0010', '1', '32.000'],
      ['DOTUSDT', 'DOT', '0.001', '0.1', '6.500'],
      ['LTCUSDT', 'LTC', '0.01', '0.001', '95.00'],
      ['UNIUSDT', 'UNI', '0.0010', '1', '11.000'],
      ['ATOMUSDT', 'ATOM', '0.001', '0.01', '7.500'],
      ['NEARUSDT', 'NEAR', '0.0010', '1', '5.200'],
      ['APTUSDT', 'APT', '0.00010', '0.1', '9.8000'],
      ['ARBUSDT', 'ARB', '0.00010', '0.1', '0.6500'],
    ] as const
  ).map(([symbol, baseAsset, tickSize, stepSize, mark]) =>
    c({ symbol, baseAsset, tickSize, stepSize, minQty: stepSize, maxQty: '10000000', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([5_000, 25_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000], 0.01, 50), mark, fundingRate: '0.00010000' }),
  ),
];

export const SPOT_QUOTES = ['USDT', 'USDC', 'FDUSD'];

export const contract = (symbol: string): Contract | undefined => CONTRACTS.find((k) => k.symbol === symbol);

/** USDⓈ-M quarterlies: listed in exchangeInfo and premiumIndex beside the perpetuals, never traded here. */
export const DELIVERY = [
  { symbol: 'BTCUSDT_261225', pair: 'BTCUSDT', contractType: 'CURRENT_QUARTER', deliveryDate: 1798185600000, basis: '1.012' },
  { symbol: 'ETHUSDT_270326', pair: 'ETHUSDT', contractType: 'NEXT_QUARTER', deliveryDate: 1806048000000, basis: '1.021' },
] as const;
