/**
 * Seeded market data: USDⓈ-M perpetuals (USDT- and USDC-margined) and COIN-M inverse perpetuals
 * with filters and leverage brackets in Binance's published shapes and magnitudes, the matching spot
 * pairs, and the Multi-Assets mode collateral table. Prices are the demo's starting marks.
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
  /** USDT, or USDC for the USDC-margined perpetuals (BTCUSDC, ETHUSDC); PnL and margin are in it. */
  quoteAsset: 'USDT' | 'USDC';
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

const c = (o: Omit<Contract, 'coin' | 'multiplier' | 'marketMaxQty' | 'quoteAsset'> & { multiplier?: number; marketMaxQty?: string; quoteAsset?: 'USDT' | 'USDC' }): Contract => {
  const m = /^(1000+|1M)(.+)$/.exec(o.baseAsset);
  const multiplier = o.multiplier ?? (m ? (m[1] === '1M' ? 1_000_000 : Number(m[1])) : 1);
  return { ...o, quoteAsset: o.quoteAsset ?? 'USDT', multiplier, coin: m ? m[2]! : o.baseAsset, marketMaxQty: o.marketMaxQty ?? String(Number(o.maxQty) / 10) };
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
  // USDC-margined perpetuals (quoteAsset and marginAsset USDC), for a "USDC route": their own filters,
  // brackets and funding. Listed last so the first twenty contracts stay the USDT ones.
  c({ symbol: 'BTCUSDC', baseAsset: 'BTC', quoteAsset: 'USDC', tickSize: '0.10', stepSize: '0.001', minQty: '0.001', maxQty: '500', marketMaxQty: '50', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([25_000, 250_000, 2_500_000, 25_000_000, 50_000_000, 100_000_000, 200_000_000], 0.004, 125), mark: '97000.00', fundingRate: '0.00005000' }),
  c({ symbol: 'ETHUSDC', baseAsset: 'ETH', quoteAsset: 'USDC', tickSize: '0.01', stepSize: '0.001', minQty: '0.001', maxQty: '5000', marketMaxQty: '500', minNotional: '5', fundingIntervalHours: 8, brackets: tiers([25_000, 250_000, 2_500_000, 25_000_000, 50_000_000, 100_000_000, 200_000_000], 0.005, 100), mark: '3400.00', fundingRate: '0.00005000' }),
];

/** The USDT-margined perpetual of a coin: what its spot price and the spot pairs follow. */
export const USDT_CONTRACTS = CONTRACTS.filter((k) => k.quoteAsset === 'USDT');

export const SPOT_QUOTES = ['USDT', 'USDC', 'FDUSD'];

export const contract = (symbol: string): Contract | undefined => CONTRACTS.find((k) => k.symbol === symbol);

/** USDⓈ-M quarterlies: listed in exchangeInfo and premiumIndex beside the perpetuals, never traded here. */
export const DELIVERY = [
  { symbol: 'BTCUSDT_261225', pair: 'BTCUSDT', contractType: 'CURRENT_QUARTER', deliveryDate: 1798185600000, basis: '1.012' },
  { symbol: 'ETHUSDT_270326', pair: 'ETHUSDT', contractType: 'NEXT_QUARTER', deliveryDate: 1806048000000, basis: '1.021' },
] as const;

/**
 * Multi-Assets mode collateral: the share of an asset's USD value that counts as margin. Values from
 * Binance's FAQ "What Is Multi-Assets Mode" (Collateral Value Ratio: BTC, ETH, BNB 95 %; XRP, ADA,
 * DOT, SOL 90 %; USDT, USDC 99.99 %); BNFCR (the EEA credits) is taken at 100 % (not published).
 * The haircut applies to positive balances only; a negative balance counts at its full value.
 */
export const COLLATERAL: Record<string, string> = {
  USDT: '0.9999',
  USDC: '0.9999',
  BNFCR: '1',
  BTC: '0.95',
  ETH: '0.95',
  BNB: '0.95',
  SOL: '0.9',
  XRP: '0.9',
  ADA: '0.9',
  DOT: '0.9',
};

/**
 * exchangeInfo `assets[].autoAssetExchange`: the balance below which Auto-Exchange sells collateral in
 * Multi-Assets mode. The FAQ gives −10,000 USD for the stablecoins; the doc example shows "-0.10" for BTC;
 * the other coins are about −10,000 USD in coin at the seeded marks (chosen values).
 */
export const AUTO_EXCHANGE: Record<string, string> = {
  USDT: '-10000', USDC: '-10000', BNFCR: '-10000', BTC: '-0.10', ETH: '-3', BNB: '-15', SOL: '-55', XRP: '-4500', ADA: '-11000', DOT: '-1500',
};

/** Assets an EEA credits-mode account may move between its USDⓈ-M futures wallet and the others (Binance FAQ). */
export const CREDITS_TRANSFERABLE = ['BTC', 'ETH', 'BNB', 'USDC'];

/** COIN-M brackets are by position size in the coin (qtyCap / qtylFloor, Binance's spelling) instead of notional. */
export interface CoinmBracket {
  bracket: number;
  initialLeverage: number;
  qtyCap: number;
  qtylFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export interface CoinmContract {
  symbol: string;
  pair: string;
  /** The coin: base asset and margin asset. */
  coin: string;
  /** USD per contract: 100 for BTCUSD, 10 for the others. */
  contractSize: number;
  tickSize: string;
  pricePrecision: number;
  maxQty: string;
  marketMaxQty: string;
  fundingIntervalHours: number;
  brackets: CoinmBracket[];
  mark: string;
  fundingRate: string;
}

/** Decimal places of a step or tick size ("0.010" → 2). */
export const decimals = (step: string): number => (step.split('.')[1] ?? '').replace(/0+$/, '').length;

const coinTiers = (caps: number[], mmr0: number, lev0: number): CoinmBracket[] =>
  tiers(caps, mmr0, lev0).map((b) => ({ bracket: b.bracket, initialLeverage: b.initialLeverage, qtyCap: b.notionalCap, qtylFloor: b.notionalFloor, maintMarginRatio: b.maintMarginRatio, cum: b.cum }));

const cm = (symbol: string, coin: string, contractSize: number, tickSize: string, mark: string, caps: number[], mmr0 = 0.005, lev0 = 75, fundingIntervalHours = 8): CoinmContract => ({
  symbol, pair: symbol.replace(/_PERP$/, ''), coin, contractSize, tickSize, pricePrecision: decimals(tickSize), maxQty: '1000000', marketMaxQty: '100000', fundingIntervalHours,
  brackets: coinTiers(caps, mmr0, lev0), mark, fundingRate: '0.00010000',
});

/** COIN-M (inverse) perpetuals: quantity in whole contracts of `contractSize` USD; margin, PnL and fees in the coin. */
export const COINM: CoinmContract[] = [
  cm('BTCUSD_PERP', 'BTC', 100, '0.1', '97000.0', [5, 10, 20, 50, 100, 200, 400], 0.004, 125),
  cm('ETHUSD_PERP', 'ETH', 10, '0.01', '3400.00', [100, 250, 500, 1_500, 3_000, 6_000, 12_000], 0.005, 100),
  cm('BNBUSD_PERP', 'BNB', 10, '0.001', '640.000', [150, 500, 1_500, 5_000, 15_000, 30_000, 60_000]),
  cm('SOLUSD_PERP', 'SOL', 10, '0.01', '180.00', [500, 2_000, 8_000, 25_000, 50_000, 100_000, 200_000]),
  cm('XRPUSD_PERP', 'XRP', 10, '0.0001', '2.2000', [40_000, 150_000, 600_000, 2_000_000, 4_000_000, 8_000_000, 16_000_000]),
  cm('ADAUSD_PERP', 'ADA', 10, '0.00001', '0.90000', [100_000, 400_000, 1_500_000, 5_000_000, 10_000_000, 20_000_000, 40_000_000]),
  cm('LINKUSD_PERP', 'LINK', 10, '0.001', '21.500', [5_000, 20_000, 80_000, 250_000, 500_000, 1_000_000, 2_000_000]),
  cm('DOTUSD_PERP', 'DOT', 10, '0.001', '6.500', [15_000, 60_000, 250_000, 800_000, 1_600_000, 3_200_000, 6_400_000]),
  cm('LTCUSD_PERP', 'LTC', 10, '0.01', '95.00', [1_000, 4_000, 15_000, 50_000, 100_000, 200_000, 400_000]),
  // Settles every 4 h: listed in /dapi/v1/fundingInfo.
  cm('DOGEUSD_PERP', 'DOGE', 10, '0.000001', '0.320000', [300_000, 1_200_000, 5_000_000, 15_000_000, 30_000_000, 60_000_000, 120_000_000], 0.005, 75, 4),
];

export const coinmContract = (symbol: string): CoinmContract | undefined => COINM.find((k) => k.symbol === symbol);

/** COIN-M quarterlies: listed in exchangeInfo and premiumIndex (lastFundingRate ""), never traded here. */
export const COINM_DELIVERY = [
  { symbol: 'BTCUSD_261225', pair: 'BTCUSD', contractType: 'CURRENT_QUARTER', deliveryDate: 1798185600000, basis: '1.012' },
  { symbol: 'ETHUSD_261225', pair: 'ETHUSD', contractType: 'CURRENT_QUARTER', deliveryDate: 1798185600000, basis: '1.014' },
] as const;
