/**
 * Binance's errors in plain words, with what to do. Messages never contain a key or secret:
 * they are built from the code and Binance's own `msg` only.
 */

const TABLE: Record<number, [message: string, action: string]> = {
  [-1003]: ['Too many requests to Binance from this IP.', 'The extension slows down by itself; wait a minute.'],
  [-1008]: ['Binance is overloaded right now.', 'Try again in a moment (orders that only reduce a position are still accepted).'],
  [-1013]: ['The order size does not meet the contract\'s rules.', 'Refresh the preview: the contract\'s minimum or step may have changed.'],
  [-1021]: ["This computer's clock and Binance's differ by more than the allowed window.", 'The extension re-synchronised with Binance; if this repeats, correct your system clock.'],
  [-1022]: ['Binance rejected the request signature.', 'The secret does not match the API key: enter both again in options.'],
  [-1102]: ['A required field was missing from the request.', 'This is a bug in the extension; please report it.'],
  [-1106]: ['The request sent a field Binance did not expect here.', 'This is a bug in the extension; please report it.'],
  [-1111]: ['The quantity has more decimals than the contract allows.', 'Refresh the preview; the contract\'s step size may have changed.'],
  [-1121]: ['Binance does not know this symbol here.', 'The contract may be delisted or not available on this environment.'],
  [-1125]: ['The live-update stream key is no longer valid.', 'The extension opens a new one; nothing to do.'],
  [-2013]: ['Binance has no such order.', 'Nothing was placed under this order id.'],
  [-2014]: ['Binance does not accept this API key format.', 'Copy the API key again from Binance\'s API Management and save it in options.'],
  [-2015]: ['The key lacks Futures permission or this IP is not allowed (or the key is invalid).', 'In API Management, enable Futures for the key and allow your IP address, or create a new key.'],
  [-2019]: ['Not enough margin in your Futures wallet for this order.', 'Move USDT to Futures, raise leverage, or hedge less.'],
  [-2022]: ['Binance refused a reduce-only order that would not reduce the position.', 'The position changed: refresh and review again.'],
  [-4003]: ['The quantity is below the contract\'s minimum.', 'This amount is too small to hedge on this contract.'],
  [-4005]: ['The quantity is above the contract\'s maximum for one order.', 'Hedge in several steps.'],
  [-4015]: ['The client order id was refused.', 'This is a bug in the extension; please report it.'],
  [-4028]: ['That leverage is not allowed for this contract at this size.', 'Choose a lower leverage in options.'],
  [-4046]: ['The margin mode is already set.', 'Nothing to do.'],
  [-4047]: ['The margin mode cannot change while orders are open on this contract.', 'Cancel the open orders first, or keep the current mode.'],
  [-4048]: ['The margin mode cannot change while a position is open on this contract.', 'Keep the current mode, or close the position first.'],
  [-4059]: ['The position mode is already set.', 'Nothing to do.'],
  [-4061]: ["The order's position side does not match the account's position mode (One-way or Hedge).", 'Refresh: the extension re-reads the mode and plans again.'],
  [-4067]: ['The position mode cannot change while orders are open.', 'Cancel open orders first.'],
  [-4068]: ['The position mode cannot change while a position is open.', 'Close positions first, or keep the mode.'],
  [-4116]: ['An open order already uses this client order id.', 'Nothing was sent twice; refresh to see the order.'],
  [-4118]: ['A reduce-only order failed Binance\'s margin check.', 'Refresh and review again.'],
  [-4120]: ['This order type must go through Binance\'s algo-order endpoint.', 'This is a bug in the extension; please report it.'],
  [-4164]: ['The order is below the contract\'s minimum order value.', 'This amount is too small to hedge on this contract.'],
  [-4531]: ['The position mode cannot change while COIN-M positions are open.', 'Close COIN-M positions first.'],
};

export interface BinanceErrorFields {
  /** Binance's error code, when Binance sent one. */
  code?: number;
  httpStatus?: number;
  /** Binance's own message, kept for support. */
  msg?: string;
  message: string;
  action: string;
  /** Safe to retry as is (rate limits, overload): not the fate of an order. */
  retryable?: boolean;
  /** A write whose outcome is unknown (timeout, 5xx, unreadable 2xx): ask Binance before any resend. */
  fateUnknown?: boolean;
  /** Binance answered 2xx to a write whose reply could not be read: it was accepted, never resend. */
  accepted?: boolean;
}

export class BinanceError extends Error {
  readonly code?: number;
  readonly httpStatus?: number;
  readonly msg?: string;
  readonly action: string;
  readonly retryable: boolean;
  readonly fateUnknown: boolean;
  readonly accepted: boolean;

  constructor(f: BinanceErrorFields) {
    super(f.message);
    this.name = 'BinanceError';
    if (f.code !== undefined) this.code = f.code;
    if (f.httpStatus !== undefined) this.httpStatus = f.httpStatus;
    if (f.msg !== undefined) this.msg = f.msg;
    this.action = f.action;
    this.retryable = f.retryable ?? false;
    this.fateUnknown = f.fateUnknown ?? false;
    this.accepted = f.accepted ?? false;
  }
}

/** An error body `{code, msg}` from Binance. */
export function fromBinance(code: number, msg: string, httpStatus: number): BinanceError {
  const known = TABLE[code];
  const message = known?.[0] ?? `Binance refused the request: ${msg} (code ${code}).`;
  const action = known?.[1] ?? 'Check the request in Binance and try again.';
  return new BinanceError({ code, msg, httpStatus, message, action, retryable: code === -1003 || code === -1008 });
}

/** A -2015 on an account that uses Portfolio Margin: the reason is the account type, not the key. */
export function portfolioMarginError(): BinanceError {
  return new BinanceError({
    code: -2015,
    message: 'This is a classic Portfolio Margin account: Binance serves its futures only through the Portfolio Margin API, which this extension does not use.',
    action: 'Use a regular USDⓈ-M futures account (or Portfolio Margin Pro) for hedging with this extension.',
  });
}

export const malformed = (what: string): BinanceError =>
  new BinanceError({ message: `Binance sent an unexpected reply to ${what}.`, action: 'Try again; if it repeats, Binance may have changed its API — report it.' });

/** Binance's error code, if `err` carries one. */
export const codeOf = (err: unknown): number | undefined => (err instanceof BinanceError ? err.code : undefined);

/** A write whose fate is unknown (timeout, 5xx, unreadable 2xx): ask Binance before anything else. */
export const isFateUnknown = (err: unknown): boolean => err instanceof BinanceError && err.fateUnknown;

/** Binance answered 2xx to the write but the reply could not be read: accepted, never to be resent. */
export const isAccepted = (err: unknown): boolean => err instanceof BinanceError && err.accepted;
