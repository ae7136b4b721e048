import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../../src/binance/sign';
import { createKeystore, moveSealedKeyOutOfLocal } from '../../../src/background/keystore';
import { ITEMS, memoryKV, stored, type Item } from '../../../src/shared/storage';
import type { SealedKey } from '../../../src/background/keystore';
import { PBKDF2_ITERATIONS } from '../../../src/background/vault';

const key: ApiKey = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco5cBi6',
  type: 'HMAC',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};

/** The sealed key's place, as IndexedDB keeps it in the extension; a Map here. */
const SEALED: Item<SealedKey | undefined> = { area: 'local', key: 'sealed', fallback: undefined, owner: 'background' };

function setup() {
  const local = memoryKV();
  const session = memoryKV();
  let t = 1_000;
  const areas = { local, session };
  const store = createKeystore({ sealed: stored(areas, SEALED), unlocked: stored(areas, ITEMS.unlocked), now: () => t });
  return { local, session, store, advance: (ms: number) => (t += ms) };
}

describe('keystore', () => {
  it('stores the key only sealed: no secret or API key bytes at rest, and 600k PBKDF2 iterations', async () => {
    const { local, store } = setup();
    await store.save(key, 'correct horse battery');
    const dump = JSON.stringify([...local.data]);
    expect(dump).not.toContain(key.secret);
    expect(dump).not.toContain(key.apiKey);
    expect(dump).not.toContain(btoa(key.secret).slice(0, 16));
    expect(dump).toContain(`"iterations":${PBKDF2_ITERATIONS}`);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('round-trips through lock and unlock with the right passphrase', async () => {
    const { store } = setup();
    await store.save(key, 'correct horse battery');
    expect((await store.state()).keys).toBe('unlocked');
    await store.lock();
    expect(await store.use()).toBeNull();
    expect((await store.state()).keys).toBe('locked');
    await store.unlock('correct horse battery');
    expect(await store.use()).toEqual(key);
  });

  it('refuses a wrong passphrase with a plain message and stays locked', async () => {
    const { store } = setup();
    await store.save(key, 'correct horse battery');
    await store.lock();
    await expect(store.unlock('wrong horse battery')).rejects.toMatchObject({ info: { code: 'wrong-passphrase' } });
    expect((await store.state()).keys).toBe('locked');
  });

  it('uses a fresh salt and IV for every save', async () => {
    const { local, store } = setup();
    await store.save(key, 'correct horse battery');
    const first = JSON.stringify(local.data.get('sealed'));
    await store.save(key, 'correct horse battery');
    const second = JSON.stringify(local.data.get('sealed'));
    expect(first).not.toEqual(second);
  });

  it('locks after the idle time, counted from the last use', async () => {
    const { store, advance } = setup();
    await store.save(key, 'correct horse battery');
    advance(10 * 60_000);
    await store.use();
    advance(20 * 60_000);
    expect(await store.lockIfIdle(30 * 60_000)).toBe(false);
    await store.use(false); // background watching is not use
    advance(10 * 60_000 + 1);
    expect(await store.lockIfIdle(30 * 60_000)).toBe(true);
    expect((await store.state()).keys).toBe('locked');
  });

  it('forgets everything, at rest and in session', async () => {
    const { local, session, store } = setup();
    await store.save(key, 'correct horse battery');
    await store.forget();
    expect(local.data.size + session.data.size).toBe(0);
    expect((await store.state()).keys).toBe('none');
  });

  it('shows only a hint of the API key in its state', async () => {
    const { store } = setup();
    await store.save(key, 'correct horse battery');
    const state = await store.state();
    expect(state.hint).toBe('vmPU…cBi6');
    expect(JSON.stringify(state)).not.toContain(key.apiKey);
  });

  it('rejects a passphrase too short to protect a trading key', async () => {
    const { store } = setup();
    await expect(store.save(key, 'short')).rejects.toMatchObject({ info: { code: 'weak-passphrase' } });
  });
});

describe('where the sealed key lives', () => {
  it('in the extension\'s IndexedDB, not in storage.local (which content scripts can read)', async () => {
    const { backgroundOnSim } = await import('./harness');
    const bg = await backgroundOnSim();
    try {
      expect((await bg.handlers['state/get']({ type: 'state/get' })).keys).toBe('unlocked');
      expect(JSON.stringify([...bg.local.data])).not.toMatch(/sealed|ciphertext/);
      await bg.handlers['keys/lock']({ type: 'keys/lock' });
      await bg.handlers['keys/unlock']({ type: 'keys/unlock', passphrase: 'demo passphrase' });
      expect((await bg.handlers['state/get']({ type: 'state/get' })).keys).toBe('unlocked');
    } finally {
      await bg.sim.close();
    }
  });

  it('a key an older build sealed into storage.local is moved out of it, and a newer one is not overwritten', async () => {
    const local = memoryKV();
    const areas = { local, session: memoryKV() };
    const legacy = stored(areas, ITEMS.legacySealedKey);
    const sealed = stored(areas, SEALED);
    const old = { version: 1, type: 'HMAC', hint: 'old…', sealed: { ciphertext: 'x' }, savedAt: 1 };
    await local.set(ITEMS.legacySealedKey.key, old);
    await moveSealedKeyOutOfLocal(legacy, sealed);
    expect(await sealed.get()).toEqual(old);
    expect(local.data.has(ITEMS.legacySealedKey.key)).toBe(false);
    await local.set(ITEMS.legacySealedKey.key, { ...old, hint: 'older' });
    await moveSealedKeyOutOfLocal(legacy, sealed);
    expect((await sealed.get())?.hint).toBe('old…');
    expect(local.data.has(ITEMS.legacySealedKey.key)).toBe(false);
  });
});
