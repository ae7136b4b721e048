/**
 * The user's settings, their defaults and their schema. Decimal values stay strings (they feed
 * decimal math in core). Stored in storage.local; anything unreadable falls back to the default.
 */
import * as v from 'valibot';
import { ENVIRONMENTS } from '../binance/env';
import { WALLETS } from '../core';

const Decimal = v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/));
const Asset = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,20}$/));
/** A calendar day as <input type="date"> writes it. */
const Day = v.pipe(v.string(), v.isoDate());

export const SettingsSchema = v.object({
  environment: v.optional(v.picklist(ENVIRONMENTS), 'production'),
  recvWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(60_000)), 5000),
  autoLockMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)), 30),
  /** Share of the coins to short: "1" = fully hedged. */
  hedgeRatio: v.optional(Decimal, '1'),
  /** A target hedge ratio per asset, over `hedgeRatio`. */
  ratios: v.optional(v.record(Asset, Decimal), {}),
  /** A "hedge until" day per asset: from that day on, a hedge still open is a warning (never an order). */
  until: v.optional(v.record(Asset, Day), {}),
  /** The wallets whose coins count as exposure: Spot, Simple Earn Flexible and Locked, Funding. */
  wallets: v.optional(v.array(v.picklist(WALLETS)), [...WALLETS]),
  /** Act only when the hedge is off its target by more than this share. */
  tolerance: v.optional(Decimal, '0.02'),
  includeLocked: v.optional(v.boolean(), true),
  ignore: v.optional(v.array(Asset), []),
  /** Leverage for a new hedge; low, because a hedge's job is not to be liquidated. */
  leverage: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(125)), 2),
  marginType: v.optional(v.picklist(['CROSSED', 'ISOLATED']), 'CROSSED'),
  thresholds: v.optional(
    v.object({
      marginRatioWarn: v.optional(Decimal, '0.5'),
      marginRatioCritical: v.optional(Decimal, '0.8'),
      liquidationWarn: v.optional(Decimal, '0.15'),
      liquidationCritical: v.optional(Decimal, '0.07'),
      maxLeverage: v.optional(v.number(), 5),
      /** Warn when one funding payment of a hedge costs more than this many USDT. */
      fundingCostUsdt: v.optional(Decimal, '1'),
    }),
    {},
  ),
  autoTopUp: v.optional(
    v.object({
      enabled: v.optional(v.boolean(), false),
      dailyCapUsdt: v.optional(Decimal, '0'),
    }),
    {},
  ),
  notifications: v.optional(v.boolean(), true),
  /**
   * The liquidation guard (opt-in): a stop on Binance that closes a USDⓈ-M hedge before it would be
   * liquidated, even while the browser is closed — leaving the coins unhedged from then on.
   * `distance`: the share of the way from the mark to the liquidation price where it triggers.
   */
  guard: v.optional(v.object({ enabled: v.optional(v.boolean(), false), distance: v.optional(Decimal, '0.5') }), {}),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Reads stored settings, keeping every valid field and defaulting the rest. */
export function readSettings(raw: unknown): Settings {
  const parsed = v.safeParse(SettingsSchema, raw ?? {});
  if (parsed.success) return parsed.output;
  // One bad field must not reset everything: drop the fields that failed and parse again.
  const bad = new Set(parsed.issues.map((i) => String(i.path?.[0]?.key)));
  const kept = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([k]) => !bad.has(k)));
  return v.parse(SettingsSchema, kept);
}
