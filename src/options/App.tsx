/**
 * The options page: the key's state and environment first, then the API key section and the
 * settings. It reads the state once; the key section hands back every state it changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { environmentMark } from '../shared/environments';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';
import type { AppState } from '../shared/protocol';
import { statusLine } from '../shared/status-line';
import { KeyForm } from './KeyForm';
import { SettingsForm } from './SettingsForm';

export function App() {
  const [state, setState] = useState<AppState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: 'state/get' }).then(setState, () => setError(t('optionsNoAnswer')));
  }, []);
  return (
    <main data-testid="options" class="options">
      <h1>{t('optionsTitle')}</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {!state && !error && <p class="muted">{t('commonLoading')}</p>}
      {state && (
        <>
          <p data-testid="status">
            {statusLine(state)}
            {environmentMark(state) && <strong class="accent"> · {environmentMark(state)}</strong>}
          </p>
          <KeyForm state={state} onChange={setState} />
          <SettingsForm />
        </>
      )}
    </main>
  );
}
