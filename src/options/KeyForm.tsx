/**
 * The API key section of options: save a key (checked with Binance first, encrypted with the
 * user's passphrase; a key that can withdraw needs an explicit acknowledgement), unlock, lock or
 * forget it, and what Binance says the key may do. The secret goes to the background and is
 * cleared from the form once saved.
 */
import { number, say, t } from '../shared/i18n';
import { useState } from 'preact/hooks';
import { errorText } from '../shared/describe-error';
import { send } from '../shared/messaging';
import type { AppState, KeyCheck, KeyType } from '../shared/protocol';
import { keyState } from '../shared/status-line';

/** background/vault.ts' PBKDF2_ITERATIONS, which a view may not import. */
const ITERATIONS = '600000';

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
    if (passphrase !== confirm) return setMessage({ kind: 'error', text: t('optionsPassphrasesDiffer') });
    setBusy(true);
    setMessage({ kind: 'ok', text: t('optionsCheckingKey') });
    try {
      const reply = await send({ type: 'keys/save', apiKey: apiKey.trim(), keyType, secret: secret.trim(), passphrase, acknowledgeWithdrawals: ack });
      setCheck(reply.check);
      if (!reply.saved) {
        setMessage({ kind: 'error', text: t('optionsNotSavedWithdraw') });
      } else {
        setSecret('');
        setPassphrase('');
        setConfirm('');
        setMessage({ kind: 'ok', text: t(reply.check ? 'optionsKeySaved' : 'optionsKeySavedUnchecked') });
        onChange(await send({ type: 'state/get' }));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function act(type: 'keys/lock' | 'keys/forget') {
    if (type === 'keys/forget' && !globalThis.confirm(t('optionsForgetConfirm'))) return;
    try {
      onChange(await send({ type }));
      setMessage({ kind: 'ok', text: t(type === 'keys/lock' ? 'optionsLocked' : 'optionsKeyRemoved') });
    } catch (err) {
      fail(err);
    }
  }

  async function unlock(e: Event) {
    e.preventDefault();
    try {
      onChange(await send({ type: 'keys/unlock', passphrase }));
      setPassphrase('');
      setMessage({ kind: 'ok', text: t('optionsUnlocked') });
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">{t('optionsApiKey')}</h2>
      <p data-testid="key-state">
        {state.keys === 'none' ? t('optionsNoKey') : t('optionsKeyState', state.keyHint ?? '', keyState(state.keys))}
      </p>
      {state.keys !== 'none' && (
        <div class="row">
          {state.keys === 'unlocked' ? (
            <button type="button" onClick={() => act('keys/lock')}>{t('commonLock')}</button>
          ) : (
            <form onSubmit={unlock} class="row">
              <input type="password" aria-label={t('commonPassphrase')} placeholder={t('commonPassphrase')} value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
              <button type="submit">{t('commonUnlock')}</button>
            </form>
          )}
          <button type="button" class="danger" onClick={() => act('keys/forget')}>{t('optionsForget')}</button>
        </div>
      )}
      <form onSubmit={save} class="stack" aria-label={t('optionsSaveKeyLabel')}>
        <label>
          {t('optionsApiKey')} <input name="apiKey" autocomplete="off" spellcheck={false} value={apiKey} onInput={(e) => setApiKey(e.currentTarget.value)} required />
        </label>
        <label>
          {t('optionsKeyType')}
          <select name="keyType" value={keyType} onChange={(e) => setKeyType(e.currentTarget.value as KeyType)}>
            <option value="HMAC">{t('optionsKeyTypeHmac')}</option>
            <option value="ED25519">{t('optionsKeyTypePem', 'Ed25519')}</option>
            <option value="RSA">{t('optionsKeyTypePem', 'RSA')}</option>
          </select>
        </label>
        <label>
          {t(keyType === 'HMAC' ? 'optionsSecretKey' : 'optionsPrivateKey')}
          <textarea name="secret" rows={keyType === 'HMAC' ? 1 : 4} autocomplete="off" spellcheck={false} value={secret} onInput={(e) => setSecret(e.currentTarget.value)} required />
        </label>
        <label>
          {t('optionsPassphraseNew')}
          <input name="passphrase" type="password" autocomplete="new-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} required minLength={8} />
        </label>
        <label>
          {t('optionsPassphraseAgain')} <input name="confirm" type="password" autocomplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} required />
        </label>
        {check?.enableWithdrawals && (
          <div class="danger-box" role="alert" data-testid="withdrawal-warning">
            <strong>{t('optionsWithdrawTitle')}</strong> {t('optionsWithdrawWarning')}{' '}
            <label><input type="checkbox" name="ack" checked={ack} onChange={(e) => setAck(e.currentTarget.checked)} /> {t('optionsWithdrawAck')}</label>
          </div>
        )}
        <button type="submit" disabled={busy}>{t(busy ? 'optionsChecking' : 'optionsSaveKey')}</button>
      </form>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="key-message">
          {message.text}
        </p>
      )}
      {check && check.warnings.length > 0 && (
        <ul class="warnings" data-testid="key-warnings">
          {check.warnings.map((w) => <li key={w.id}>{say(w)}</li>)}
        </ul>
      )}
      <p class="muted">{t('optionsRecommended', number(ITERATIONS))}</p>
    </section>
  );
}
