/** The core's decimal type: a private big.js constructor, so no setting leaks to or from other code. */
import BigJs from 'big.js';

export const D = BigJs();
D.DP = 30;
D.RM = BigJs.roundHalfUp;
export type Dec = BigJs.Big;

export class CoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreInputError';
  }
}

const DECIMAL = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Parses a decimal string from Binance; anything else (NaN, '', a float with junk) is a CoreInputError. */
export function dec(value: string | number | undefined | null, what: string): Dec {
  const text = typeof value === 'number' ? String(value) : value;
  if (text === undefined || text === null || !DECIMAL.test(text)) {
    throw new CoreInputError(`${what} is not a number (${JSON.stringify(value)}).`);
  }
  return D(text);
}

/** A decimal as a plain string without exponent or trailing zeros. */
export const str = (x: Dec): string => x.toFixed().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
