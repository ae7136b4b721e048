/**
 * Binance's response shapes, as the background receives them (decimals are strings where Binance
 * sends strings). Only the fields the core reads are required.
 */

/** One entry of a symbol's `filters`: LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL, PRICE_FILTER, … */
export interface SymbolFilter {
  filterType: string;
  minQty?: string;
  maxQty?: string;
  stepSize?: string;
  notional?: string;
  tickSize?: string;
  minPrice?: string;
  maxPrice?: string;
}

/** A symbol of GET /fapi/v1/exchangeInfo. */
export interface ExchangeInfoSymbol {
  symbol: string;
  contractType: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  marginAsset?: string;
  /** A quarterly's delivery (ms); perpetuals carry a far-future date. */
  deliveryDate?: number;
  filters: SymbolFilter[];
}

/**
 * A COIN-M inverse perpetual as the core reads it (GET /dapi/v1/exchangeInfo): each contract is
 * `contractSize` USD, margined and settled in the coin `baseAsset`.
 */
export interface CoinmContract {
  symbol: string;
  baseAsset: string;
  contractType: string;
  status: string;
  contractSize: string;
  filters: SymbolFilter[];
}

/** A balance of GET /api/v3/account; `netAsset` when taken from the margin account (may be negative). */
export interface SpotBalance {
  asset: string;
  free: string;
  locked: string;
  netAsset?: string;
}

/**
 * Where a coin is held: the Spot wallet, Simple Earn (flexible and locked products), the Funding
 * wallet, and the COIN-M futures wallet (the coins a COIN-M hedge holds as collateral, with the
 * position's unrealized PnL: what they are worth in coin now). Moving coins between them changes
 * nothing about what is to be hedged.
 */
export const WALLETS = ['spot', 'earnFlexible', 'earnLocked', 'funding', 'coinm'] as const;
export type Wallet = (typeof WALLETS)[number];

/** Coins of `asset` held in a wallet other than Spot (Spot keeps Binance's free/locked rows). */
export interface WalletBalance {
  asset: string;
  wallet: Exclude<Wallet, 'spot'>;
  amount: string;
}

export type Side = 'BUY' | 'SELL';
/** BOTH in One-way mode; LONG or SHORT in Hedge (dual-side) mode. */
export type PositionSide = 'BOTH' | 'LONG' | 'SHORT';
export type MarginType = 'CROSSED' | 'ISOLATED';

/** A MARKET order as the product sends it (POST /fapi/v1/order's own field names). */
export interface OrderSpec {
  symbol: string;
  side: Side;
  positionSide: PositionSide;
  /** Contract units, a multiple of the step. */
  quantity: string;
  reduceOnly: boolean;
}

/** A row of GET /fapi/v3/positionRisk. positionAmt is in contract units, negative = short. */
export interface PositionRisk {
  symbol: string;
  positionSide: PositionSide;
  positionAmt: string;
  entryPrice?: string;
  markPrice?: string;
  liquidationPrice?: string;
  unRealizedProfit?: string;
  notional?: string;
  isolatedWallet?: string;
  maintMargin?: string;
  /** COIN-M rows (GET /dapi/v1/positionRisk) carry the symbol's settings, open or not: "2", "cross". */
  leverage?: string;
  marginType?: string;
}

/** GET /fapi/v1/premiumIndex. */
export interface PremiumIndex {
  symbol: string;
  markPrice: string;
  indexPrice?: string;
  lastFundingRate: string;
  nextFundingTime: number;
  interestRate?: string;
  time?: number;
}

/** GET /fapi/v1/fundingInfo: only symbols with an adjusted interval or caps are listed. */
export interface FundingInfo {
  symbol: string;
  fundingIntervalHours: number;
  adjustedFundingRateCap?: string;
  adjustedFundingRateFloor?: string;
}

/** One bracket of GET /fapi/v1/leverageBracket (numbers, as Binance sends them). */
export interface Bracket {
  bracket: number;
  initialLeverage: number;
  notionalCap: number;
  notionalFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export interface LeverageBracket {
  symbol: string;
  brackets: Bracket[];
}

/**
 * GET /fapi/v3/account (the totals the core reads): USDT only in Single-Asset mode; in
 * Multi-Assets mode USD over every margin asset, each counted at its collateral ratio.
 */
export interface FuturesAccount {
  totalMaintMargin: string;
  totalInitialMargin?: string;
  totalMarginBalance: string;
  totalWalletBalance: string;
  availableBalance: string;
  totalUnrealizedProfit?: string;
  /** Each margin asset in its own units; BNFCR among them marks an EEA credits account. */
  assets?: { asset: string; walletBalance: string; marginBalance?: string; availableBalance?: string }[];
}

/** GET /fapi/v1/commissionRate. */
export interface CommissionRate {
  symbol: string;
  makerCommissionRate: string;
  takerCommissionRate: string;
}
