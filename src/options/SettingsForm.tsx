/**
 * The settings form: environment, how much to hedge and when to rebalance, leverage and margin
 * mode, warning thresholds, auto top-up, auto-lock and notifications. Ratios and distances are
 * typed and shown as percentages ("50 %"); the settings keep the fractions core computes with
 * ("0.5"), converted at this form's edge without float arithmetic.
 */
import { t } from '../shared/i18n';
import { useEffect, useState } from 'preact/hooks';
import { unavailable } from '../shared/environments';
import { errorText } from '../shared/describe-error';
import { send } from '../shared/messaging';
import type { Settings } from '../shared/settings';
import { fromPercent, toPercent } from '../shared/percent';
import { WALLETS, walletName } from '../shared/holdings';

/** A fraction entered as a percentage; the browser refuses to submit text that is not a number. */
function PercentField({ label, value, onChange }: { label: string; value: string; onChange: (fraction: string) => void }) {
  const [text, setText] = useState(() => toPercent(value));
  return (
    <label>
      {label}
      <span class="suffixed">
        <input
          inputMode="decimal"
          required
          pattern="\s*(\d+\.?\d*|\.\d+)\s*"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            const fraction = fromPercent(e.currentTarget.value);
            if (fraction !== null) onChange(fraction);
          }}
        />
        %
      </span>
    </label>
  );
}

/** Target ratios of single assets, over the global one: each editable and removable, new ones added by name. */
function AssetRatios({ ratios, global, onChange }: { ratios: Record<string, string>; global: string; onChange: (r: Record<string, string>) => void }) {
  const [asset, setAsset] = useState('');
  const add = () => {
    const name = asset.trim().toUpperCase();
    if (/^[A-Z0-9]{1,20}$/.test(name) && !(name in ratios)) onChange({ ...ratios, [name]: global });
    setAsset('');
  };
  return (
    <fieldset data-testid="asset-ratios">
      <legend>{t('optionsAssetRatios')}</legend>
      {Object.entries(ratios).map(([name, ratio]) => (
        <div key={name} class="inline">
          <PercentField label={name} value={ratio} onChange={(r) => onChange({ ...ratios, [name]: r })} />
          <button type="button" class="secondary" onClick={() => onChange(Object.fromEntries(Object.entries(ratios).filter(([a]) => a !== name)))}>
            {t('commonRemove')}
          </button>
        </div>
      ))}
      <div class="inline">
        <input aria-label={t('optionsAssetRatioAsset')} placeholder="BTC" value={asset} onInput={(e) => setAsset(e.currentTarget.value)} size={8} />
        <button type="button" class="secondary" onClick={add}>{t('optionsAssetRatioAdd')}</button>
      </div>
    </fieldset>
  );
}

export function SettingsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    send({ type: 'settings/get' }).then(setSettings, () => setMessage({ kind: 'error', text: t('optionsSettingsNotLoaded') }));
  }, []);
  if (!settings) return null;

  const limits = settings.thresholds;
  const set = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  const setLimits = (patch: Partial<Settings['thresholds']>) => set({ thresholds: { ...limits, ...patch } });

  async function save(e: Event) {
    e.preventDefault();
    try {
      setSettings(await send({ type: 'settings/set', settings: settings as unknown as Record<string, unknown> }));
      setMessage({ kind: 'ok', text: t('optionsSettingsSaved') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  }

  return (
    <form onSubmit={save} class="stack" aria-labelledby="settings-h">
      <h2 id="settings-h">{t('optionsSettings')}</h2>
      <label>
        {t('optionsEnvironment')}
        <select value={settings.environment} onChange={(e) => set({ environment: e.currentTarget.value as Settings['environment'] })}>
          <option value="production">{t('optionsEnvProduction')}</option>
          <option value="testnet">{t('optionsEnvTestnet')}</option>
          <option value="demo">{t('optionsEnvDemo')}</option>
        </select>
      </label>
      {unavailable(settings.environment).map((id) => (
        <p key={id} class="warnings" data-testid="env-unavailable">{t(id)}</p>
      ))}
      <PercentField label={t('optionsHedgeRatio')} value={settings.hedgeRatio} onChange={(hedgeRatio) => set({ hedgeRatio })} />
      <PercentField label={t('optionsTolerance')} value={settings.tolerance} onChange={(tolerance) => set({ tolerance })} />
      <label>
        {t('optionsLeverage')}
        <input type="number" min={1} max={125} value={settings.leverage} onInput={(e) => set({ leverage: Number(e.currentTarget.value) })} />
      </label>
      <label>
        {t('optionsMarginMode')}
        <select value={settings.marginType} onChange={(e) => set({ marginType: e.currentTarget.value as Settings['marginType'] })}>
          <option value="CROSSED">{t('optionsCross')}</option>
          <option value="ISOLATED">{t('optionsIsolated')}</option>
        </select>
      </label>
      <label>
        {t('optionsIncludeLocked')}
        <input type="checkbox" checked={settings.includeLocked} onChange={(e) => set({ includeLocked: e.currentTarget.checked })} />
      </label>
      <fieldset data-testid="wallets">
        <legend>{t('optionsWallets')}</legend>
        {WALLETS.map((w) => (
          <label key={w}>
            {walletName(w)}
            <input
              type="checkbox"
              name={`wallet-${w}`}
              checked={settings.wallets.includes(w)}
              onChange={(e) => set({ wallets: e.currentTarget.checked ? WALLETS.filter((x) => x === w || settings.wallets.includes(x)) : settings.wallets.filter((x) => x !== w) })}
            />
          </label>
        ))}
      </fieldset>
      <AssetRatios ratios={settings.ratios} global={settings.hedgeRatio} onChange={(ratios) => set({ ratios })} />
      <fieldset>
        <legend>{t('commonWarnings')}</legend>
        <PercentField label={t('optionsMarginRatioWarn')} value={limits.marginRatioWarn} onChange={(marginRatioWarn) => setLimits({ marginRatioWarn })} />
        <PercentField label={t('optionsMarginRatioCritical')} value={limits.marginRatioCritical} onChange={(marginRatioCritical) => setLimits({ marginRatioCritical })} />
        <PercentField label={t('optionsLiquidationWarn')} value={limits.liquidationWarn} onChange={(liquidationWarn) => setLimits({ liquidationWarn })} />
        <PercentField label={t('optionsLiquidationCritical')} value={limits.liquidationCritical} onChange={(liquidationCritical) => setLimits({ liquidationCritical })} />
        <label>{t('optionsFundingCost')} <input inputMode="decimal" value={limits.fundingCostUsdt} onInput={(e) => setLimits({ fundingCostUsdt: e.currentTarget.value })} /></label>
      </fieldset>
      <fieldset data-testid="guard">
        <legend>{t('optionsGuard')}</legend>
        {/* What it does and what it costs, before it can be switched on. */}
        <p class="muted">{t('optionsGuardExplain')}</p>
        <label>
          {t('optionsGuardEnable')}
          <input type="checkbox" name="guard" checked={settings.guard.enabled} onChange={(e) => set({ guard: { ...settings.guard, enabled: e.currentTarget.checked } })} />
        </label>
        <PercentField label={t('optionsGuardDistance')} value={settings.guard.distance} onChange={(distance) => set({ guard: { ...settings.guard, distance } })} />
      </fieldset>
      <fieldset>
        <legend>{t('optionsAutoTopUp')}</legend>
        <label>
          {t('optionsAutoTopUpEnable')}
          <input type="checkbox" name="autoTopUp" checked={settings.autoTopUp.enabled} onChange={(e) => set({ autoTopUp: { ...settings.autoTopUp, enabled: e.currentTarget.checked } })} />
        </label>
        <label>
          {t('optionsAutoTopUpCap')}
          <input inputMode="decimal" name="autoTopUpCap" value={settings.autoTopUp.dailyCapUsdt} onInput={(e) => set({ autoTopUp: { ...settings.autoTopUp, dailyCapUsdt: e.currentTarget.value } })} />
        </label>
      </fieldset>
      <label>
        {t('optionsAutoLock')}
        <input type="number" min={1} max={1440} value={settings.autoLockMinutes} onInput={(e) => set({ autoLockMinutes: Number(e.currentTarget.value) })} />
      </label>
      <label>
        {t('optionsNotifications')}
        <input type="checkbox" checked={settings.notifications} onChange={(e) => set({ notifications: e.currentTarget.checked })} />
      </label>
      <button type="submit">{t('optionsSaveSettings')}</button>
      {message && <p class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
    </form>
  );
}
