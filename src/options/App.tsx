/**
 * The options page: the key's state and environment first, then the API key section and the
 * settings. It reads the state once; the key section hands back every state it changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { environmentMark } from '../shared/environments';
import { send } from '../shared/messaging';
import type { AppState } from '../shared/protocol';
import { KeyForm } from './KeyForm';
import { SettingsForm } from './SettingsForm';

export function App() {
  const [state, setState] = useState<AppState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send({ type: 'state/get' }).then(setState, () => setError('The extension background did not answer. Reload this page.'));
  }, []);
  return (
    <main data-testid="options" class="options">
      <h1>Spot Hedge options</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {!state && !error && <p class="muted">Loading…</p>}
      {state && (
        <>
          <p data-testid="status">
            Keys: {state.keys} · {state.environment}
            {environmentMark(state) && <strong class="accent"> · {environmentMark(state)}</strong>}
          </p>
          <KeyForm state={state} onChange={setState} />
          <SettingsForm />
        </>
      )}
    </main>
  );
}
