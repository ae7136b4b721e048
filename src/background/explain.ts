/** Any failure as words the user can act on; Binance's own plain words and actions are kept, internals never leak. */
import { BinanceError } from '../binance/errors';
import { CoreInputError, words } from '../core';
import { UserError } from '../shared/user-error';

export function asUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (err instanceof BinanceError) return new UserError(err.code !== undefined ? `binance${err.code}` : `http${err.httpStatus ?? ''}`, err.words, err.action);
  if (err instanceof CoreInputError) return new UserError('bad-data', words('errBadData', err.message), words('errBadDataDo'));
  return new UserError('internal', words('errInternal'), words('errInternalDo'));
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
