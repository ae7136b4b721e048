/**
 * The API key section of options: save a key (checked with Binance first, encrypted with the
 * user's passphrase; a key that can withdraw needs an explicit acknowledgement), unlock, lock or
 * forget it, and what Binance says the key may do. The secret goes to the background and is
 * cleared from the form once saved.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { send } from '../shared/messaging';
import type { AppState, KeyCheck, KeyType } from '../shared/protocol';

export function KeyForm({ state, onChange }: { state: AppState; onChange: (s: AppState) => void }) {
  const [apiKey, setApiKey] = useState('');
  const [keyType, setKeyType] = useState<KeyType>('HMAC');
  const [secret, setSecret] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [ack, setAck] = useState(false);
  const [check, setCheck] = useState<KeyCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const fail = (err: unknown) => setMessage({ kind: 'error', text: errorText(err) });

  async function save(e: Event) {
    e.preventDefault();
    if (passphrase !== confirm) return setMessage({ kind: 'error', text: 'The two passphrases differ.' });
    setBusy(true);
    setMessage({ kind: 'ok', text: 'Checking the key with Binance…' });
    try {
      const reply = await send({ type: 'keys/save', apiKey: apiKey.trim(), keyType, secret: secret.trim(), passphrase, acknowledgeWithdrawals: ack });
      setCheck(reply.check);
      if (!reply.saved) {
        setMessage({ kind: 'error', text: 'Not saved: this key can withdraw funds. Read the warning below and tick the box to save it anyway.' });
      } else {
        setSecret('');
        setPassphrase('');
        setConfirm('');
        setMessage({ kind: 'ok', text: reply.check ? 'Key saved, encrypted, and unlocked.' : 'Key saved, encrypted, and unlocked. It reads your spot and futures accounts; its other permissions cannot be read in this environment.' });
        onChange(await send({ type: 'state/get' }));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function act(type: 'keys/lock' | 'keys/forget') {
    if (type === 'keys/forget' && !globalThis.confirm('Remove the saved key from this browser?')) return;
    try {
      onChange(await send({ type }));
      setMessage({ kind: 'ok', text: type === 'keys/lock' ? 'Locked.' : 'Key removed.' });
    } catch (err) {
      fail(err);
    }
  }

  async function unlock(e: Event) {
    e.preventDefault();
    try {
      onChange(await send({ type: 'keys/unlock', passphrase }));
      setPassphrase('');
      setMessage({ kind: 'ok', text: 'Unlocked.' });
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">API key</h2>
      <p data-testid="key-state">
        {state.keys === 'none' ? 'No key saved.' : `Key ${state.keyHint ?? ''} — ${state.keys}.`}
      </p>
      {state.keys !== 'none' && (
        <div class="row">
          {state.keys === 'unlocked' ? (
            <button type="button" onClick={() => act('keys/lock')}>Lock</button>
          ) : (
            <form onSubmit={unlock} class="row">
              <input type="password" aria-label="Passphrase" placeholder="Passphrase" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
              <button type="submit">Unlock</button>
            </form>
          )}
          <button type="button" class="danger" onClick={() => act('keys/forget')}>Forget key</button>
        </div>
      )}
      <form onSubmit={save} class="stack" aria-label="Save an API key">
        <label>
          API key <input name="apiKey" autocomplete="off" spellcheck={false} value={apiKey} onInput={(e) => setApiKey(e.currentTarget.value)} required />
        </label>
        <label>
          Key type
          <select name="keyType" value={keyType} onChange={(e) => setKeyType(e.currentTarget.value as KeyType)}>
            <option value="HMAC">HMAC (secret key)</option>
            <option value="ED25519">Ed25519 (private key, PEM)</option>
            <option value="RSA">RSA (private key, PEM)</option>
          </select>
        </label>
        <label>
          {keyType === 'HMAC' ? 'Secret key' : 'Private key (PEM)'}
          <textarea name="secret" rows={keyType === 'HMAC' ? 1 : 4} autocomplete="off" spellcheck={false} value={secret} onInput={(e) => setSecret(e.currentTarget.value)} required />
        </label>
        <label>
          Passphrase (encrypts the key on this computer)
          <input name="passphrase" type="password" autocomplete="new-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} required minLength={8} />
        </label>
        <label>
          Passphrase again <input name="confirm" type="password" autocomplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} required />
        </label>
        {check?.enableWithdrawals && (
          <div class="danger-box" role="alert" data-testid="withdrawal-warning">
            <strong>This key can withdraw funds.</strong> If it ever leaks, your coins can be sent away. The extension never
            withdraws; create a key with withdrawals off. <label><input type="checkbox" name="ack" checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} /> I understand and want to use this key anyway</label>
          </div>
        )}
        <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Check and save key'}</button>
      </form>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="key-message">
          {message.text}
        </p>
      )}
      {check && check.warnings.length > 0 && (
        <ul class="warnings" data-testid="key-warnings">
          {check.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      <p class="muted">
        Recommended: a key with Reading and Futures enabled, withdrawals off, and restricted to your IP addresses. The secret is
        encrypted with your passphrase (AES-GCM, PBKDF2 with 600,000 iterations) and never leaves the extension's background.
      </p>
    </section>
  );
}
