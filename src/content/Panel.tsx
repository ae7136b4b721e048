import { useEffect, useRef, useState } from 'preact/hooks';
import { RequestError, send } from '../shared/messaging';
import type { ErrorInfo } from '../shared/protocol';
import type { AssetView, HedgeResult, Preview, Step } from '../shared/hedge-types';
import type { Pair } from './binance-url';
import { ConfirmBox } from '../shared/ConfirmBox';
import { subscribe } from '../shared/listen';
import { environmentMark } from '../shared/environments';
import { HedgeView } from './HedgeView';
import { usePrefs } from './usePrefs';

type Phase =
  | { kind: 'loading' }
  | { kind: 'nokey'; keys: 'none' | 'locked' }
  | { kind: 'view' }
  | { kind: 'confirm'; preview: Preview; running: Step | null }
  | { kind: 'done'; result: HedgeResult }
  | { kind: 'error'; error: ErrorInfo };

const info = (err: unknown): ErrorInfo =>
  err instanceof RequestError ? err.info : { code: 'internal', message: 'The extension could not do that.', action: 'Try again.' };

export function Panel({ pair }: { pair: Pair }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [view, setView] = useState<AssetView | null>(null);
  const [mark, setMark] = useState<string | null>(null);
  const [prefs, setPrefs] = usePrefs();
  const busy = useRef(false);

  async function load(): Promise<void> {
    try {
      const state = await send({ type: 'state/get' });
      setMark(environmentMark(state));
      if (state.keys !== 'unlocked') return setPhase({ kind: 'nokey', keys: state.keys });
      setView(await send({ type: 'hedge/view', asset: pair.base }));
      setPhase((p) => (p.kind === 'loading' || p.kind === 'nokey' ? { kind: 'view' } : p));
    } catch (err) {
      setPhase({ kind: 'error', error: info(err) });
    }
  }

  useEffect(() => {
    const lifetime = new AbortController();
    void load();
    subscribe((e) => {
      if (e.type === 'progress') setPhase((p) => (p.kind === 'confirm' && p.preview.id === e.previewId ? { ...p, running: e.step } : p));
      if (e.type === 'changed' && e.assets.includes(pair.base) && !busy.current) void load();
    }, lifetime.signal);
    return () => lifetime.abort();
  }, [pair.base]);

  async function preview(): Promise<void> {
    if (!view?.action || busy.current) return;
    busy.current = true;
    try {
      const p = await send({ type: 'hedge/preview', asset: pair.base, intent: view.action.intent });
      setPhase({ kind: 'confirm', preview: p, running: null });
    } catch (err) {
      setPhase({ kind: 'error', error: info(err) });
    } finally {
      busy.current = false;
    }
  }

  async function confirm(p: Preview): Promise<void> {
    if (busy.current) return; // a double click sends one request; the background also serializes
    busy.current = true;
    setPhase({ kind: 'confirm', preview: p, running: p.changes.marginType ? 'setting-margin-type' : p.changes.leverage ? 'setting-leverage' : p.transfer ? 'transferring' : 'placing' });
    try {
      const result = await send({ type: 'hedge/execute', previewId: p.id });
      if (result.view) setView(result.view);
      setPhase({ kind: 'done', result });
    } catch (err) {
      setPhase({ kind: 'error', error: info(err) });
      void send({ type: 'hedge/view', asset: pair.base }).then(setView, () => undefined);
    } finally {
      busy.current = false;
    }
  }

  const back = (): void => setPhase({ kind: 'view' });

  // Dragging the title bar moves the panel; the place is remembered.
  function drag(e: PointerEvent): void {
    if ((e.target as HTMLElement).closest('button')) return;
    const start = { x: e.clientX, y: e.clientY, right: prefs.right, bottom: prefs.bottom };
    const el = e.currentTarget as HTMLElement;
    el.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent): void =>
      setPrefs({
        right: Math.max(0, Math.min(innerWidth - 80, start.right - (m.clientX - start.x))),
        bottom: Math.max(0, Math.min(innerHeight - 40, start.bottom - (m.clientY - start.y))),
      });
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', () => el.removeEventListener('pointermove', move), { once: true });
  }

  const place = { right: `${prefs.right}px`, bottom: `${prefs.bottom}px` };

  if (prefs.collapsed) {
    return (
      <button class="pill" style={place} onClick={() => setPrefs({ collapsed: false })} aria-label="Open Spot Hedge panel" data-testid="pill">
        🛡 {pair.base}
        {view && <span class={`dot s-${view.status}`} />}
        {mark && <span class="demo">{mark}</span>}
      </button>
    );
  }

  return (
    <section class="panel" style={place} aria-label="Spot Hedge panel" data-testid="panel">
      <header class="title" onPointerDown={drag}>
        <span>
          Spot Hedge · <span data-testid="pair">{pair.base}/{pair.quote}</span>
          {mark && <span class="demo" data-testid="demo">{mark}</span>}
        </span>
        <button class="icon" onClick={() => setPrefs({ collapsed: true })} aria-label="Collapse panel" data-testid="collapse">
          –
        </button>
      </header>
      {phase.kind === 'loading' && <div class="muted">Loading…</div>}
      {phase.kind === 'nokey' && (
        <div data-testid="nokey">
          <p>{phase.keys === 'none' ? 'Add a Binance API key to see and hedge your holdings.' : 'Your API key is locked.'}</p>
          <button class="primary" onClick={() => void send({ type: 'options/open' }).catch(() => undefined)} data-testid="open-options">
            {phase.keys === 'none' ? 'Add API key' : 'Unlock'}
          </button>
        </div>
      )}
      {view && phase.kind !== 'loading' && phase.kind !== 'nokey' && <HedgeView view={view} />}
      {phase.kind === 'view' && view?.action && (
        <button class="primary wide" onClick={() => void preview()} data-testid="action">
          {view.action.label}
        </button>
      )}
      {phase.kind === 'confirm' && (
        <ConfirmBox preview={phase.preview} running={phase.running} onConfirm={() => void confirm(phase.preview)} onCancel={back} />
      )}
      {phase.kind === 'done' && (
        <div class="result" role="status" data-testid="result">
          <p>{phase.result.message}</p>
          <button class="secondary" onClick={back}>OK</button>
        </div>
      )}
      {phase.kind === 'error' && (
        <div class="error-box" role="alert" data-testid="error">
          <p>{phase.error.message}</p>
          {phase.error.action && <p class="muted">{phase.error.action}</p>}
          <button class="secondary" onClick={() => (view ? back() : void load())}>
            {view ? 'Back' : 'Retry'}
          </button>
        </div>
      )}
    </section>
  );
}
