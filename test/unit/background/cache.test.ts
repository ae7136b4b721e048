import { describe, expect, it, vi } from 'vitest';
import { ttlCache } from '../../../src/background/cache';

describe('ttlCache', () => {
  it('serves from cache within the TTL and reloads after it', async () => {
    let t = 0;
    const cache = ttlCache(() => t);
    const load = vi.fn(async () => t);
    expect(await cache.get('k', 1000, load)).toBe(0);
    t = 999;
    expect(await cache.get('k', 1000, load)).toBe(0);
    t = 1000;
    expect(await cache.get('k', 1000, load)).toBe(1000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one request among concurrent callers', async () => {
    const cache = ttlCache(() => 0);
    const load = vi.fn(() => new Promise((r) => setTimeout(() => r('x'), 5)));
    expect(await Promise.all([cache.get('k', 1000, load), cache.get('k', 1000, load)])).toEqual(['x', 'x']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failure', async () => {
    const cache = ttlCache(() => 0);
    await expect(cache.get('k', 1000, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', 1000, async () => 'ok')).toBe('ok');
  });

  it('drops entries by prefix', async () => {
    const cache = ttlCache(() => 0);
    await cache.get('positions', 1000, async () => 1);
    await cache.get('exchangeInfo', 1000, async () => 1);
    cache.invalidate('positions');
    expect(await cache.get('positions', 1000, async () => 2)).toBe(2);
    expect(await cache.get('exchangeInfo', 1000, async () => 2)).toBe(1);
  });

  it('a read in flight when its key is dropped is not shared with later callers, nor cached', async () => {
    const cache = ttlCache(() => 0);
    let answer: (v: string) => void = () => undefined;
    const before = cache.get('positions', 1000, () => new Promise<string>((r) => (answer = r)));
    cache.invalidate('positions'); // e.g. a fill arrived while the read was on its way
    const after = cache.get('positions', 1000, async () => 'after the fill');
    answer('before the fill');
    expect(await before).toBe('before the fill');
    expect(await after).toBe('after the fill');
    expect(await cache.get('positions', 1000, async () => 'reloaded')).toBe('after the fill');
  });
});
