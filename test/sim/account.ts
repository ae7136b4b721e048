/** One Binance account: spot wallet, USDⓈ-M futures wallet and positions, its API key and settings. */
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
  wallet: Big;
  positions: Map<string, Position>;
  dualSidePosition: boolean;
  leverage: Map<string, number>;
  marginType: Map<string, 'CROSSED' | 'ISOLATED'>;
  orders: Order[];
  income: IncomeRow[];
  /** Universal transfers, oldest first (GET /sapi/v1/asset/transfer lists them newest first). */
  transfers: { asset: string; amount: string; type: string; status: string; tranId: number; timestamp: number }[];
  takerRate: Big;
  makerRate: Big;
  marginCallSent: boolean;
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
  futuresUSDT?: string;
  dualSidePosition?: boolean;
  positions?: { symbol: string; positionSide?: 'BOTH' | 'LONG' | 'SHORT'; positionAmt: string; entryPrice: string }[];
  leverage?: Record<string, number>;
  marginType?: Record<string, 'CROSSED' | 'ISOLATED'>;
}

export const positionKey = (symbol: string, side: string): string => `${symbol}|${side}`;

export function makeAccount(spec: AccountSpec, now: number): Account {
  const account: Account = {
    apiKey: spec.apiKey,
    environment: spec.environment ?? 'production',
    ...(spec.apiSecret ? { apiSecret: spec.apiSecret } : {}),
    ...(spec.publicKeyPem ? { publicKeyPem: spec.publicKeyPem } : {}),
    permissions: { ...DEFAULT_PERMISSIONS, ...spec.permissions },
    spot: new Map(Object.entries(spec.spot ?? {}).map(([a, v]) => [a, { free: new Big(v), locked: new Big(0) }])),
    marginNet: new Map(Object.entries(spec.margin ?? {}).map(([a, v]) => [a, new Big(v)])),
    wallet: new Big(spec.futuresUSDT ?? '0'),
    positions: new Map(),
    dualSidePosition: spec.dualSidePosition ?? false,
    leverage: new Map(Object.entries(spec.leverage ?? {})),
    marginType: new Map(Object.entries(spec.marginType ?? {})),
    orders: [],
    income: [],
    transfers: [],
    takerRate: new Big('0.0005'),
    makerRate: new Big('0.0002'),
    marginCallSent: false,
  };
  for (const p of spec.positions ?? []) {
    const side = p.positionSide ?? 'BOTH';
    account.positions.set(positionKey(p.symbol, side), { symbol: p.symbol, positionSide: side, amt: new Big(p.positionAmt), entry: new Big(p.entryPrice), updateTime: now });
  }
  return account;
}
