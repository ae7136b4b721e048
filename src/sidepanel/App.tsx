import { useRequest } from '../shared/useRequest';

export function App() {
  const state = useRequest({ type: 'state/get' });
  return (
    <main data-testid="sidepanel">
      <h1>Hedge dashboard</h1>
      {state.kind === 'loading' && <p class="muted">Loading…</p>}
      {state.kind === 'error' && <p class="error" role="alert">{state.message}</p>}
      {state.kind === 'ready' && <p data-testid="status">Keys: {state.data.keys} · {state.data.environment}</p>}
    </main>
  );
}
