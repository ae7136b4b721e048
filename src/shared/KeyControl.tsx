/**
 * The key's state at the top of the popup and side panel, with the one action that fits it: add a
 * key (in options), unlock it with the passphrase, or lock it. The passphrase goes straight to the
 * background; nothing here keeps it after the request.
 */
import { useState } from 'preact/hooks';
import { environmentMark } from './environments';
import { errorText } from './describe-error';
import { t } from './i18n';
import { send } from './messaging';
import type { AppState } from './protocol';

export function KeyControl({ app, onChange }: { app: AppState; onChange: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (app.keys === 'none') {
    return (
      <p data-testid="key-control">
        {t('commonNoKeyYet')} <button class="small primary" onClick={() => void send({ type: 'options/open' })}>{t('commonAddApiKey')}</button>
      </p>
    );
  }
  if (app.keys === 'unlocked') {
    return (
      <p data-testid="key-control" class="muted">
        {t('commonKeyUnlockedHint', app.keyHint ?? '')}
        {environmentMark(app) && <strong class="accent"> · {environmentMark(app)}</strong>}{' '}
        <button class="small secondary" onClick={() => void send({ type: 'keys/lock' }).then(onChange)}>{t('commonLock')}</button>
      </p>
    );
  }
  const unlock = async (e: Event) => {
    e.preventDefault();
    try {
      await send({ type: 'keys/unlock', passphrase });
      setPassphrase('');
      onChange();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="row" onSubmit={unlock} data-testid="key-control">
      <input type="password" aria-label={t('commonPassphrase')} placeholder={t('commonPassphraseToUnlock')} value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
      <button type="submit" class="small primary">{t('commonUnlock')}</button>
      {error && <span class="error" role="alert">{error}</span>}
    </form>
  );
}
