/**
 * Binance's COIN-M futures (dapi.binance.com): inverse contracts quoted in USD and margined in the
 * coin itself. The calls the background makes, as one interface; `coinmExchange` implements it
 * over the client (host 'coinm'), tests can substitute it.
 */
import type { MarginType, PositionSide } from '../core';
import type { FuturesOrder, Income, NewOrder, OrderAck } from './exchange';

/** A contract of GET /dapi/v1/exchangeInfo: `contractSize` USD per contract (100 for BTC, 10 for most). */
export interface CoinmSymbol {
  symbol: string;
  pair: string;
  contractType: string;
  contractStatus: string;
  baseAsset: string;
  marginAsset: string;
  contractSize: number;
  filters: { filterType: string; minQty?: string; maxQty?: string; stepSize?: string; tickSize?: string }[];
}

/** GET /dapi/v1/premiumIndex. */
export interface CoinmPremium {
  symbol: string;
  pair: string;
  markPrice: string;
  /** "" for a delivery contract. */
  lastFundingRate: string;
  nextFundingTime: number;
}

/** A row of GET /dapi/v1/positionRisk: `positionAmt` in contracts, negative = short; PnL in the coin. */
export interface CoinmPosition {
  symbol: string;
  positionSide: PositionSide;
  positionAmt: string;
  entryPrice: string;
  markPrice: string;
  liquidationPrice: string;
  unRealizedProfit: string;
  leverage: string;
  marginType: string;
}

/** A margin asset of GET /dapi/v1/account, in its own coin. */
export interface CoinmAsset {
  asset: string;
  walletBalance: string;
  marginBalance: string;
  availableBalance: string;
  maintMargin: string;
  unrealizedProfit: string;
}

/** One bracket of GET /dapi/v2/leverageBracket: caps and floors of the notional in the coin (qtyCap, qtylFloor). */
export interface CoinmBracket {
  bracket: number;
  initialLeverage: number;
  qtyCap: number;
  qtylFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export interface CoinmExchange {
  symbols(): Promise<CoinmSymbol[]>;
  premiumIndex(): Promise<CoinmPremium[]>;
  account(): Promise<{ assets: CoinmAsset[] }>;
  positionRisk(): Promise<CoinmPosition[]>;
  leverageBrackets(): Promise<{ symbol: string; brackets: CoinmBracket[] }[]>;
  /** GET /dapi/v1/commissionRate: the taker rate an order pays. */
  commissionRate(symbol: string): Promise<{ takerCommissionRate: string }>;
  setLeverage(symbol: string, leverage: number): Promise<void>;
  setMarginType(symbol: string, marginType: MarginType): Promise<void>;
  /** A MARKET order, `quantity` in contracts; the client order id journaled before the first send. */
  newOrder(order: NewOrder): Promise<OrderAck>;
  /** null when Binance has no such order (-2013). */
  getOrder(symbol: string, origClientOrderId: string): Promise<FuturesOrder | null>;
  listenKey(): Promise<string>;
  keepAliveListenKey(): Promise<void>;
  income(params: { incomeType?: string; startTime?: number; limit?: number }): Promise<Income[]>;
  /** Rows of the latest reply of each list endpoint (by path) that could not be read. */
  unreadable(path: string): string[];
}
