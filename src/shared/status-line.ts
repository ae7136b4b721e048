/** The line under every page's title: the key's state and the Binance environment, in words. */
import { ENVIRONMENT_NAME } from '../binance/env';
import { t } from './i18n';
import type { AppState, KeyState } from './protocol';

const KEY_STATE: Record<KeyState, string> = { none: 'commonKeyNone', locked: 'commonKeyLocked', unlocked: 'commonKeyUnlocked' };

/** "locked", "unlocked": the key's state as a word. */
export const keyState = (keys: KeyState): string => t(KEY_STATE[keys]);

/** "Keys: unlocked · production". */
export const statusLine = (app: Pick<AppState, 'keys' | 'environment'>): string => t('commonKeysStatus', keyState(app.keys), t(ENVIRONMENT_NAME[app.environment]));
