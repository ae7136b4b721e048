/**
 * The background's request handlers, built from explicit dependencies (no module reaches into
 * another's state), so the whole set can be tested with in-memory storage and the simulator.
 */
import { planFor } from '../core';
import { UserError } from '../shared/user-error';
import { explainFailures } from './explain';
import type { AssetView, Dashboard } from '../shared/hedge-types';
import { PORTFOLIO_MARGIN_KEY } from './portfolio-margin';
import type { AppState } from '../shared/protocol';
import type { Executor } from './executor';
import type { ApiKey } from '../binance/sign';
import type { Keystore } from './keystore';
import type { ApiRestrictions } from '../binance/exchange';
import { saveKey } from './keys';
import type { KV } from './kv';
import { fundingCsv, journalCsv } from './csv';
import type { Market } from './market';
import { DASHBOARD_KEY, type Monitor } from './monitor';
import { chartSeries } from './charts';
import type { IncomeHistory, Journal, Snapshots } from './store';
import { previewAll } from './batch';
import { buildPreview } from './preview';
import { hedgeSettings } from './settings-store';
import type { Handlers } from './router';
import type { SettingsStore } from './settings-store';
import { assetView } from './views';

/** The key-bound parts: present only while a key is unlocked. */
export interface Session {
  market: Market;
  executor: Executor;
  monitor: Monitor;
  journal: Journal;
  history: IncomeHistory;
  points: Snapshots;
  /** Brings the income history up to date. */
  syncIncome: () => Promise<number>;
}

export interface AppDeps {
  version: string;
  keystore: Keystore;
  settings: SettingsStore;
  local: KV;
  /** What Binance says the key may do; null where the environment has no /sapi. */
  restrictions: (key: ApiKey) => Promise<ApiRestrictions | null>;
  openOptions: () => Promise<void>;
  openSidePanel: () => Promise<void>;
  /** Market and executor for the unlocked key; throws a UserError when locked. */
  session: () => Promise<Session>;
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

/** What views show for one asset, read from Binance through the cache. */
export async function viewOf(asset: string, market: Market, settings: SettingsStore, now: number): Promise<AssetView> {
  const [snapshot, s, fundingInfo] = await Promise.all([market.snapshot(), settings.get(), market.fundingInfo()]);
  const plan = planFor(asset, snapshot, hedgeSettings(s), 'hedge');
  const premium = plan.symbol ? snapshot.markPrices.find((p) => p.symbol === plan.symbol) : undefined;
  const positions = snapshot.positions.filter((p) => p.symbol === plan.symbol);
  return assetView({ plan, premium, fundingInfo, positions, now });
}

export const lockedError = (): UserError =>
  new UserError('locked', 'Your API key is locked.', 'Unlock it from the toolbar popup or the options page.');

export function createHandlers(deps: AppDeps): Handlers {
  const { keystore, settings } = deps;

  async function appState(): Promise<AppState> {
    const [keys, s, demo] = await Promise.all([keystore.state(), settings.get(), deps.local.get<boolean>('demo')]);
    const state: AppState = { version: deps.version, keys: keys.keys, environment: s.environment, demo: demo === true };
    if (keys.hint) state.keyHint = keys.hint;
    return state;
  }

  /** An order whose fate is unknown blocks its asset: settle it soon, and pass the error on. */
  const reconcileFirst = (err: unknown): never => {
    if (err instanceof UserError && ['order-unknown', 'order-accepted', 'order-pending'].includes(err.info.code)) deps.reconcileSoon();
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
        (check) => deps.local.set(PORTFOLIO_MARGIN_KEY, check?.enablePortfolioMarginTrading === true),
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
      return saved;
    },
    'options/open': async () => {
      await deps.openOptions();
      return null;
    },
    'hedge/view': async (r) => viewOf(r.asset, (await deps.session()).market, settings, deps.now()),
    'hedge/preview': async (r) => {
      const { market, executor } = await deps.session();
      await executor.checkSettled(r.asset).catch(reconcileFirst);
      const preview = await buildPreview(r.asset, r.intent, { market, settings: await settings.get(), now: deps.now(), id: deps.newId() });
      return executor.rememberPreview(preview);
    },
    'hedge/execute': async (r) => {
      const { executor } = await deps.session();
      return executor.execute(r.previewId).catch(reconcileFirst);
    },
    'hedge/preview-all': async () => {
      const { market, executor } = await deps.session();
      const batch = await previewAll(market, await settings.get(), deps.now(), deps.newId);
      for (const p of batch.previews) await executor.rememberPreview(p);
      return batch;
    },
    'dashboard/get': async (r) => {
      const cached = await deps.local.get<Dashboard>(DASHBOARD_KEY);
      if (cached && !r.refresh) return cached;
      if ((await keystore.state()).keys !== 'unlocked') {
        if (r.refresh) throw lockedError();
        return cached ?? null;
      }
      const s = await deps.session();
      await s.syncIncome().catch(() => 0); // history is a nicety: a failure must not hide the warnings
      return s.monitor.refresh();
    },
    'history/export': async () => {
      const s = await deps.session();
      return { journalCsv: journalCsv(await s.journal.recent(100_000)), fundingCsv: fundingCsv(await s.history.funding()) };
    },
    'history/charts': async () => {
      const s = await deps.session();
      return chartSeries(await s.history.funding(), await s.points.all());
    },
    'sidepanel/open': async () => {
      await deps.openSidePanel();
      return null;
    },
  });
}
