/**
 * The background's request handlers, built from explicit dependencies (no module reaches into
 * another's state), so the whole set can be tested with in-memory storage and the simulator.
 * Every failure reaches the views as a UserError (explainFailures).
 */
import type { ApiRestrictions } from '../binance/exchange';
import type { ApiKey } from '../binance/sign';
import type { Dashboard } from '../shared/hedge-types';
import type { AppState } from '../shared/protocol';
import type { Stored } from '../shared/storage';
import { UserError } from '../shared/user-error';
import { previewAll } from './batch';
import { chartSeries } from './charts';
import { fundingCsv, journalCsv } from './csv';
import { explainFailures } from './explain';
import type { KeyedServices } from './keyed';
import { saveKey } from './keys';
import { lockedError, type Keystore } from './keystore';
import { previewFor } from './route';
import type { Handlers } from './router';
import type { SettingsStore } from './settings-store';
import { viewOf } from './views';

export interface AppDeps {
  version: string;
  keystore: Keystore;
  settings: SettingsStore;
  /** The published dashboard (what a view gets without a refresh). */
  dashboard: Stored<Dashboard | null>;
  /** Set when the extension runs on the bundled simulator (npm start). */
  simulator: Stored<boolean>;
  /** Remembered from the key check: the account uses Portfolio Margin. */
  portfolioMargin: Stored<boolean>;
  /** What Binance says the key may do; null where the environment has no /sapi. */
  restrictions: (key: ApiKey) => Promise<ApiRestrictions | null>;
  openOptions: () => Promise<void>;
  openSidePanel: () => Promise<void>;
  /** The services of the unlocked key; throws a UserError when locked. */
  keyed: () => Promise<KeyedServices>;
  now: () => number;
  newId: () => string;
  /** The key or the settings it is used with changed: drop anything bound to the old ones. */
  onKeyChange: () => void;
  /**
   * Settle unfinished orders shortly: after an unlock (what a stopped worker or browser left), or
   * when Binance would not say whether an order went through.
   */
  reconcileSoon: () => void;
}

export function createHandlers(deps: AppDeps): Handlers {
  const { keystore, settings } = deps;

  async function appState(): Promise<AppState> {
    const [keys, s, simulator] = await Promise.all([keystore.state(), settings.get(), deps.simulator.get()]);
    const state: AppState = { version: deps.version, keys: keys.keys, environment: s.environment, simulator };
    if (keys.hint) state.keyHint = keys.hint;
    return state;
  }

  /** An order whose fate is unknown blocks its asset: settle it soon, and pass the error on. */
  /** Outcomes Binance has not settled yet: reconcile asks about them soon. */
  const unsettled = (err: unknown): boolean => err instanceof UserError && ['order-unknown', 'order-accepted', 'order-pending'].includes(err.info.code);
  const reconcileFirst = (err: unknown): never => {
    if (unsettled(err)) deps.reconcileSoon();
    throw err;
  };

  return explainFailures({
    ping: async () => ({ pong: true, version: deps.version }),
    'state/get': appState,
    'keys/save': async (r) => {
      const reply = await saveKey(
        { key: { apiKey: r.apiKey, type: r.keyType, secret: r.secret }, passphrase: r.passphrase, acknowledgeWithdrawals: r.acknowledgeWithdrawals },
        keystore,
        deps.restrictions,
        // Remembered so a later -2015 from /fapi can be explained as the account type, not the key.
        (check) => deps.portfolioMargin.set(check?.enablePortfolioMarginTrading === true),
      );
      deps.onKeyChange();
      return reply;
    },
    'keys/unlock': async (r) => {
      await keystore.unlock(r.passphrase);
      deps.reconcileSoon();
      return appState();
    },
    'keys/lock': async () => {
      await keystore.lock();
      deps.onKeyChange();
      return appState();
    },
    'keys/forget': async () => {
      await keystore.forget();
      deps.onKeyChange();
      return appState();
    },
    'settings/get': () => settings.get(),
    'settings/set': async (r) => {
      const saved = await settings.set(r.settings);
      deps.onKeyChange();
      // A guard switched on or off, or moved, and the views redrawn with the new targets and days: now
      // when a key is unlocked, else at the next unlock.
      void deps
        .keyed()
        .then(async (k) => {
          await k.guards.sync().catch(() => undefined);
          await k.monitor.refresh();
        }, () => undefined)
        .catch(() => undefined);
      return saved;
    },
    'options/open': async () => {
      await deps.openOptions();
      return null;
    },
    'hedge/view': async (r) => viewOf(r.asset, (await deps.keyed()).market, await settings.get(), deps.now()),
    'hedge/preview': async (r) => {
      const { market, executor } = await deps.keyed();
      await executor.checkSettled(r.asset).catch(reconcileFirst);
      const preview = await previewFor(r.asset, r.intent, r.route, { market, settings: await settings.get(), now: deps.now(), id: deps.newId() });
      return executor.rememberPreview(preview);
    },
    'hedge/execute': async (r) => {
      const { executor, guards, journal } = await deps.keyed();
      const result = await executor.execute(r.previewId).catch(reconcileFirst);
      // The hedge changed: its guard follows (placed, moved or cancelled), after the user has the result.
      const symbol = (await journal.get(result.clientOrderId))?.order.symbol;
      void guards.sync(symbol ? [symbol] : []).catch(() => undefined);
      return result;
    },
    'hedge/execute-all': async (r) => {
      const { executor, guards } = await deps.keyed();
      const ran = await executor.executeAll(r.previewIds);
      if (ran.some(unsettled)) deps.reconcileSoon();
      void guards.sync().catch(() => undefined);
      return { results: ran.map((x) => (x instanceof UserError ? { ok: false as const, error: x.info } : { ok: true as const, result: x })) };
    },
    'hedge/preview-all': async () => {
      const { market, executor } = await deps.keyed();
      const batch = await previewAll(market, await settings.get(), deps.now(), deps.newId);
      for (const p of batch.previews) await executor.rememberPreview(p);
      return batch;
    },
    'dashboard/get': async (r) => {
      const cached = await deps.dashboard.get();
      if (cached && !r.refresh) return cached;
      if ((await keystore.state()).keys !== 'unlocked') {
        if (r.refresh) throw lockedError();
        return cached ?? null;
      }
      const s = await deps.keyed();
      await s.syncIncome().catch(() => 0); // history is a nicety: a failure must not hide the warnings
      return s.monitor.refresh();
    },
    'history/export': async () => {
      const s = await deps.keyed();
      return { journalCsv: journalCsv(await s.journal.recent(100_000)), fundingCsv: fundingCsv(await s.history.funding()) };
    },
    'history/charts': async () => {
      const s = await deps.keyed();
      return chartSeries(await s.history.funding(), await s.chartPoints.all());
    },
    'sidepanel/open': async () => {
      await deps.openSidePanel();
      return null;
    },
  });
}
