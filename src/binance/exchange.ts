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
  MarginType,
  OrderSpec,
  PositionRisk,
  PremiumIndex,
  SpotBalance,
} from '../core';

export interface SymbolConfig {
  symbol: string;
  marginType: MarginType;
  isAutoAddMargin: boolean;
  leverage: number;
  maxNotionalValue: string;
}

/** Binance's reply to a new order: sure to name the order, not sure to carry its status or fill. */
export interface OrderAck {
  orderId: number;
  symbol: string;
  clientOrderId: string;
  status?: string;
  executedQty?: string;
  /** Absent from the documented reply since 2026-07-15. */
  avgPrice?: string;
}

/** An order as the order query reports it: its status and fill. */
export interface FuturesOrder extends OrderAck {
  status: string;
  executedQty: string;
}

/** A row of GET /sapi/v1/asset/transfer (universal transfer history). */
export interface TransferRecord {
  tranId: number;
  asset: string;
  amount: string;
  type: string;
  status: string;
  timestamp: number;
}

/** The universal transfer types the product uses (POST /sapi/v1/asset/transfer). */
export type TransferType = 'MAIN_UMFUTURE' | 'UMFUTURE_MAIN' | 'MAIN_CMFUTURE' | 'CMFUTURE_MAIN';

/** One order's outcome in a batch. */
export type BatchOutcome = { ack: OrderAck } | { refused: { code: number; msg: string } } | 'unread';

/** An order to send, with the client order id journaled before the first send. */
export interface NewOrder extends OrderSpec {
  newClientOrderId: string;
}

export interface Exchange {
  spotBalances(): Promise<SpotBalance[]>;
  futuresSymbols(): Promise<ExchangeInfoSymbol[]>;
  premiumIndex(): Promise<PremiumIndex[]>;
  fundingInfo(): Promise<FundingInfo[]>;
  leverageBrackets(): Promise<LeverageBracket[]>;
  commissionRate(symbol: string): Promise<CommissionRate>;
  /** GET /fapi/v1/accountConfig: the position mode and the margin mode. */
  accountConfig(): Promise<{ dualSidePosition: boolean; multiAssetsMargin: boolean }>;
  /** Simple Earn Flexible positions (weight 150), every page. */
  earnFlexible(): Promise<{ asset: string; totalAmount: string }[]>;
  /** Simple Earn Locked positions (weight 150), every page. */
  earnLocked(): Promise<{ asset: string; amount: string }[]>;
  /** The Funding wallet. */
  fundingAssets(): Promise<{ asset: string; free: string; locked: string; freeze: string }[]>;
  symbolConfig(symbol: string): Promise<SymbolConfig | null>;
  account(): Promise<FuturesAccount>;
  positionRisk(): Promise<PositionRisk[]>;
  setMarginType(symbol: string, marginType: MarginType): Promise<void>;
  setLeverage(symbol: string, leverage: number): Promise<void>;
  /**
   * Spot → USDⓈ-M futures wallet (MAIN_UMFUTURE), or back (UMFUTURE_MAIN): USDT, or USDC where USDT
   * cannot go (credits); spot → COIN-M wallet (MAIN_CMFUTURE), or back (CMFUTURE_MAIN): the coin itself.
   */
  transfer(type: TransferType, asset: string, amount: string): Promise<{ tranId: number }>;
  /** Transfers of `type` since `startTime`, newest first: how a transfer of unknown fate is settled. */
  transfers(type: TransferType, startTime: number): Promise<TransferRecord[]>;
  newOrder(order: NewOrder): Promise<OrderAck>;
  /**
   * POST /fapi/v1/batchOrders: up to 5 orders in one request. One outcome per order, in order: its
   * acknowledgement, Binance's refusal of it, or 'unread' (an entry missing or unreadable: its fate
   * is unknown, never "failed"). A reply that cannot be read at all throws as for one order.
   */
  newOrders(orders: NewOrder[]): Promise<BatchOutcome[]>;
  /** The order by its client id; null when Binance has no such order (-2013). */
  getOrder(symbol: string, origClientOrderId: string): Promise<FuturesOrder | null>;
  apiRestrictions(): Promise<ApiRestrictions>;
  /** GET /fapi/v1/fundingRate: a symbol's past funding rates since `startTime`, oldest first (its own 500 / 5 min limit). */
  fundingRateHistory(symbol: string, startTime: number): Promise<FundingRateRecord[]>;
  /** POST /fapi/v1/algoOrder: a conditional order on Binance's algo service (stop orders on /fapi/v1/order are refused, -4120). */
  newAlgoOrder(order: NewAlgoOrder): Promise<AlgoOrder>;
  /** GET /fapi/v1/algoOrder by its client id; null when Binance has no such algo order. */
  getAlgoOrder(clientAlgoId: string): Promise<AlgoOrder | null>;
  /** DELETE /fapi/v1/algoOrder by its client id. */
  cancelAlgoOrder(clientAlgoId: string): Promise<void>;
  /** GET /fapi/v1/openAlgoOrders of one symbol (weight 1; 40 without one): algo orders not yet triggered or cancelled. */
  openAlgoOrders(symbol: string): Promise<AlgoOrder[]>;
  /** POST /fapi/v1/listenKey: the account's live user-data stream key (a new one if none). */
  listenKey(): Promise<string>;
  /** PUT /fapi/v1/listenKey: keeps it alive for another 60 min; -1125 when it is gone. */
  keepAliveListenKey(): Promise<void>;
  income(params: { incomeType?: string; startTime?: number; limit?: number }): Promise<Income[]>;
  /** Params for the spot WebSocket API's `userDataStream.subscribe.signature`: apiKey, timestamp, signature. */
  spotStreamParams(): Promise<Record<string, string | number>>;
  /** Rows of the latest reply of each list endpoint (by path) that could not be read: their symbol, asset or tranId. */
  unreadable(path: string): string[];
}

/** A row of GET /fapi/v1/fundingRate. */
export interface FundingRateRecord {
  symbol: string;
  fundingRate: string;
  fundingTime: number;
}

/** A STOP_MARKET guard as sent: it closes the position (closePosition) when the mark reaches the trigger. */
export interface NewAlgoOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  triggerPrice: string;
  clientAlgoId: string;
}

/** An algo order as Binance reports it (POST, GET, openAlgoOrders): the fields the product reads. */
export interface AlgoOrder {
  algoId: number;
  clientAlgoId: string;
  symbol: string;
  side: string;
  positionSide: string;
  /** NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, REJECTED, EXPIRED. */
  algoStatus: string;
  triggerPrice: string;
  closePosition?: boolean;
  reduceOnly?: boolean;
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
