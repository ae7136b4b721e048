/** Reply schemas: a reply that does not match is a clear error, never a crash further on. */
import * as v from 'valibot';

/** A decimal as Binance sends it: a string of digits. */
export const Dec = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/));
const Int = v.pipe(v.number(), v.integer());
const Side = v.picklist(['BUY', 'SELL']);
const PositionSide = v.picklist(['BOTH', 'LONG', 'SHORT']);

export const SpotAccount = v.looseObject({
  balances: v.array(v.looseObject({ asset: v.string(), free: Dec, locked: Dec })),
});

export const Filter = v.looseObject({
  filterType: v.string(),
  minQty: v.optional(Dec),
  maxQty: v.optional(Dec),
  stepSize: v.optional(Dec),
  notional: v.optional(Dec),
  tickSize: v.optional(Dec),
  minPrice: v.optional(Dec),
  maxPrice: v.optional(Dec),
});

export const FuturesExchangeInfo = v.looseObject({
  rateLimits: v.optional(v.array(v.looseObject({ rateLimitType: v.string(), interval: v.string(), intervalNum: v.number(), limit: v.number() }))),
  symbols: v.array(
    v.looseObject({
      symbol: v.string(),
      contractType: v.string(),
      status: v.string(),
      baseAsset: v.string(),
      quoteAsset: v.string(),
      marginAsset: v.optional(v.string()),
      filters: v.array(Filter),
    }),
  ),
});

export const PremiumIndex = v.looseObject({
  symbol: v.string(),
  markPrice: Dec,
  indexPrice: v.optional(Dec),
  lastFundingRate: Dec,
  nextFundingTime: Int,
  interestRate: v.optional(Dec),
  time: v.optional(Int),
});

export const FundingInfo = v.looseObject({ symbol: v.string(), fundingIntervalHours: Int });

export const Bracket = v.looseObject({
  bracket: Int,
  initialLeverage: Int,
  notionalCap: v.number(),
  notionalFloor: v.number(),
  maintMarginRatio: v.number(),
  cum: v.number(),
});
export const LeverageBracket = v.looseObject({ symbol: v.string(), brackets: v.array(Bracket) });

export const CommissionRate = v.looseObject({ symbol: v.string(), makerCommissionRate: Dec, takerCommissionRate: Dec });
export const AccountConfig = v.looseObject({ dualSidePosition: v.boolean() });
export const SymbolConfig = v.looseObject({
  symbol: v.string(),
  marginType: v.picklist(['CROSSED', 'ISOLATED']),
  isAutoAddMargin: v.boolean(),
  leverage: Int,
  maxNotionalValue: v.string(),
});

export const FuturesAccount = v.looseObject({
  totalMaintMargin: Dec,
  totalMarginBalance: Dec,
  totalWalletBalance: Dec,
  availableBalance: Dec,
  totalUnrealizedProfit: v.optional(Dec),
});

export const PositionRisk = v.looseObject({
  symbol: v.string(),
  positionSide: PositionSide,
  positionAmt: Dec,
  entryPrice: v.optional(Dec),
  markPrice: v.optional(Dec),
  liquidationPrice: v.optional(Dec),
  unRealizedProfit: v.optional(Dec),
  notional: v.optional(Dec),
  isolatedWallet: v.optional(Dec),
  maintMargin: v.optional(Dec),
});

export const Order = v.looseObject({
  orderId: Int,
  symbol: v.string(),
  status: v.string(),
  clientOrderId: v.string(),
  executedQty: Dec,
  avgPrice: Dec,
  origQty: Dec,
  side: Side,
  positionSide: PositionSide,
  reduceOnly: v.boolean(),
  updateTime: Int,
});

export const ApiRestrictions = v.looseObject({
  ipRestrict: v.boolean(),
  enableReading: v.boolean(),
  enableFutures: v.boolean(),
  enableWithdrawals: v.boolean(),
  permitsUniversalTransfer: v.boolean(),
  enablePortfolioMarginTrading: v.optional(v.boolean()),
});

export const Transfer = v.looseObject({ tranId: Int });
export const Income = v.looseObject({ symbol: v.string(), incomeType: v.string(), income: Dec, asset: v.string(), time: Int, tranId: Int, info: v.optional(v.string()) });
export const Ok = v.unknown();
export const ListenKey = v.looseObject({ listenKey: v.string() });
