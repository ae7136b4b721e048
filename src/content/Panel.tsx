/**
 * The panel on a Binance spot page: the live hedge of the page's base asset with its one button,
 * the hedge flow (preview, confirm, progress) and its outcome above the live view — so a change
 * after an order, and the button for it, stay in sight. It asks for a key when there is none or it
 * is locked, can be dragged by its title and folded to a pill, and follows the background's
 * 'changed' events.
 */
import { say, t } from '../shared/i18n';
import { useEffect, useState } from 'preact/hooks';
import { ConfirmBox } from '../shared/ConfirmBox';
import { environmentMark } from '../shared/environments';
import { describeError } from '../shared/describe-error';
import { FlowOutcome } from '../shared/FlowOutcome';
import type { AssetView } from '../shared/hedge-types';
import { send } from '../shared/messaging';
import type { ErrorInfo, KeyState } from '../shared/protocol';
import { useHedgeFlow } from '../shared/useHedgeFlow';
import { refusalText, useGuardedPress, type Refusal } from '../shared/useGuardedPress';
import type { Pair } from './binance-url';
import { HedgeView } from './HedgeView';
import { usePrefs } from './usePrefs';

/** How long the action button must have been fully in sight before a press counts. */
const ACTION_ARMS_AFTER_MS = 300;

export function Panel({ pair }: { pair: Pair }) {
  const [keys, setKeys] = useState<KeyState | null>(null);
  const [view, setView] = useState<AssetView | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [mark, setMark] = useState<string | null>(null);
  const [prefs, setPrefs] = usePrefs();
  const [refused, setRefused] = useState<Refusal | null>(null);
  // The action only opens the confirm step, but a page must not open it for the user either.
  const action = useGuardedPress(ACTION_ARMS_AFTER_MS, setRefused);

  async function load(): Promise<void> {
    try {
      const state = await send({ type: 'state/get' });
      setMark(environmentMark(state));
      setKeys(state.keys);
      if (state.keys === 'unlocked') setView(await send({ type: 'hedge/view', asset: pair.base }));
      setLoadError(null);
    } catch (err) {
      setLoadError(describeError(err));
    }
  }

  const flow = useHedgeFlow({
    onChanged: (assets) => assets.includes(pair.base) && void load(),
    // The result carries the asset as re-read after the fill; without it (a failure, a failed re-read) read it now.
    onExecuted: (results) => {
      const fresh = results[0]?.view;
      if (fresh) setView(fresh);
      else void load();
    },
  });

  useEffect(() => void load(), [pair.base]);

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
      <button class="pill" style={place} onClick={() => setPrefs({ collapsed: false })} aria-label={t('panelOpen')} data-testid="pill">
        🛡 {pair.base}
        {view && <span class={`dot s-${view.status}`} />}
        {mark && <span class="demo">{mark}</span>}
      </button>
    );
  }

  const live = keys === 'unlocked' ? view : null;
  const confirming = flow.confirming?.previews[0];
  return (
    <section class="panel" style={place} aria-label={t('panelLabel')} data-testid="panel">
      <header class="title" onPointerDown={drag}>
        <span>
          {t('extShortName')} · <span data-testid="pair">{pair.base}/{pair.quote}</span>
          {mark && <span class="demo" data-testid="demo">{mark}</span>}
        </span>
        <button class="icon" onClick={() => setPrefs({ collapsed: true })} aria-label={t('panelCollapse')} data-testid="collapse">
          –
        </button>
      </header>
      {keys === null && !loadError && <div class="muted">{t('commonLoading')}</div>}
      {(keys === 'none' || keys === 'locked') && (
        <div data-testid="nokey">
          <p>{t(keys === 'none' ? 'panelNoKey' : 'errLocked')}</p>
          <button class="primary" onClick={() => void send({ type: 'options/open' }).catch(() => undefined)} data-testid="open-options">
            {t(keys === 'none' ? 'commonAddApiKey' : 'commonUnlock')}
          </button>
        </div>
      )}
      {loadError && <FlowOutcome outcome={{ kind: 'failed', ...loadError }} onDismiss={() => void load()} dismissLabel={t('panelRetry')} />}
      {flow.outcome && <FlowOutcome outcome={flow.outcome} onDismiss={flow.dismiss} />}
      {live && <HedgeView view={live} />}
      {confirming ? (
        <ConfirmBox preview={confirming} running={flow.running?.step ?? null} onConfirm={flow.confirm} onCancel={flow.cancel} onRoute={(route) => flow.review(confirming.asset, confirming.intent, route)} />
      ) : (
        live?.action && (
          <button
            ref={action.ref}
            class={action.armed ? 'primary wide' : 'primary wide arming'}
            disabled={flow.busy}
            aria-disabled={!action.armed}
            data-armed={String(action.armed)}
            onClick={(e) => {
              setRefused(null);
              action.press(e, () => flow.review(pair.base, live.action!.intent));
            }}
            data-testid="action"
          >
            {say(live.action.label)}
          </button>
        )
      )}
      {refused && refused !== 'early' && !confirming && (
        <p class="refused" role="alert" data-testid="refused">{refusalText(refused)}</p>
      )}
    </section>
  );
}
