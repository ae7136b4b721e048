import { useEffect, useState } from 'preact/hooks';
import { RequestError, send } from '../shared/messaging';
import { unavailable } from '../shared/environments';
import type { Settings } from '../shared/settings';

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
      setMessage({ kind: 'error', text: err instanceof RequestError ? err.message : 'Settings could not be saved.' });
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
      <label>
        Hedge ratio (1 = short the whole spot quantity)
        <input inputMode="decimal" value={settings.hedgeRatio} onInput={(e) => set({ hedgeRatio: e.currentTarget.value })} />
      </label>
      <label>
        Tolerance before rebalancing (0.02 = 2 %)
        <input inputMode="decimal" value={settings.tolerance} onInput={(e) => set({ tolerance: e.currentTarget.value })} />
      </label>
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
        <label>Margin ratio warn <input inputMode="decimal" value={t.marginRatioWarn} onInput={(e) => setT({ marginRatioWarn: e.currentTarget.value })} /></label>
        <label>Margin ratio critical <input inputMode="decimal" value={t.marginRatioCritical} onInput={(e) => setT({ marginRatioCritical: e.currentTarget.value })} /></label>
        <label>Liquidation distance warn <input inputMode="decimal" value={t.liquidationWarn} onInput={(e) => setT({ liquidationWarn: e.currentTarget.value })} /></label>
        <label>Liquidation distance critical <input inputMode="decimal" value={t.liquidationCritical} onInput={(e) => setT({ liquidationCritical: e.currentTarget.value })} /></label>
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
