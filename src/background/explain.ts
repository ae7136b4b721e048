/** Any failure as words the user can act on; Binance's own plain words and actions are kept, internals never leak. */
import { BinanceError } from '../binance/errors';
import { CoreInputError } from '../core';
import { UserError } from '../shared/user-error';

export function asUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (err instanceof BinanceError) return new UserError(err.code !== undefined ? `binance${err.code}` : `http${err.httpStatus ?? ''}`, err.message, err.action);
  if (err instanceof CoreInputError) return new UserError('bad-data', `Binance sent data the extension cannot use: ${err.message}`, 'Refresh in a moment; if it repeats, please report it.');
  return new UserError('internal', 'Something went wrong in the extension.', 'Try again; if it repeats, reload the extension.');
}

/** Handlers whose every failure is a UserError: what views show is decided here, once. */
export function explainFailures<H extends Record<string, (request: never) => Promise<unknown>>>(handlers: H): H {
  const out = {} as Record<string, unknown>;
  for (const [name, handle] of Object.entries(handlers)) {
    out[name] = (request: never) =>
      handle(request).catch((err: unknown) => {
        throw asUserError(err);
      });
  }
  return out as H;
}
