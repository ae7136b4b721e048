import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { route, type Handlers } from '../../../src/background/router';
import { createClient } from '../../../src/binance/client';
import { BinanceError } from '../../../src/binance/errors';
import * as S from '../../../src/binance/schemas';
import { requestSchemas } from '../../../src/shared/protocol';
import { said } from '../chrome-i18n';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const content = { id: ID, url: 'https://www.binance.com/en/trade/BTC_USDT?type=spot', tab: { id: 1 }, frameId: 0 };

const TYPES = ['hedge/execute', 'hedge/preview', 'keys/save', 'keys/unlock', 'settings/set', 'state/get'] as const;
const record = fc.record(
  { type: fc.constantFrom(...TYPES), previewId: fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{8,36}$/)), asset: fc.oneof(fc.string(), fc.constantFrom('BTC', 'ETH', '1000PEPE')), intent: fc.constantFrom('hedge', 'close', 'sell') },
  { requiredKeys: ['type'] },
);
// An own "__proto__" key, as JSON.parse (and so a message) makes it: in an object literal
// `__proto__: x` would set the prototype instead and no generated message would carry the key.
const withProtoKey = fc.tuple(record, fc.jsonValue()).map(([r, proto]) => JSON.parse(`{"__proto__":${JSON.stringify(proto)},${JSON.stringify(r).slice(1)}`) as unknown);

// Any JSON-ish value, including the shapes attackers try: wrong types, huge numbers, prototype keys.
const hostile = fc.oneof(fc.anything({ withBigInt: false, withMap: false, withSet: false, withDate: false, withTypedArray: false }), record, withProtoKey);

const CONTENT_MAY = ['ping', 'state/get', 'options/open', 'hedge/view', 'hedge/preview', 'hedge/execute'];

describe('the message validator under hostile input', () => {
  it('never calls a handler with a malformed request and never throws', async () => {
    const calls: { type: string; request: unknown }[] = [];
    const handlers = new Proxy({}, { get: (_, k) => async (request: unknown) => void calls.push({ type: String(k), request }) }) as Handlers;
    const seen = { protoKey: 0, passed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(hostile, async (raw) => {
        calls.length = 0;
        if (raw && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) seen.protoKey++;
        const reply = await route(raw, content, ID, handlers);
        if (reply.ok) {
          seen.passed++;
          // Only well-formed requests a content script may send get through, to their own handler,
          // as the schema's output: declared keys only, no own __proto__, a plain prototype.
          const type = (raw as { type: string }).type as keyof typeof requestSchemas;
          expect(CONTENT_MAY).toContain(type);
          expect(calls.map((c) => c.type)).toEqual([type]);
          const request = calls[0]!.request as Record<string, unknown>;
          expect(v.is(requestSchemas[type], request)).toBe(true);
          expect(Object.keys(request).every((k) => k in requestSchemas[type].entries)).toBe(true);
          expect(Object.hasOwn(request, '__proto__')).toBe(false);
          expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
        } else {
          seen.refused++;
          expect(calls).toEqual([]);
          expect(said(reply.error).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
    // The run exercised what it claims to: own __proto__ keys, requests let through, requests refused.
    expect(seen.protoKey).toBeGreaterThan(0);
    expect(seen.passed).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe('reply parsing under malformed, missing, mistyped and extreme values', () => {
  const schemas: [string, v.GenericSchema][] = [
    ['spot account', S.SpotAccount],
    ['exchangeInfo', S.FuturesExchangeInfo],
    ['premiumIndex', S.PremiumIndex],
    ['positionRisk', v.array(S.PositionRisk)],
    ['account', S.FuturesAccount],
    ['order', S.Order],
    ['apiRestrictions', S.ApiRestrictions],
    ['leverageBracket', v.array(S.LeverageBracket)],
    ['income', v.array(S.Income)],
  ];

  it.each(schemas)('%s: any reply either parses to the declared shape or becomes a clear error', async (_, schema) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.json().map((j) => JSON.parse(j) as unknown)), async (body) => {
        const client = createClient({
          env: 'production',
          fetch: (async () => new Response(JSON.stringify(body) ?? 'null', { status: 200 })) as typeof fetch,
        });
        try {
          await client.request({ method: 'GET', host: 'futures', path: '/fapi/v1/x', schema });
        } catch (err) {
          expect(err).toBeInstanceOf(BinanceError);
          expect(said(err)).toMatch(/unexpected reply/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decimals stay decimal strings: numbers, NaN-ish and exponent forms are refused', () => {
    for (const bad of [97000, 'NaN', 'Infinity', '1e5', '', ' 1', '0x10', '1,000']) {
      expect(v.safeParse(S.Dec, bad).success, String(bad)).toBe(false);
    }
    expect(v.safeParse(S.Dec, '-0.00012300').success).toBe(true);
  });
});
