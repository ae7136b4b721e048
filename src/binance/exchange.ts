/**
 * The Binance calls the background makes, as one interface: the executor and monitor depend on
 * this, `futuresExchange` implements it over the client, and tests can substitute it.
 */
import type {
  CommissionRate,
  ExchangeInfoSymbol,
  FundingInfo,
  FuturesAccount,
  LeverageBracket,
  PositionRisk,
  PremiumIndex,
  SpotBalance,
} from '../core';

export interface SymbolConfig {
  symbol: string;
  marginType: 'CROSSED' | 'ISOLATED';
  isAutoAddMargin: boolean;
  leverage: number;
  maxNotionalValue: string;
}

export interface FuturesOrder {
  orderId: number;
  symbol: string;
  status: string;
  clientOrderId: string;
  executedQty: string;
  avgPrice: string;
  origQty: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  reduceOnly: boolean;
  updateTime: number;
}

export interface NewOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  quantity: string;
  reduceOnly: boolean;
  newClientOrderId: string;
}

export interface Exchange {
  spotBalances(): Promise<SpotBalance[]>;
  futuresSymbols(): Promise<ExchangeInfoSymbol[]>;
  premiumIndex(): Promise<PremiumIndex[]>;
  fundingInfo(): Promise<FundingInfo[]>;
  leverageBrackets(): Promise<LeverageBracket[]>;
  commissionRate(symbol: string): Promise<CommissionRate>;
  dualSidePosition(): Promise<boolean>;
  symbolConfig(symbol: string): Promise<SymbolConfig | null>;
  account(): Promise<FuturesAccount>;
  positionRisk(): Promise<PositionRisk[]>;
  setMarginType(symbol: string, marginType: 'CROSSED' | 'ISOLATED'): Promise<void>;
  setLeverage(symbol: string, leverage: number): Promise<void>;
  /** Spot → USDⓈ-M futures wallet (MAIN_UMFUTURE), or back (UMFUTURE_MAIN). */
  transfer(type: 'MAIN_UMFUTURE' | 'UMFUTURE_MAIN', asset: string, amount: string): Promise<{ tranId: number }>;
  newOrder(order: NewOrder): Promise<FuturesOrder>;
  /** The order by its client id; null when Binance has no such order (-2013). */
  getOrder(symbol: string, origClientOrderId: string): Promise<FuturesOrder | null>;
  apiRestrictions(): Promise<ApiRestrictions>;
  /** POST /fapi/v1/listenKey: the account's live user-data stream key (a new one if none). */
  listenKey(): Promise<string>;
  /** PUT /fapi/v1/listenKey: keeps it alive for another 60 min; -1125 when it is gone. */
  keepAliveListenKey(): Promise<void>;
  income(params: { incomeType?: string; startTime?: number; limit?: number }): Promise<Income[]>;
}

/** GET /sapi/v1/account/apiRestrictions (the fields the product reads). */
export interface ApiRestrictions {
  ipRestrict: boolean;
  enableReading: boolean;
  enableFutures: boolean;
  enableWithdrawals: boolean;
  permitsUniversalTransfer: boolean;
  enablePortfolioMarginTrading?: boolean;
}

/** A row of GET /fapi/v1/income. */
export interface Income {
  symbol: string;
  incomeType: string;
  income: string;
  asset: string;
  time: number;
  tranId: number;
  info?: string;
}
