/**
 * The settings form: environment, how much to hedge and when to rebalance, leverage and margin
 * mode, warning thresholds, auto top-up, auto-lock and notifications. Ratios and distances are
 * typed and shown as percentages ("50 %"); the settings keep the fractions core computes with
 * ("0.5"), converted at this form's edge without float arithmetic.
 */
import { useEffect, useState } from 'preact/hooks';
import { unavailable } from '../shared/environments';
import { errorText } from '../shared/describe-error';
import { send } from '../shared/messaging';
import type { Settings } from '../shared/settings';
import { fromPercent, toPercent } from './percent';

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

export function SettingsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    send({ type: 'settings/get' }).then(setSettings, () => setMessage({ kind: 'error', text: 'Settings could not be loaded.' }));
  }, []);
  if (!settings) return null;

  const t = settings.thresholds;
  const set = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });
  const setT = (patch: Partial<Settings['thresholds']>) => set({ thresholds: { ...t, ...patch } });

  async function save(e: Event) {
    e.preventDefault();
    try {
      setSettings(await send({ type: 'settings/set', settings: settings as unknown as Record<string, unknown> }));
      setMessage({ kind: 'ok', text: 'Settings saved.' });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  }

  return (
    <form onSubmit={save} class="stack" aria-labelledby="settings-h">
      <h2 id="settings-h">Settings</h2>
      <label>
        Environment
        <select value={settings.environment} onChange={(e) => set({ environment: e.currentTarget.value as Settings['environment'] })}>
          <option value="production">Binance (real money)</option>
          <option value="testnet">Testnet (spot testnet + futures testnet)</option>
          <option value="demo">Demo trading (demo-api / demo-fapi)</option>
        </select>
      </label>
      {unavailable(settings.environment).map((text) => (
        <p key={text} class="warnings" data-testid="env-unavailable">{text}</p>
      ))}
      <PercentField label="Hedge ratio (100 % shorts the whole spot quantity)" value={settings.hedgeRatio} onChange={(hedgeRatio) => set({ hedgeRatio })} />
      <PercentField label="Tolerance before rebalancing" value={settings.tolerance} onChange={(tolerance) => set({ tolerance })} />
      <label>
        Leverage for new hedges
        <input type="number" min={1} max={125} value={settings.leverage} onInput={(e) => set({ leverage: Number(e.currentTarget.value) })} />
      </label>
      <label>
        Margin mode
        <select value={settings.marginType} onChange={(e) => set({ marginType: e.currentTarget.value as Settings['marginType'] })}>
          <option value="CROSSED">Cross</option>
          <option value="ISOLATED">Isolated</option>
        </select>
      </label>
      <label>
        Include coins locked in open spot orders
        <input type="checkbox" checked={settings.includeLocked} onChange={(e) => set({ includeLocked: e.currentTarget.checked })} />
      </label>
      <fieldset>
        <legend>Warnings</legend>
        <PercentField label="Margin ratio warn" value={t.marginRatioWarn} onChange={(marginRatioWarn) => setT({ marginRatioWarn })} />
        <PercentField label="Margin ratio critical" value={t.marginRatioCritical} onChange={(marginRatioCritical) => setT({ marginRatioCritical })} />
        <PercentField label="Liquidation distance warn (from the mark price)" value={t.liquidationWarn} onChange={(liquidationWarn) => setT({ liquidationWarn })} />
        <PercentField label="Liquidation distance critical" value={t.liquidationCritical} onChange={(liquidationCritical) => setT({ liquidationCritical })} />
        <label>Funding cost per payment (USDT) <input inputMode="decimal" value={t.fundingCostUsdt} onInput={(e) => setT({ fundingCostUsdt: e.currentTarget.value })} /></label>
      </fieldset>
      <fieldset>
        <legend>Auto top-up</legend>
        <label>
          Move USDT from Spot to Futures when the margin ratio reaches the warning level
          <input type="checkbox" name="autoTopUp" checked={settings.autoTopUp.enabled} onChange={(e) => set({ autoTopUp: { ...settings.autoTopUp, enabled: e.currentTarget.checked } })} />
        </label>
        <label>
          At most this many USDT per 24 h
          <input inputMode="decimal" name="autoTopUpCap" value={settings.autoTopUp.dailyCapUsdt} onInput={(e) => set({ autoTopUp: { ...settings.autoTopUp, dailyCapUsdt: e.currentTarget.value } })} />
        </label>
      </fieldset>
      <label>
        Lock the key after this many idle minutes
        <input type="number" min={1} max={1440} value={settings.autoLockMinutes} onInput={(e) => set({ autoLockMinutes: Number(e.currentTarget.value) })} />
      </label>
      <label>
        Desktop notifications for critical warnings
        <input type="checkbox" checked={settings.notifications} onChange={(e) => set({ notifications: e.currentTarget.checked })} />
      </label>
      <button type="submit">Save settings</button>
      {message && <p class={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
    </form>
  );
}
