/**
 * One Binance account: spot, Funding and Earn wallets, the USDⓈ-M futures wallet (one balance per
 * asset) and positions, the COIN-M futures wallet (one balance per coin) and positions, its API key
 * and settings (Multi-Assets mode, EEA credits mode).
 */
import Big from 'big.js';

export interface Permissions {
  ipRestrict: boolean;
  enableReading: boolean;
  enableFutures: boolean;
  enableWithdrawals: boolean;
  enableSpotAndMarginTrading: boolean;
  permitsUniversalTransfer: boolean;
  enablePortfolioMarginTrading: boolean;
}

export interface Position {
  symbol: string;
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  amt: Big;
  entry: Big;
  updateTime: number;
}

export interface Order {
  orderId: number;
  symbol: string;
  status: 'NEW' | 'FILLED' | 'CANCELED' | 'EXPIRED';
  clientOrderId: string;
  price: string;
  avgPrice: string;
  origQty: string;
  executedQty: string;
  cumQuote: string;
  timeInForce: string;
  type: 'MARKET' | 'LIMIT';
  reduceOnly: boolean;
  closePosition: boolean;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  workingType: string;
  priceProtect: boolean;
  origType: string;
  stopPrice: string;
  priceMatch: string;
  selfTradePreventionMode: string;
  goodTillDate: number;
  updateTime: number;
  time: number;
}

/**
 * A conditional order held by Binance's Algo Service (POST /fapi/v1/algoOrder): it waits for its
 * trigger, then places an order in the matching engine (`actualOrderId`). Status as Binance's
 * ALGO_UPDATE page lists them.
 */
export interface AlgoOrder {
  algoId: number;
  clientAlgoId: string;
  algoType: 'CONDITIONAL';
  orderType: 'STOP_MARKET' | 'TAKE_PROFIT_MARKET' | 'STOP' | 'TAKE_PROFIT' | 'TRAILING_STOP_MARKET';
  symbol: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  timeInForce: string;
  /** "0" for a closePosition (Close-All) order until it is triggered. */
  quantity: string;
  algoStatus: 'NEW' | 'CANCELED' | 'TRIGGERING' | 'TRIGGERED' | 'FINISHED' | 'REJECTED' | 'EXPIRED';
  triggerPrice: string;
  price: string;
  workingType: 'MARK_PRICE' | 'CONTRACT_PRICE';
  priceMatch: string;
  closePosition: boolean;
  priceProtect: boolean;
  reduceOnly: boolean;
  /** TRAILING_STOP_MARKET only ("" otherwise). */
  activatePrice: string;
  callbackRate: string;
  selfTradePreventionMode: string;
  goodTillDate: number;
  createTime: number;
  updateTime: number;
  triggerTime: number;
  /** The order it placed once triggered ("" before). */
  actualOrderId: string;
  actualPrice: string;
  actualQty: string;
  /** Why it was rejected or expired (ALGO_UPDATE `rm`). */
  reason: string;
  /** TRAILING_STOP_MARKET: the lowest (BUY) or highest (SELL) mark since it was placed. */
  extreme?: string;
}

export interface IncomeRow {
  symbol: string;
  incomeType: 'FUNDING_FEE' | 'COMMISSION' | 'REALIZED_PNL' | 'TRANSFER';
  income: string;
  asset: string;
  info: string;
  time: number;
  tranId: number;
  tradeId: string;
}

/** A COIN-M order: quantities in contracts, `cumBase` (the coin) where USDⓈ-M has `cumQuote`. */
export type CoinmOrder = Omit<Order, 'cumQuote'> & { pair: string; cumBase: string };

/** The COIN-M futures account: a wallet per coin, positions in contracts, and its own records. */
export interface CoinmAccount {
  balances: Map<string, Big>;
  positions: Map<string, Position>;
  leverage: Map<string, number>;
  marginType: Map<string, 'CROSSED' | 'ISOLATED'>;
  orders: CoinmOrder[];
  /** COIN-M income rows carry `tranId` as a string (documented). */
  income: (Omit<IncomeRow, 'tranId'> & { tranId: string })[];
  /** Coins whose MARGIN_CALL was sent and not yet cleared. */
  marginCallSent: Set<string>;
}

/** Which Binance environment issued the key: demo and the spot testnet have no /sapi endpoints. */
export type Environment = 'production' | 'demo' | 'testnet';

export interface Account {
  apiKey: string;
  environment: Environment;
  /** HMAC secret; absent for Ed25519 keys. */
  apiSecret?: string;
  /** Ed25519 public key (PEM) for keys registered that way. */
  publicKeyPem?: string;
  permissions: Permissions;
  spot: Map<string, { free: Big; locked: Big }>;
  /** Margin account net assets (negative = borrowed), for short-spot hedges. */
  marginNet: Map<string, Big>;
  /** Funding wallet balances (free). */
  funding: Map<string, Big>;
  /** Simple Earn positions: flexible and locked amounts per asset. */
  earn: { flexible: Map<string, Big>; locked: Map<string, Big> };
  /** USDⓈ-M futures wallet per asset (USDT, USDC, BNFCR, and coins held as collateral). */
  futures: Map<string, Big>;
  /** Multi-Assets mode: every margin asset counts (with its haircut) toward one USD margin balance. */
  multiAssetsMargin: boolean;
  /** EEA credits mode: PnL, fees and funding settle in BNFCR; only BTC, ETH, BNB and USDC move in or out. */
  credits: boolean;
  positions: Map<string, Position>;
  dualSidePosition: boolean;
  leverage: Map<string, number>;
  marginType: Map<string, 'CROSSED' | 'ISOLATED'>;
  orders: Order[];
  /** Conditional orders on the Algo Service, oldest first. */
  algoOrders: AlgoOrder[];
  income: IncomeRow[];
  /** Universal transfers, oldest first (GET /sapi/v1/asset/transfer lists them newest first). */
  transfers: { asset: string; amount: string; type: string; status: string; tranId: number; timestamp: number }[];
  takerRate: Big;
  makerRate: Big;
  /** Margin pools (USDT, USDC, or USD in Multi-Assets mode) whose MARGIN_CALL was sent and not yet cleared. */
  marginCallSent: Set<string>;
  coinm: CoinmAccount;
}

export const DEFAULT_PERMISSIONS: Permissions = {
  ipRestrict: false,
  enableReading: true,
  enableFutures: true,
  enableWithdrawals: false,
  enableSpotAndMarginTrading: false,
  permitsUniversalTransfer: true,
  enablePortfolioMarginTrading: false,
};

export interface AccountSpec {
  apiKey: string;
  environment?: Environment;
  apiSecret?: string;
  publicKeyPem?: string;
  permissions?: Partial<Permissions>;
  spot?: Record<string, string>;
  margin?: Record<string, string>;
  /** The USDⓈ-M futures wallet's USDT (`futures.USDT` wins when both are given). */
  futuresUSDT?: string;
  /** The USDⓈ-M futures wallet by asset, e.g. `{ USDC: '500', BTC: '0.5', BNFCR: '1000' }`. */
  futures?: Record<string, string>;
  multiAssetsMargin?: boolean;
  /** EEA credits mode; implies Multi-Assets mode. */
  credits?: boolean;
  earn?: { flexible?: Record<string, string>; locked?: Record<string, string> };
  fundingWallet?: Record<string, string>;
  dualSidePosition?: boolean;
  positions?: PositionSpec[];
  leverage?: Record<string, number>;
  marginType?: Record<string, 'CROSSED' | 'ISOLATED'>;
  /** The COIN-M futures account: wallet per coin, positions in contracts (e.g. BTCUSD_PERP), settings. */
  coinm?: { balances?: Record<string, string>; positions?: PositionSpec[]; leverage?: Record<string, number>; marginType?: Record<string, 'CROSSED' | 'ISOLATED'> };
}

export interface PositionSpec {
  symbol: string;
  positionSide?: 'BOTH' | 'LONG' | 'SHORT';
  positionAmt: string;
  entryPrice: string;
}

export const positionKey = (symbol: string, side: string): string => `${symbol}|${side}`;

const bigs = (o: Record<string, string> | undefined): Map<string, Big> => new Map(Object.entries(o ?? {}).map(([a, v]) => [a, new Big(v)]));

const positionMap = (specs: PositionSpec[] | undefined, now: number): Map<string, Position> =>
  new Map(
    (specs ?? []).map((p) => {
      const side = p.positionSide ?? 'BOTH';
      return [positionKey(p.symbol, side), { symbol: p.symbol, positionSide: side, amt: new Big(p.positionAmt), entry: new Big(p.entryPrice), updateTime: now }];
    }),
  );

export function makeAccount(spec: AccountSpec, now: number): Account {
  // `futures.USDT` wins over `futuresUSDT` (which the demo account sets) when a spec gives both.
  const futures = bigs(spec.futures);
  if (!futures.has('USDT')) futures.set('USDT', new Big(spec.futuresUSDT ?? '0'));
  const account: Account = {
    apiKey: spec.apiKey,
    environment: spec.environment ?? 'production',
    ...(spec.apiSecret ? { apiSecret: spec.apiSecret } : {}),
    ...(spec.publicKeyPem ? { publicKeyPem: spec.publicKeyPem } : {}),
    permissions: { ...DEFAULT_PERMISSIONS, ...spec.permissions },
    spot: new Map(Object.entries(spec.spot ?? {}).map(([a, v]) => [a, { free: new Big(v), locked: new Big(0) }])),
    marginNet: bigs(spec.margin),
    funding: bigs(spec.fundingWallet),
    earn: { flexible: bigs(spec.earn?.flexible), locked: bigs(spec.earn?.locked) },
    futures,
    credits: spec.credits ?? false,
    multiAssetsMargin: (spec.multiAssetsMargin ?? false) || (spec.credits ?? false),
    positions: positionMap(spec.positions, now),
    dualSidePosition: spec.dualSidePosition ?? false,
    leverage: new Map(Object.entries(spec.leverage ?? {})),
    marginType: new Map(Object.entries(spec.marginType ?? {})),
    orders: [],
    algoOrders: [],
    income: [],
    transfers: [],
    takerRate: new Big('0.0005'),
    makerRate: new Big('0.0002'),
    marginCallSent: new Set(),
    coinm: {
      balances: bigs(spec.coinm?.balances),
      positions: positionMap(spec.coinm?.positions, now),
      leverage: new Map(Object.entries(spec.coinm?.leverage ?? {})),
      marginType: new Map(Object.entries(spec.coinm?.marginType ?? {})),
      orders: [],
      income: [],
      marginCallSent: new Set(),
    },
  };
  if (account.credits && !futures.has('BNFCR')) futures.set('BNFCR', new Big(0));
  return account;
}
