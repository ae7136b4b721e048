/**
 * The one preview → confirm → execute → outcome flow every view runs (the content panel, the side
 * panel's rows and its "hedge all"): it asks for the preview, holds it for the user's confirm,
 * executes the confirmed previews in order with the progress steps the background pushes, and ends
 * with one outcome in the same words everywhere. A click while a request is out does nothing (a
 * double click sends one order). An order the background is still settling is no failure: the
 * outcome says "Checking with Binance" until the background reports the asset changed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { words, type Words } from '../core/words';
import { describeError, isSettling } from './describe-error';
import type { BatchPreview, HedgeResult, Intent, Preview, Step } from './hedge-types';
import { subscribe } from './listen';
import { RequestError, send } from './messaging';
import { firstStep } from './steps';

export interface Outcome {
  kind: 'done' | 'checking' | 'failed';
  /** The assets it concerns: a 'changed' event for one of them ends a 'checking' outcome. */
  assets: string[];
  /** It ended a "hedge all". */
  batch: boolean;
  message: Words;
  action?: Words;
}

export interface FlowState {
  /** A preview is being asked for. */
  reviewing: boolean;
  /** The previews awaiting the user's confirm, in the order they run; `batch` when they came from "hedge all". */
  confirming: { previews: Preview[]; batch: BatchPreview | null } | null;
  /** While the confirmed previews run: which one, and its step. */
  running: { index: number; step: Step } | null;
  outcome: Outcome | null;
}

export interface HedgeFlow extends FlowState {
  /** A request is out: the view's buttons wait. */
  busy: boolean;
  /** Previews a hedge, on the futures asked (`route`) or the one that works. */
  review(asset: string, intent: Intent, route?: Preview['family']): void;
  reviewAll(): void;
  confirm(): void;
  cancel(): void;
  dismiss(): void;
}

export interface FlowOptions {
  /** The background reported these assets changed while no request of this flow was out. */
  onChanged?: (assets: string[]) => void;
  /** Confirmed previews ran (all, or up to a failure): the view re-reads what it shows. */
  onExecuted?: (results: HedgeResult[]) => void;
}

const IDLE: FlowState = { reviewing: false, confirming: null, running: null, outcome: null };

/** `stopped`: a "hedge all" where `stopped.done` were hedged and the first asset of `assets` was not. */
function failure(err: unknown, assets: string[], batch: boolean, stopped?: { done: string[] }): Outcome {
  const info = describeError(err);
  // 'unreachable' from an execute: the worker stopped mid-order, and its restart settles the order.
  const settling = isSettling(info) || info.code === 'unreachable';
  const message = stopped
    ? words('flowBatchSome', stopped.done.length ? stopped.done.join(', ') : words('flowNothingHedged'), assets[0]!, info.message)
    : info.message;
  return { kind: settling ? 'checking' : 'failed', assets, batch, message, ...(info.action ? { action: info.action } : {}) };
}

export function useHedgeFlow(options: FlowOptions = {}): HedgeFlow {
  const [state, setState] = useState<FlowState>(IDLE);
  const busy = useRef(false);
  const latest = useRef({ state, options });
  latest.current = { state, options };

  useEffect(() => {
    const lifetime = new AbortController();
    subscribe((e) => {
      if (e.type === 'progress') {
        // A batch reports the step of any of its orders; they move together.
        setState((s) => (s.running && s.confirming?.previews.some((p) => p.id === e.previewId) ? { ...s, running: { ...s.running, step: e.step } } : s));
        return;
      }
      setState((s) => (s.outcome?.kind === 'checking' && s.outcome.assets.some((a) => e.assets.includes(a)) ? { ...s, outcome: null } : s));
      if (!busy.current) latest.current.options.onChanged?.(e.assets);
    }, lifetime.signal);
    return () => lifetime.abort();
  }, []);

  async function exclusive(work: () => Promise<void>): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    try {
      await work();
    } finally {
      busy.current = false;
    }
  }

  const review = (ask: () => Promise<{ previews: Preview[]; batch: BatchPreview | null }>, assets: string[], batch: boolean): Promise<void> =>
    exclusive(async () => {
      setState({ ...IDLE, reviewing: true });
      try {
        setState({ ...IDLE, confirming: await ask() });
      } catch (err) {
        setState({ ...IDLE, outcome: failure(err, assets, batch) });
      }
    });

  const confirm = (): Promise<void> =>
    exclusive(async () => {
      const confirming = latest.current.state.confirming;
      if (!confirming || confirming.previews.length === 0) return;
      const { previews, batch } = confirming;
      const results: HedgeResult[] = [];
      let outcome: Outcome | null = null;
      if (batch) {
        // "Hedge all" goes as one request: the background sends the orders in batches.
        setState((s) => ({ ...s, running: { index: 0, step: firstStep(previews[0]!) } }));
        try {
          const { results: out } = await send({ type: 'hedge/execute-all', previewIds: previews.map((p) => p.id) });
          for (const r of out) if (r.ok) results.push(r.result);
          const done = previews.filter((_, i) => out[i]?.ok).map((p) => p.asset);
          const missed = out.findIndex((r) => !r.ok);
          const refused = out[missed];
          if (refused && !refused.ok) outcome = failure(new RequestError(refused.error), [previews[missed]!.asset], true, { done });
        } catch (err) {
          outcome = failure(err, previews.map((p) => p.asset), true, { done: [] });
        }
      } else {
        const p = previews[0]!;
        setState((s) => ({ ...s, running: { index: 0, step: firstStep(p) } }));
        try {
          results.push(await send({ type: 'hedge/execute', previewId: p.id }));
        } catch (err) {
          outcome = failure(err, [p.asset], false);
        }
      }
      const assets = previews.map((p) => p.asset);
      outcome ??= { kind: 'done', assets, batch: batch !== null, message: batch ? words('flowBatchDone', assets.join(', ')) : results[0]!.message };
      setState({ ...IDLE, outcome });
      latest.current.options.onExecuted?.(results);
    });

  return {
    ...state,
    busy: state.reviewing || state.running !== null,
    review: (asset, intent, route) =>
      void review(async () => ({ previews: [await send({ type: 'hedge/preview', asset, intent, ...(route ? { route } : {}) })], batch: null }), [asset], false),
    reviewAll: () =>
      void review(
        async () => {
          const batch = await send({ type: 'hedge/preview-all' });
          return { previews: batch.previews, batch };
        },
        [],
        true,
      ),
    confirm: () => void confirm(),
    cancel: () => {
      if (!busy.current) setState(IDLE);
    },
    dismiss: () => setState((s) => ({ ...s, outcome: null })),
  };
}
