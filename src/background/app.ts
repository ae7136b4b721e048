/**
 * The background's request handlers, built from explicit dependencies (no module reaches into
 * another's state), so the whole set can be tested with in-memory storage and the simulator.
 */
import type { AppState } from '../shared/protocol';
import type { ApiKey, Keystore } from './keystore';
import { saveKey, type ApiRestrictions } from './keys';
import type { KV } from './kv';
import type { Handlers } from './router';
import type { SettingsStore } from './settings-store';

export interface AppDeps {
  version: string;
  keystore: Keystore;
  settings: SettingsStore;
  local: KV;
  /** What Binance says the key may do; null where the environment has no /sapi. */
  restrictions: (key: ApiKey) => Promise<ApiRestrictions | null>;
  openOptions: () => Promise<void>;
}

export function createHandlers(deps: AppDeps): Handlers {
  const { keystore, settings } = deps;

  async function appState(): Promise<AppState> {
    const [keys, s, demo] = await Promise.all([keystore.state(), settings.get(), deps.local.get<boolean>('demo')]);
    const state: AppState = { version: deps.version, keys: keys.keys, environment: s.environment, demo: demo === true };
    if (keys.hint) state.keyHint = keys.hint;
    return state;
  }

  return {
    ping: async () => ({ pong: true, version: deps.version }),
    'state/get': appState,
    'keys/save': (r) =>
      saveKey(
        { key: { apiKey: r.apiKey, type: r.keyType, secret: r.secret }, passphrase: r.passphrase, acknowledgeWithdrawals: r.acknowledgeWithdrawals },
        keystore,
        deps.restrictions,
      ),
    'keys/unlock': async (r) => {
      await keystore.unlock(r.passphrase);
      return appState();
    },
    'keys/lock': async () => {
      await keystore.lock();
      return appState();
    },
    'keys/forget': async () => {
      await keystore.forget();
      return appState();
    },
    'settings/get': () => settings.get(),
    'settings/set': (r) => settings.set(r.settings),
    'options/open': async () => {
      await deps.openOptions();
      return null;
    },
  };
}
