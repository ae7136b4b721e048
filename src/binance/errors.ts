/**
 * Binance's errors in plain words, with what to do (as message ids the views render in the user's
 * language). Messages never contain a key or secret: they are built from the code and Binance's
 * own `msg` only.
 */

/** Binance codes with their own words (errBinance<code> and errBinance<code>Do in the messages). */
export const EXPLAINED = new Set([-1003, -1008, -1013, -1021, -1022, -1102, -1106, -1111, -1121, -1125, -2013, -2014, -2015, -2019, -2022, -4003, -4005, -4015, -4028, -4046, -4047, -4048, -4059, -4061, -4067, -4068, -4116, -4118, -4120, -4164, -4531]);

import { words, type Words } from '../core';

export interface BinanceErrorFields {
  /** Binance's error code, when Binance sent one. */
  code?: number;
  httpStatus?: number;
  /** Binance's own message, kept for support. */
  msg?: string;
  message: Words;
  action: Words;
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
  readonly words: Words;
  readonly action: Words;
  readonly retryable: boolean;
  readonly fateUnknown: boolean;
  readonly accepted: boolean;

  constructor(f: BinanceErrorFields) {
    super(f.message.id);
    this.words = f.message;
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
  const [message, action] = EXPLAINED.has(code)
    ? [words(`errBinance${-code}`), words(`errBinance${-code}Do`)]
    : [words('errBinanceOther', msg, String(code)), words('errBinanceOtherDo')];
  return new BinanceError({ code, msg, httpStatus, message, action, retryable: code === -1003 || code === -1008 });
}

/** A -2015 on an account that uses Portfolio Margin: the reason is the account type, not the key. */
export function portfolioMarginError(): BinanceError {
  return new BinanceError({
    code: -2015,
    message: words('errPortfolioMargin'),
    action: words('errPortfolioMarginDo'),
  });
}

export const malformed = (what: string): BinanceError =>
  new BinanceError({ message: words('errMalformed', what), action: words('errMalformedDo') });

/** Binance's error code, if `err` carries one. */
export const codeOf = (err: unknown): number | undefined => (err instanceof BinanceError ? err.code : undefined);

/** A write whose fate is unknown (timeout, 5xx, unreadable 2xx): ask Binance before anything else. */
export const isFateUnknown = (err: unknown): boolean => err instanceof BinanceError && err.fateUnknown;

/** Binance answered 2xx to the write but the reply could not be read: accepted, never to be resent. */
export const isAccepted = (err: unknown): boolean => err instanceof BinanceError && err.accepted;
