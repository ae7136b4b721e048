import { describe, expect, it, vi } from 'vitest';
import { route, senderKind, type Handlers } from '../../../src/background/router';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const content = { id: ID, url: 'https://www.binance.com/en/trade/BTC_USDT?type=spot', tab: { id: 1 }, frameId: 0 };
const popup = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };

function handlers(): Handlers {
  const unused = vi.fn(async () => {
    throw new Error('not under test');
  });
  return {
    ping: vi.fn(async () => ({ pong: true as const, version: '1' })),
    'state/get': vi.fn(async () => ({ version: '1', keys: 'none' as const, environment: 'production' as const, simulator: false })),
    'keys/save': unused,
    'keys/unlock': unused,
    'keys/lock': unused,
    'keys/forget': unused,
    'settings/get': unused,
    'settings/set': unused,
    'options/open': unused,
    'hedge/view': unused,
    'hedge/preview': unused,
    'hedge/execute': unused,
    'hedge/preview-all': unused,
    'hedge/execute-all': unused,
    'dashboard/get': unused,
    'history/export': unused,
    'history/charts': unused,
    'sidepanel/open': unused,
  };
}

describe('senderKind', () => {
  it('accepts the top frame of a binance.com tab as a content script', () => {
    expect(senderKind(content, ID)).toBe('content');
  });
  it('accepts our own pages, in a tab (options) or not (popup)', () => {
    expect(senderKind(popup, ID)).toBe('page');
    expect(senderKind({ ...popup, tab: { id: 3 }, frameId: 0 }, ID)).toBe('page');
  });
  it('rejects other extensions, other origins, iframes and look-alike hosts', () => {
    expect(senderKind({ ...content, id: 'other' }, ID)).toBeNull();
    expect(senderKind({ ...content, frameId: 2 }, ID)).toBeNull();
    expect(senderKind({ ...content, url: 'https://www.binance.com.evil.io/en/trade/BTC_USDT' }, ID)).toBeNull();
    expect(senderKind({ ...content, url: 'https://evil.io/' }, ID)).toBeNull();
    expect(senderKind({ ...content, tab: undefined }, ID)).toBeNull();
    expect(senderKind({ id: ID }, ID)).toBeNull();
  });
});

describe('route', () => {
  it('dispatches a valid request to its handler and wraps the reply', async () => {
    const h = handlers();
    expect(await route({ type: 'ping' }, content, ID, h)).toEqual({ ok: true, data: { pong: true, version: '1' } });
  });

  it('rejects unknown types and malformed fields without calling any handler', async () => {
    const h = handlers();
    for (const bad of [null, 'ping', {}, { type: 'keys/export' }, { type: 'state/get', asset: 'btc<script>' }]) {
      const reply = await route(bad, content, ID, h);
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(h.ping).not.toHaveBeenCalled();
    expect(h['state/get']).not.toHaveBeenCalled();
  });

  it('never accepts a key, passphrase or settings from a content script', async () => {
    const h = handlers();
    const requests = [
      { type: 'keys/save', apiKey: 'a'.repeat(64), keyType: 'HMAC', secret: 's'.repeat(64), passphrase: 'p'.repeat(12), acknowledgeWithdrawals: true },
      { type: 'keys/unlock', passphrase: 'guess' },
      { type: 'keys/forget' },
      { type: 'settings/set', settings: { leverage: 125 } },
    ];
    for (const r of requests) {
      expect(await route(r, content, ID, h)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(h['keys/save']).not.toHaveBeenCalled();
    expect(h['settings/set']).not.toHaveBeenCalled();
  });

  it('rejects a request from a sender that is not allowed before looking at it', async () => {
    const h = handlers();
    const reply = await route({ type: 'ping' }, { ...content, url: 'https://evil.io/' }, ID, h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h.ping).not.toHaveBeenCalled();
  });

  it('turns an unexpected handler failure into a generic message that leaks nothing', async () => {
    const h = handlers();
    h.ping = async () => {
      throw new Error('secret=abc123 stack details');
    };
    const reply = await route({ type: 'ping' }, popup, ID, h);
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain('abc123');
  });
});
