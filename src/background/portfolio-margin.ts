/**
 * Classic Portfolio Margin accounts are served futures only through /papi; their /fapi private
 * calls fail with -2015, which would otherwise read as a bad key. When the key check said the
 * account uses Portfolio Margin, such an error is explained as what it is.
 */
import { BinanceError, portfolioMarginError } from '../binance/errors';
import type { Exchange } from '../binance/exchange';

export function explainPortfolioMargin(exchange: Exchange): Exchange {
  const wrapped = {} as Exchange;
  for (const [name, fn] of Object.entries(exchange) as [keyof Exchange, (...a: unknown[]) => unknown][]) {
    (wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const result = fn(...args);
      // Calls to Binance are explained; a plain reading (unreadable rows) passes through.
      return result instanceof Promise
        ? result.catch((err: unknown) => {
            throw err instanceof BinanceError && err.code === -2015 ? portfolioMarginError() : err;
          })
        : result;
    };
  }
  return wrapped;
}
