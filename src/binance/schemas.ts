/**
 * Reply schemas: a reply that does not match is a clear error, never a crash further on. Lists are
 * read row by row (`listOf`): one odd row is left out and named, never the whole reply. Writes
 * require only what identifies them; what else they carry is optional (Binance drops fields).
 */
import * as v from 'valibot';

/** A decimal as Binance sends it: a string of digits. */
export const Dec = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/));
/** A decimal Binance leaves empty where it does not apply (a quarterly's funding rate). */
const DecOrEmpty = v.union([Dec, v.literal('')]);

/** A list read row by row: `rows` parsed, `unreadable` the ids (symbol, asset, …) of rows that were not. */
export interface Listed<T> {
  rows: T[];
  unreadable: string[];
}

/** The name a row gives itself, read without trusting the row: its symbol, asset or tranId. */
function idOf(raw: unknown, index: number): string {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const id = r.symbol ?? r.asset ?? r.tranId;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
}

export function listOf<T>(row: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, Listed<T>> {
  return v.pipe(
    v.array(v.unknown()),
    v.transform((items) => {
      const out: Listed<T> = { rows: [], unreadable: [] };
      items.forEach((item, i) => {
        const parsed = v.safeParse(row, item);
        if (parsed.success) out.rows.push(parsed.output);
        else out.unreadable.push(idOf(item, i));
      });
      return out;
    }),
  ) as v.GenericSchema<unknown, Listed<T>>;
}
const Int = v.pipe(v.number(), v.integer());
const Side = v.picklist(['BUY', 'SELL']);
const PositionSide = v.picklist(['BOTH', 'LONG', 'SHORT']);

export const SpotBalance = v.looseObject({ asset: v.string(), free: Dec, locked: Dec });
export const SpotAccount = v.looseObject({ balances: listOf(SpotBalance) });

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

export const FuturesSymbol = v.looseObject({
  symbol: v.string(),
  contractType: v.string(),
  status: v.string(),
  baseAsset: v.string(),
  quoteAsset: v.string(),
  marginAsset: v.optional(v.string()),
  deliveryDate: v.optional(Int),
  filters: v.array(Filter),
});
const RateLimits = v.optional(v.array(v.looseObject({ rateLimitType: v.string(), interval: v.string(), intervalNum: v.number(), limit: v.number() })));
export const FuturesExchangeInfo = v.looseObject({ rateLimits: RateLimits, symbols: listOf(FuturesSymbol) });

export const PremiumIndex = v.looseObject({
  symbol: v.string(),
  markPrice: Dec,
  indexPrice: v.optional(Dec),
  lastFundingRate: DecOrEmpty,
  nextFundingTime: Int,
  interestRate: v.optional(DecOrEmpty),
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
/** `multiAssetsMargin` is in the documented reply; an account that omits it is in Single-Asset mode. */
export const AccountConfig = v.looseObject({ dualSidePosition: v.boolean(), multiAssetsMargin: v.optional(v.boolean(), false) });
export const SymbolConfig = v.looseObject({
  symbol: v.string(),
  marginType: v.picklist(['CROSSED', 'ISOLATED']),
  isAutoAddMargin: v.boolean(),
  leverage: Int,
  maxNotionalValue: v.string(),
});

/** One margin asset of the futures wallet, in its own units (BNFCR: an EEA account's credits). */
export const FuturesAsset = v.looseObject({ asset: v.string(), walletBalance: Dec, marginBalance: v.optional(Dec), availableBalance: v.optional(Dec) });
/** Totals: USDT only in Single-Asset mode, USD over every margin asset in Multi-Assets mode. */
export const FuturesAccount = v.looseObject({
  totalMaintMargin: Dec,
  totalInitialMargin: v.optional(Dec),
  totalMarginBalance: Dec,
  totalWalletBalance: Dec,
  availableBalance: Dec,
  totalUnrealizedProfit: v.optional(Dec),
  assets: v.optional(v.array(FuturesAsset), []),
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

/**
 * POST /fapi/v1/order: only what identifies the order is required. Binance's documented reply has
 * had no avgPrice or cumQuote since 2026-07-15; the fill is read from the order query or the stream.
 */
export const OrderAck = v.looseObject({
  orderId: Int,
  symbol: v.string(),
  clientOrderId: v.string(),
  status: v.optional(v.string()),
  executedQty: v.optional(Dec),
  avgPrice: v.optional(Dec),
  origQty: v.optional(Dec),
  side: v.optional(Side),
  positionSide: v.optional(PositionSide),
  reduceOnly: v.optional(v.boolean()),
  updateTime: v.optional(Int),
});

/** Binance's refusal of one order of a batch: `{code, msg}` in its place in the reply. */
export const BatchRefusal = v.looseObject({ code: v.number(), msg: v.string() });
/**
 * POST /fapi/v1/batchOrders: one entry per order, in order — its acknowledgement or its refusal.
 * Read entry by entry: an entry that is neither leaves that order's fate unknown, not the others'.
 */
export const BatchOrders = v.array(v.unknown());

/** GET /fapi/v1/order: what settles an order's fate. */
export const Order = v.looseObject({
  ...OrderAck.entries,
  status: v.string(),
  executedQty: Dec,
});

/** GET /fapi/v1/fundingRate rows. */
export const FundingRateRecord = v.looseObject({ symbol: v.string(), fundingRate: Dec, fundingTime: Int });

/** An algo order (POST/GET /fapi/v1/algoOrder, openAlgoOrders). */
export const AlgoOrder = v.looseObject({
  algoId: Int,
  clientAlgoId: v.string(),
  symbol: v.string(),
  side: v.string(),
  positionSide: v.string(),
  algoStatus: v.string(),
  triggerPrice: Dec,
  closePosition: v.optional(v.boolean()),
  reduceOnly: v.optional(v.boolean()),
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
export const TransferHistory = v.looseObject({
  total: v.optional(v.number()),
  rows: v.optional(
    v.array(v.looseObject({ tranId: Int, asset: v.string(), amount: Dec, type: v.string(), status: v.string(), timestamp: Int })),
  ),
});
/** GET /sapi/v1/simple-earn/{flexible,locked}/position: a page of positions and how many there are in all. */
export const EarnPositions = <T>(row: v.GenericSchema<unknown, T>) => v.looseObject({ rows: listOf(row), total: Int });
export const EarnFlexiblePosition = v.looseObject({ asset: v.string(), totalAmount: Dec });
export const EarnLockedPosition = v.looseObject({ asset: v.string(), amount: Dec });
/** POST /sapi/v1/asset/get-funding-asset: the Funding wallet. */
export const FundingAsset = v.looseObject({ asset: v.string(), free: Dec, locked: Dec, freeze: v.optional(Dec, '0') });

export const Income = v.looseObject({ symbol: v.string(), incomeType: v.string(), income: Dec, asset: v.string(), time: Int, tranId: Int, info: v.optional(v.string()) });
export const Ok = v.unknown();
export const ListenKey = v.looseObject({ listenKey: v.string() });

// COIN-M (/dapi): quantities in contracts, money in the coin.

/** A COIN-M contract: `contractStatus` where USDⓈ-M says `status`; `contractSize` USD a contract, a number. */
export const CoinmSymbol = v.looseObject({
  symbol: v.string(),
  pair: v.string(),
  contractType: v.string(),
  contractStatus: v.string(),
  baseAsset: v.string(),
  marginAsset: v.string(),
  contractSize: v.number(),
  filters: v.array(Filter),
});
export const CoinmExchangeInfo = v.looseObject({ rateLimits: RateLimits, symbols: listOf(CoinmSymbol) });
export const CoinmPremiumIndex = v.looseObject({ ...PremiumIndex.entries, pair: v.string() });
/** Every TRADING symbol is listed, zero positions too; `marginType` in lower case ("cross"). */
export const CoinmPosition = v.looseObject({
  symbol: v.string(),
  positionSide: PositionSide,
  positionAmt: Dec,
  entryPrice: Dec,
  markPrice: Dec,
  liquidationPrice: Dec,
  unRealizedProfit: Dec,
  leverage: Dec,
  marginType: v.string(),
});
export const CoinmAsset = v.looseObject({
  asset: v.string(),
  walletBalance: Dec,
  marginBalance: Dec,
  availableBalance: Dec,
  maintMargin: Dec,
  unrealizedProfit: Dec,
});
export const CoinmAccount = v.looseObject({ assets: listOf(CoinmAsset) });
/** GET /dapi/v2/leverageBracket: brackets by position size in contracts (Binance spells the floor `qtylFloor`). */
export const CoinmLeverageBracket = v.looseObject({
  symbol: v.string(),
  brackets: v.array(
    v.looseObject({ bracket: Int, initialLeverage: Int, qtyCap: v.number(), qtylFloor: v.number(), maintMarginRatio: v.number(), cum: v.number() }),
  ),
});
/** COIN-M sends `tranId` as a string of digits (USDⓈ-M: a number); read as the number the income rows share. */
export const CoinmIncome = v.looseObject({ ...Income.entries, tranId: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)) });

// Stream events: what the product reads of each, as Binance documents them.

/** `<symbol>@markPrice@1s` (and inside a combined stream's `data`). */
export const MarkPriceUpdate = v.looseObject({ e: v.literal('markPriceUpdate'), s: v.string(), p: Dec, r: DecOrEmpty, T: Int });
export const CombinedMarkPrice = v.looseObject({ stream: v.string(), data: MarkPriceUpdate });

/** USDⓈ-M user data: an order changed; `o.c` is our client order id, `o.X` its status, `o.z` / `o.ap` its fill. */
export const OrderTradeUpdate = v.looseObject({
  e: v.literal('ORDER_TRADE_UPDATE'),
  o: v.looseObject({ s: v.string(), c: v.string(), i: Int, X: v.string(), z: Dec, ap: Dec }),
});
/** Events that only say "re-read the account": balances, positions, a margin call. */
export const AccountUpdate = v.looseObject({ e: v.literal('ACCOUNT_UPDATE'), a: v.looseObject({ m: v.string() }) });
export const MarginCall = v.looseObject({ e: v.literal('MARGIN_CALL') });
/** An algo order changed: `o.caid` our client algo id, `o.X` its status, `o.ai` the order it placed once triggered. */
export const AlgoUpdate = v.looseObject({ e: v.literal('ALGO_UPDATE'), o: v.looseObject({ caid: v.string(), s: v.string(), X: v.string(), tp: v.optional(v.string()), ai: v.optional(v.string()) }) });
export const ListenKeyExpired = v.looseObject({ e: v.literal('listenKeyExpired') });

// Spot WebSocket API (ws-api.binance.com/ws-api/v3): replies and the user-data stream's events.

/** A reply to a request: `result` on success, `error` otherwise. */
export const WsApiReply = v.looseObject({
  id: v.union([v.string(), v.number()]),
  status: v.number(),
  result: v.optional(v.unknown()),
  error: v.optional(v.looseObject({ code: v.number(), msg: v.string() })),
});

/** An event of a subscription: `{subscriptionId, event}`. */
export const SpotUserEvent = v.looseObject({ subscriptionId: v.number(), event: v.looseObject({ e: v.string() }) });
/** The changed assets' new free and locked balances. */
export const OutboundAccountPosition = v.looseObject({
  e: v.literal('outboundAccountPosition'),
  B: v.array(v.looseObject({ a: v.string(), f: Dec, l: Dec })),
});
/** A deposit, withdrawal or transfer between the account's wallets. */
export const BalanceUpdate = v.looseObject({ e: v.literal('balanceUpdate'), a: v.string(), d: Dec });
/** A spot order changed (a buy or sale of the user's own). */
export const ExecutionReport = v.looseObject({ e: v.literal('executionReport'), s: v.string(), X: v.string() });
