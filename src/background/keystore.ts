/**
 * The API key store. At rest (storage.local) the key and secret exist only sealed under the user's
 * passphrase; the unlocked copy lives in storage.session (memory only, gone when the browser
 * closes, out of reach of content scripts) and is dropped after the idle time.
 */
import { UserError } from '../shared/user-error';
import type { KeyState } from '../shared/protocol';
import type { ApiKey, KeyType } from '../binance/sign';
import type { KV } from './kv';
import { open, seal, type Sealed } from './vault';


interface StoredKey {
  version: 1;
  type: KeyType;
  /** First and last characters of the API key, to tell keys apart without revealing one. */
  hint: string;
  sealed: Sealed;
  savedAt: number;
}

interface Unlocked {
  key: ApiKey;
  lastUsed: number;
}

const STORED = 'keystore';
const SESSION = 'unlocked';

export const keyHint = (apiKey: string): string => (apiKey.length > 10 ? `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}` : '…');

export interface KeystoreDeps {
  local: KV;
  session: KV;
  now: () => number;
  iterations?: number;
}

export function createKeystore({ local, session, now, iterations }: KeystoreDeps) {
  return {
    async state(): Promise<{ keys: KeyState; hint?: string; type?: KeyType }> {
      const stored = await local.get<StoredKey>(STORED);
      if (!stored) return { keys: 'none' };
      const unlocked = await session.get<Unlocked>(SESSION);
      return { keys: unlocked ? 'unlocked' : 'locked', hint: stored.hint, type: stored.type };
    },

    /** Seals and stores the key, replacing any earlier one, and leaves it unlocked. */
    async save(key: ApiKey, passphrase: string): Promise<void> {
      if (passphrase.length < 8) {
        throw new UserError('weak-passphrase', 'The passphrase is too short.', 'Use at least 8 characters; a phrase of several words is best.');
      }
      const sealed = await seal(JSON.stringify(key), passphrase, iterations);
      const stored: StoredKey = { version: 1, type: key.type, hint: keyHint(key.apiKey), sealed, savedAt: now() };
      await local.set(STORED, stored);
      await session.set(SESSION, { key, lastUsed: now() } satisfies Unlocked);
    },

    async unlock(passphrase: string): Promise<void> {
      const stored = await local.get<StoredKey>(STORED);
      if (!stored) throw new UserError('no-keys', 'No API key is saved yet.', 'Add your Binance API key in the options page.');
      const plain = await open(stored.sealed, passphrase);
      if (plain === null) throw new UserError('wrong-passphrase', 'That passphrase does not unlock the saved key.', 'Check it and try again.');
      await session.set(SESSION, { key: JSON.parse(plain) as ApiKey, lastUsed: now() } satisfies Unlocked);
    },

    lock: (): Promise<void> => session.remove(SESSION),

    async forget(): Promise<void> {
      await session.remove(SESSION);
      await local.remove(STORED);
    },

    /**
     * The unlocked key, or null when locked. A user's action marks the key as in use; background
     * watching (`touch` false) does not, so it never holds off the idle lock.
     */
    async use(touch = true): Promise<ApiKey | null> {
      const unlocked = await session.get<Unlocked>(SESSION);
      if (!unlocked) return null;
      if (touch) await session.set(SESSION, { ...unlocked, lastUsed: now() });
      return unlocked.key;
    },

    /** Locks when the key has not been used for `idleMs`; returns whether it locked. */
    async lockIfIdle(idleMs: number): Promise<boolean> {
      const unlocked = await session.get<Unlocked>(SESSION);
      if (!unlocked || now() - unlocked.lastUsed < idleMs) return false;
      await session.remove(SESSION);
      return true;
    },
  };
}

export type Keystore = ReturnType<typeof createKeystore>;
