/**
 * Settings persisted in storage.local, read through the schema so a bad value never breaks the
 * worker, and the part of them the hedge core plans with.
 */
import * as v from 'valibot';
import { UserError } from '../shared/user-error';
import { SettingsSchema, readSettings, type Settings } from '../shared/settings';
import type { Stored } from '../shared/storage';
import { HEDGE_DEFAULTS, words, type HedgeSettings } from '../core';

export function settingsStore(stored: Stored<unknown>) {
  return {
    get: async (): Promise<Settings> => readSettings(await stored.get()),
    async set(patch: Record<string, unknown>): Promise<Settings> {
      const current = readSettings(await stored.get());
      const parsed = v.safeParse(SettingsSchema, { ...current, ...patch });
      if (!parsed.success) {
        const field = parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? 'a setting';
        throw new UserError('bad-setting', words('errBadSetting', field), words('errBadSettingDo'));
      }
      await stored.set(parsed.output);
      return parsed.output;
    },
  };
}

export type SettingsStore = ReturnType<typeof settingsStore>;

/** What the core plans with: the user's ratio, tolerance and exclusions over the core's defaults. */
export const hedgeSettings = (s: Settings): HedgeSettings => ({
  ...HEDGE_DEFAULTS,
  hedgeRatio: s.hedgeRatio,
  ratios: s.ratios,
  tolerance: s.tolerance,
  wallets: s.wallets,
  includeLocked: s.includeLocked,
  ignore: s.ignore,
});
