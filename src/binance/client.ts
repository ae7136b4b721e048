/**
 * The Binance REST client: builds and signs requests, keeps the server-time offset, respects the
 * weight budget, maps errors to plain words and validates every reply. fetch + WebCrypto only.
 */
import * as v from 'valibot';
import { words, type Words } from '../core';
import { HOSTS, type Environment } from './env';
import { BinanceError, fromBinance, malformed } from './errors';
import { sign, signature, type ApiKey } from './sign';
import { weightBudget, type HostKind, type WeightBudget } from './weight';

export type Params = Record<string, string | number | boolean | undefined>;

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  host: HostKind;
  path: string;
  params?: Params;
  signed?: boolean;
  /** Sent with the API key header but unsigned (listenKey). */
  keyed?: boolean;
  schema: v.GenericSchema<unknown, T>;
  /**
   * A request that changes something at Binance. Its fate is unknown after a timeout or 5xx, and a
   * 2xx reply that cannot be read means Binance ACCEPTED it: either way it is asked about, never
   * simply sent again. Orders weigh nothing on the IP budget and are never held back for it.
   */
  write?: Write;
}

export type Write = 'order' | 'transfer' | 'setting';

const ACCEPTED: Record<Write, Words> = { order: words('errAcceptedOrder'), transfer: words('errAcceptedTransfer'), setting: words('errAcceptedSetting') };
const ASK_FIRST: Record<Write, Words> = { order: words('doAskOrder'), transfer: words('doAskTransfer'), setting: words('doReadSetting') };
const NO_KEY = { message: words('errNoKeyUnlocked'), action: words('errNoKeyUnlockedDo') };

export interface ClientOptions {
  env: Environment;
  key?: ApiKey;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  recvWindow?: number;
  timeoutMs?: number;
  budget?: WeightBudget;
}

const TimeReply = v.object({ serverTime: v.number() });
const ErrorBody = v.object({ code: v.number(), msg: v.string() });

export function createClient(opts: ClientOptions) {
  const hosts = HOSTS[opts.env];
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const recvWindow = opts.recvWindow ?? 5000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const budget = opts.budget ?? weightBudget({ now, sleep });
  const offset: Partial<Record<HostKind, number>> = {};

  const base: Record<HostKind, string> = { spot: hosts.spot, futures: hosts.futures, coinm: hosts.coinm };
  const timePath: Record<HostKind, string> = { spot: '/api/v3/time', futures: '/fapi/v1/time', coinm: '/dapi/v1/time' };

  async function send<T>(spec: RequestSpec<T>): Promise<T> {
    await budget.before(spec.host, spec.write !== 'order' && spec.write !== 'setting');
    const query = new URLSearchParams();
    for (const [k, val] of Object.entries(spec.params ?? {})) if (val !== undefined) query.append(k, String(val));
    if (spec.signed) {
      if (!opts.key) throw new BinanceError(NO_KEY);
      query.append('recvWindow', String(recvWindow));
      query.append('timestamp', String(Math.round(now() + (offset[spec.host] ?? 0))));
    }
    // POST parameters travel in the query string too, which Binance accepts; the signature covers
    // exactly that string and is appended already encoded (sign() URL-encodes base64 signatures).
    let qs = query.toString();
    if (spec.signed) qs += `${qs ? '&' : ''}signature=${await sign(opts.key!, qs)}`;
    const url = `${base[spec.host]}${spec.path}${qs ? `?${qs}` : ''}`;
    const headers: Record<string, string> = {};
    if ((spec.signed || spec.keyed) && opts.key) headers['X-MBX-APIKEY'] = opts.key.apiKey;

    let res: Response;
    try {
      res = await doFetch(url, { method: spec.method, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const timedOut = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new BinanceError({
        message: words(timedOut ? 'errTimeout' : 'errUnreachable'),
        action: spec.write ? ASK_FIRST[spec.write] : words('doCheckConnection'),
        retryable: !spec.write,
        fateUnknown: Boolean(spec.write),
      });
    }
    budget.after(spec.host, res.status, res.headers);

    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (res.ok) {
      const parsed = v.safeParse(spec.schema, body);
      if (parsed.success) return parsed.output;
      if (!spec.write) throw malformed(`${spec.method} ${spec.path}`);
      throw new BinanceError({
        httpStatus: res.status,
        message: ACCEPTED[spec.write],
        action: ASK_FIRST[spec.write],
        fateUnknown: true,
        accepted: true,
      });
    }
    const err = v.safeParse(ErrorBody, body);
    if (res.status === 418) throw new BinanceError({ httpStatus: 418, message: words('err418'), action: words('err418Do') });
    if (res.status === 429) throw new BinanceError({ httpStatus: 429, retryable: true, message: words('err429'), action: words('err429Do') });
    if (res.status === 403) throw new BinanceError({ httpStatus: 403, message: words('err403'), action: words('err403Do') });
    if (res.status >= 500) {
      throw new BinanceError({
        httpStatus: res.status,
        ...(err.success ? { code: err.output.code, msg: err.output.msg } : {}),
        message: words('err5xx', String(res.status)),
        action: spec.write ? ASK_FIRST[spec.write] : words('doTryAgainMoment'),
        retryable: !spec.write,
        fateUnknown: Boolean(spec.write),
      });
    }
    if (!err.success) throw new BinanceError({ httpStatus: res.status, message: words('errHttp', String(res.status)), action: words('doTryAgain') });
    throw fromBinance(err.output.code, err.output.msg, res.status);
  }

  /** Measures the server-time offset from the midpoint of a round trip. */
  async function syncTime(host: HostKind): Promise<number> {
    // The budget's wait first: inside the round trip, half of it would count as the server's lead.
    await budget.before(host);
    const t0 = now();
    const { serverTime } = await send({ method: 'GET', host, path: timePath[host], schema: TimeReply });
    const t1 = now();
    offset[host] = serverTime - (t0 + t1) / 2;
    return offset[host]!;
  }

  return {
    budget,
    syncTime,

    /**
     * A WebSocket API request's params, signed: the key, a timestamp on the server's clock, and the
     * signature of every param sorted by name (Binance's rule for the WebSocket API).
     */
    async signedWsParams(params: Record<string, string | number> = {}): Promise<Record<string, string | number>> {
      if (!opts.key) throw new BinanceError(NO_KEY);
      if (offset.spot === undefined) await syncTime('spot');
      const all: Record<string, string | number> = { ...params, apiKey: opts.key.apiKey, timestamp: Math.round(now() + (offset.spot ?? 0)) };
      const payload = Object.keys(all)
        .sort()
        .map((k) => `${k}=${all[k]}`)
        .join('&');
      return { ...all, signature: await signature(opts.key, payload) };
    },

    async request<T>(spec: RequestSpec<T>): Promise<T> {
      if (spec.signed && offset[spec.host] === undefined) await syncTime(spec.host);
      try {
        return await send(spec);
      } catch (err) {
        // -1021: the clock drifted. Re-measure and retry once; Binance rejected it, so a resend is safe.
        if (err instanceof BinanceError && err.code === -1021 && spec.signed) {
          await syncTime(spec.host);
          return send(spec);
        }
        throw err;
      }
    },
  };
}

export type Client = ReturnType<typeof createClient>;
