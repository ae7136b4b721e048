import { useEffect, useState } from 'preact/hooks';
import { send, RequestError } from '../shared/messaging';
import type { AppState } from '../shared/protocol';
import type { Pair } from './binance-url';

type Load = { kind: 'loading' } | { kind: 'ready'; state: AppState } | { kind: 'error'; message: string };

export function Panel({ pair }: { pair: Pair }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    send({ type: 'state/get', asset: pair.base })
      .then((state) => live && setLoad({ kind: 'ready', state }))
      .catch((err: unknown) => {
        const message = err instanceof RequestError ? err.message : 'The extension could not load.';
        if (live) setLoad({ kind: 'error', message });
      });
    return () => {
      live = false;
    };
  }, [pair.base]);

  return (
    <section class="panel" aria-label="Spot Hedge panel" data-testid="panel">
      <div class="title">
        <span>
          Spot Hedge · <span data-testid="pair">{pair.base}/{pair.quote}</span>
        </span>
        <span class="accent">{pair.base}</span>
      </div>
      {load.kind === 'loading' && <div class="muted">Loading…</div>}
      {load.kind === 'error' && (
        <div class="error" role="alert" data-testid="error">
          {load.message}
        </div>
      )}
      {load.kind === 'ready' && (
        <div data-testid="status">
          Connected · keys {load.state.keys} · v{load.state.version}
        </div>
      )}
    </section>
  );
}
