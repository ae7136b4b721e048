/** A view's request to the background as state: loading, its data, or a message to show. */
import { useEffect, useState } from 'preact/hooks';
import { send, RequestError } from './messaging';
import type { Reply, RequestOf, RequestType } from './protocol';

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; message: string; action?: string };

export function useRequest<K extends RequestType>(request: RequestOf<K>, deps: unknown[] = []): Loaded<Reply<K>> {
  const [state, setState] = useState<Loaded<Reply<K>>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    send(request)
      .then((data) => live && setState({ kind: 'ready', data }))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof RequestError) {
          const { message, action } = err.info;
          setState(action ? { kind: 'error', message, action } : { kind: 'error', message });
        } else setState({ kind: 'error', message: 'The extension could not answer.' });
      });
    return () => {
      live = false;
    };
  }, deps);
  return state;
}
