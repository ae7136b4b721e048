/**
 * Sentences for the user, as a message id with its parameters: the core never writes English.
 * Views render them in the user's language (chrome.i18n, `_locales/<lang>/messages.json`) and
 * format every number with Intl in that language — a quantity at its step, a price at its tick,
 * money to the cent, a funding rate with Binance's four decimals. Ids are the keys of
 * `public/_locales/en/messages.json` (a test checks each one the code uses is there).
 */
export type Param =
  /** A name as it is: an asset, a symbol, a code. */
  | string
  /** Coins of `asset`, cut to `step` (in coins) when known. */
  | { coins: string; asset: string; step?: string | null }
  /** A price at the contract's tick when known. */
  | { price: string; tick?: string | null }
  /** An amount of money (USDT), to the cent unless told. */
  | { money: string; decimals?: number }
  /** A fraction as a percentage ("0.431" → 43.1 %). */
  | { percent: string; decimals?: number }
  /** A funding rate as Binance writes it (four decimals in percent). */
  | { rate: string }
  /** A plain count: hours, a leverage, a number of contracts. */
  | { count: string | number }
  /** How long until then, in ms ("1 h 35 min"). */
  | { until: number }
  /** A moment (epoch ms), in the user's time zone. */
  | { at: number }
  /** The calendar day of a moment (epoch ms), in the user's time zone: "26 Dec 2026". */
  | { day: number }
  /** A sentence within the sentence. */
  | Words;

export interface Words {
  id: string;
  params?: Param[];
}

export const words = (id: string, ...params: Param[]): Words => (params.length ? { id, params } : { id });
