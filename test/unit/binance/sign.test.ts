import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign } from '../../../src/binance/sign';

describe('sign', () => {
  it('HMAC-SHA256 hex matches Binance\'s documented example', async () => {
    const key = { apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco5cBi6', type: 'HMAC' as const, secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j' };
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(await sign(key, query)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  it.each([
    ['ED25519', 'ed25519', null],
    ['RSA', 'rsa', 'sha256'],
  ] as const)('%s: base64, URL-encoded, verifiable with the public key', async (type, nodeType, hash) => {
    const pair = nodeType === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const payload = 'symbol=BTCUSDT&timestamp=1';
    const sig = await sign({ apiKey: `k-${type}`, type, secret: pem }, payload);
    expect(sig).not.toMatch(/[+/=]/); // encoded
    expect(verify(hash, Buffer.from(payload), pair.publicKey, Buffer.from(decodeURIComponent(sig), 'base64'))).toBe(true);
  });
});
