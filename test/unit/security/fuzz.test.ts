import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { route, type Handlers } from '../../../src/background/router';
import { createClient } from '../../../src/binance/client';
import { BinanceError } from '../../../src/binance/errors';
import * as S from '../../../src/binance/schemas';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const content = { id: ID, url: 'https://www.binance.com/en/trade/BTC_USDT?type=spot', tab: { id: 1 }, frameId: 0 };

// Any JSON-ish value, including the shapes attackers try: wrong types, huge numbers, prototype keys.
const hostile = fc.oneof(
  fc.anything({ withBigInt: false, withMap: false, withSet: false, withDate: false, withTypedArray: false }),
  fc.record({ type: fc.constantFrom('hedge/execute', 'hedge/preview', 'keys/save', 'keys/unlock', 'settings/set', 'state/get'), previewId: fc.string(), asset: fc.string(), __proto__: fc.anything() }, { requiredKeys: ['type'] }),
);

describe('the message validator under hostile input', () => {
  it('never calls a handler with a malformed request and never throws', async () => {
    const calls: string[] = [];
    const handlers = new Proxy({}, { get: (_, k) => async () => void calls.push(String(k)) }) as Handlers;
    await fc.assert(
      fc.asyncProperty(hostile, async (raw) => {
        calls.length = 0;
        const reply = await route(raw, content, ID, handlers);
        if (reply.ok) {
          // Only well-formed requests a content script may send get through.
          expect(['ping', 'state/get', 'options/open', 'hedge/view', 'hedge/preview', 'hedge/execute']).toContain((raw as { type: string }).type);
        } else {
          expect(calls).toEqual([]);
          expect(reply.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
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
          expect((err as BinanceError).message).toMatch(/unexpected reply/);
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
