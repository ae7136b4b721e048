/**
 * The API key store. At rest (the extension's IndexedDB) the key and secret exist only sealed under
 * the user's passphrase; the unlocked copy lives in storage.session (memory only, gone when the
 * browser closes, out of reach of content scripts) and is dropped after the idle time.
 */
import { words } from '../core';
import { UserError } from '../shared/user-error';
import type { KeyState } from '../shared/protocol';
import type { ApiKey, KeyType } from '../binance/sign';
import type { Stored, Unlocked } from '../shared/storage';
import { open, seal, type Sealed } from './vault';


/** The key as kept at rest: sealed under the passphrase, with a hint to tell keys apart. */
export interface SealedKey {
  version: 1;
  type: KeyType;
  /** First and last characters of the API key, to tell keys apart without revealing one. */
  hint: string;
  sealed: Sealed;
  savedAt: number;
}

export const keyHint = (apiKey: string): string => (apiKey.length > 10 ? `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}` : '…');

export const lockedError = (): UserError => new UserError('locked', words('errLocked'), words('errLockedDo'));

export interface KeystoreDeps {
  /** At rest: the extension's IndexedDB. */
  sealed: Stored<SealedKey | undefined>;
  /** Unlocked: storage.session. */
  unlocked: Stored<Unlocked | undefined>;
  now: () => number;
  iterations?: number;
}

export function createKeystore({ sealed, unlocked, now, iterations }: KeystoreDeps) {
  return {
    async state(): Promise<{ keys: KeyState; hint?: string; type?: KeyType }> {
      const kept = await sealed.get();
      if (!kept) return { keys: 'none' };
      return { keys: (await unlocked.get()) ? 'unlocked' : 'locked', hint: kept.hint, type: kept.type };
    },

    /** Seals and stores the key, replacing any earlier one, and leaves it unlocked. */
    async save(key: ApiKey, passphrase: string): Promise<void> {
      if (passphrase.length < 8) {
        throw new UserError('weak-passphrase', words('errWeakPassphrase'), words('errWeakPassphraseDo'));
      }
      await sealed.set({ version: 1, type: key.type, hint: keyHint(key.apiKey), sealed: await seal(JSON.stringify(key), passphrase, iterations), savedAt: now() });
      await unlocked.set({ key, lastUsed: now() });
    },

    async unlock(passphrase: string): Promise<void> {
      const kept = await sealed.get();
      if (!kept) throw new UserError('no-keys', words('errNoKeys'), words('errNoKeysDo'));
      const plain = await open(kept.sealed, passphrase);
      if (plain === null) throw new UserError('wrong-passphrase', words('errWrongPassphrase'), words('errWrongPassphraseDo'));
      await unlocked.set({ key: JSON.parse(plain) as ApiKey, lastUsed: now() });
    },

    lock: (): Promise<void> => unlocked.remove(),

    async forget(): Promise<void> {
      await unlocked.remove();
      await sealed.remove();
    },

    /**
     * The unlocked key, or null when locked. A user's action marks the key as in use; background
     * watching (`touch` false) does not, so it never holds off the idle lock.
     */
    async use(touch = true): Promise<ApiKey | null> {
      const current = await unlocked.get();
      if (!current) return null;
      if (touch) await unlocked.set({ ...current, lastUsed: now() });
      return current.key;
    },

    /** Locks when the key has not been used for `idleMs`; returns whether it locked. */
    async lockIfIdle(idleMs: number): Promise<boolean> {
      const current = await unlocked.get();
      if (!current || now() - current.lastUsed < idleMs) return false;
      await unlocked.remove();
      return true;
    },
  };
}

/** Builds before 0.2 kept the sealed key in storage.local, which content scripts can read: move it. */
export async function moveSealedKeyOutOfLocal(legacy: Stored<unknown>, sealed: Stored<SealedKey | undefined>): Promise<void> {
  const old = (await legacy.get()) as SealedKey | undefined;
  if (!old) return;
  if (!(await sealed.get())) await sealed.set(old);
  await legacy.remove();
}

export type Keystore = ReturnType<typeof createKeystore>;
