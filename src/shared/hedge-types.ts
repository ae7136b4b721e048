/**
 * What the background tells views about one asset's hedge, a preview before an order, and the
 * result after. Decimals are strings; times are ms since the epoch.
 */
import type { HedgeStatus, Intent, MarginType, OrderSpec, QuarterlyBasis, Severity, Wallet, Words } from '../core';

export type { HedgeStatus, Intent, MarginType, OrderSpec, QuarterlyBasis, Severity, Wallet, Words } from '../core';

export interface AssetView {
  asset: string;
  /** The USDⓈ-M perpetual, e.g. BTCUSDT or 1000PEPEUSDT; null when there is none. */
  symbol: string | null;
  /** Coins per contract unit: "1", or "1000" for 1000PEPEUSDT. */
  multiplier: string;
  /** How this contract's numbers are shown: prices at its tick, coins at its step (in coins); null without a perpetual. */
  tickSize: string | null;
  coinStep: string | null;
  /** Coins to protect, from every wallet counted (Spot free + locked, Earn, Funding); negative for a borrowed balance. */
  exposure: string;
  /** Where those coins are, one line per wallet holding some: "1.0 Spot + 0.5 Earn Flexible". */
  holdings: { wallet: Wallet; amount: string }[];
  /** The share of the coins this asset is to be hedged at (its own target, or the global ratio). */
  targetRatio: string;
  /** Coins the futures position offsets now (a short against a positive exposure). */
  hedge: string;
  /** hedge / exposure, e.g. "0.98"; null without exposure. */
  ratio: string | null;
  status: HedgeStatus;
  /** Plain words for the status. */
  reason: Words;
  markPrice: string | null;
  lastFundingRate: string | null;
  nextFundingTime: number | null;
  fundingIntervalHours: number | null;
  /** e.g. "the short receives about 0.42 USDT per 8 h at this rate". */
  fundingText: Words | null;
  /**
   * The USDⓈ-M quarterly a short could move to instead, with the basis it would lock in (a yearly
   * fraction to delivery: positive = the short earns it); null without one or on COIN-M.
   */
  quarterly: QuarterlyBasis | null;
  liquidationPrice: string | null;
  /** Fraction of the mark price to liquidation, e.g. "0.43". */
  liquidationDistance: string | null;
  /** The button: what one click would do, or null when nothing should be done. */
  action: { intent: Intent; label: Words } | null;
  updatedAt: number;
}

export interface Preview {
  id: string;
  expiresAt: number;
  asset: string;
  intent: Intent;
  order: OrderSpec;
  /** The order in coins (quantity × multiplier). */
  coins: string;
  /** How this contract's numbers are shown: prices at its tick, coins at its step (in coins). */
  tickSize: string | null;
  coinStep: string | null;
  notional: string;
  leverage: number;
  marginType: MarginType;
  /** Account settings the hedge changes first, if any. */
  changes: { leverage?: { from: number; to: number }; marginType?: { from: MarginType; to: MarginType } };
  marginNeeded: string;
  availableMargin: string;
  /** Stablecoins to move from spot to futures first; null when the futures wallet has enough. */
  transfer: string | null;
  /** Where the order goes: USDⓈ-M (USDT or USDC margin) or COIN-M (the coin itself as margin). */
  family: 'usdm' | 'coinm';
  /** The other family this hedge could take instead, when the asset has both: the confirm step offers it. */
  alternative: 'usdm' | 'coinm' | null;
  /**
   * The margin asset: what is moved, and the unit of `marginNeeded`, `availableMargin`, `transfer`
   * and `fees` — USDT, USDC on an EEA credits account (USDT cannot move there), or the coin itself
   * for COIN-M.
   */
  collateral: string;
  /** Closing a COIN-M hedge: its coins go back to Spot once the contracts are bought back. */
  returnCollateral: boolean;
  /**
   * Too little to hedge it all: this order is the largest the free stablecoins allow; `coins` is
   * the full hedge's size, `missing` what it would take to hedge it all.
   */
  partial: { coins: string; missing: string; collateral: string } | null;
  fees: string;
  liquidationPrice: string | null;
  funding: { rate: string; nextFundingTime: number; intervalHours: number; perDay: string; text: Words } | null;
  /** Coins left unhedged by rounding to the contract's step. */
  residual: string;
  /** Hedge ratio once the order fills. */
  ratioAfter: string | null;
  warnings: Words[];
}

/** Several hedges previewed together, in the order they will be executed. */
export interface BatchPreview {
  previews: Preview[];
  /** Assets left out, with why (e.g. not enough USDT once the others are margined). */
  skipped: { asset: string; reason: Words }[];
  totals: { notional: string; margin: string; transfer: string; fees: string };
}

export type Step = 'transferring' | 'setting-margin-type' | 'setting-leverage' | 'placing' | 'checking' | 'verifying' | 'returning';

export interface HedgeResult {
  clientOrderId: string;
  orderId: number;
  executedQty: string;
  /** The fill's average price; null when Binance did not say (the fill stands). */
  avgPrice: string | null;
  /** The asset as re-read from Binance after the fill; null when that read failed (the fill stands). */
  view: AssetView | null;
  message: Words;
}

/** A performance mark at a view's first render with data: what `npm run bench` times its opening by. */
export const FIRST_DATA_MARK = 'spot-hedge:first-data';

export interface WarningView {
  id: string;
  severity: Severity;
  asset?: string;
  kind: string;
  message: Words;
}

/**
 * The perpetual short's funding, beside the quarterly in AssetView: received (+) or paid (−), USDT,
 * and yearly fractions.
 */
export interface FundingCost {
  funding7d: string;
  funding30d: string;
  /** funding30d as a yearly fraction of the short's notional now. */
  funding30dAnnual: string;
  /** The last 30 days' average rate, annualized by the symbol's funding interval; null when unread or none. */
  rateAnnual30d: string | null;
  /** The share of those funding events in which a short paid (rate < 0). */
  paidShare30d: string | null;
}

/** Everything the popup and side panel show, as of `updatedAt`; cached so they open instantly. */
export interface Dashboard {
  assets: (AssetView & {
    /** The liquidation guard's trigger price on Binance's book, when one guards this hedge. */
    guard: string | null;
    /** The user's "hedge until" day (YYYY-MM-DD), or null. */
    until: string | null;
    fundingTotal: string;
    annualizedFunding: string | null;
    /** Since the short's entry: spot move + futures PnL + funding + fees (negative) = net, USDT. */
    pnl: { spotMove: string; futuresPnl: string; funding: string; fees: string; net: string } | null;
    /** What the USDⓈ-M short's funding has cost or paid; null without an open USDⓈ-M short. */
    cost: FundingCost | null;
  })[];
  warnings: WarningView[];
  /** totalMaintMargin / totalMarginBalance; null without a futures account reading. */
  marginRatio: string | null;
  account: {
    totalMarginBalance: string;
    totalMaintMargin: string;
    availableBalance: string;
    /** Binance's margin modes: the totals are USDT alone, or USD over every margin asset (credits: EEA). */
    marginMode: 'single-asset' | 'multi-assets' | 'credits';
  } | null;
  /** Sum of the next funding payment of every hedge: positive = received. */
  nextFunding: string;
  updatedAt: number;
}

/** Time series for the side panel's charts: times in seconds (uPlot's unit), values as numbers for plotting only. */
export interface ChartSeries {
  /** Cumulative funding received (+) or paid (−), all hedges, USDT. */
  funding: [number[], number[]];
  marginRatio: [number[], number[]];
  /** Hedge ratio per asset, on the snapshot times. */
  hedgeRatio: { times: number[]; assets: Record<string, (number | null)[]> };
}

/** One auto top-up: USDT moved from Spot to Futures when the margin ratio reached the warning level. */
export interface TopUp {
  time: number;
  amount: string;
  /** Absent when Binance did not confirm the transfer: it still counts against the day's cap. */
  tranId?: number;
  marginRatioBefore: string;
}

/**
 * A liquidation guard: a reduce-only STOP_MARKET (closePosition) on Binance's algo service that
 * closes a hedge before it would be liquidated. Its client algo id is kept before the first send,
 * like an order's.
 */
export interface Guard {
  clientAlgoId: string;
  symbol: string;
  asset: string;
  side: 'BUY' | 'SELL';
  positionSide: 'BOTH' | 'LONG' | 'SHORT';
  triggerPrice: string;
  /** pending: kept, not yet sent; unknown: sent, Binance's answer unclear; open: Binance has it. */
  status: 'pending' | 'unknown' | 'open';
  sentAt: number;
}
