/**
 * A money button that only acts on a press the user aimed at it. A page can draw a picture over
 * the panel with `pointer-events: none` (clicks pass through to our button), move it off-screen,
 * fade or filter an ancestor, or shrink the viewport; IntersectionObserver v2 (`trackVisibility`)
 * reports an element as visible only while it is fully on screen, unoccluded, unfaded and
 * unfiltered — inside a closed shadow root too. A press counts when it is trusted (made by the
 * user, not a script) and the button has been visible for `minVisibleMs` without a break; a
 * button that just appeared under the pointer (the second click of a double click) is not yet
 * armed. A press on a covered button says so instead of acting.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

/** IntersectionObserver v2's options and entry field (not in TypeScript's DOM types yet). */
type V2Options = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };

/** What a refused press was: something covered the button, it was not fully on screen, or not in sight long enough. */
export type Refusal = 'covered' | 'hidden' | 'early';

const REFUSALS: Record<Exclude<Refusal, 'early'>, string> = { covered: 'refuseCovered', hidden: 'refuseHidden' };

/** What a view says about a refused press; an early one says nothing (the button still shows as arming). */
export const refusalText = (why: Exclude<Refusal, 'early'>): string => t(REFUSALS[why]);

export interface GuardedPress {
  /** Put on the button (a callback ref: the button may mount after the hook, e.g. once data arrives). */
  ref: (el: HTMLButtonElement | null) => void;
  /** The button, once mounted. */
  element: HTMLButtonElement | null;
  /** Visible long enough that a press counts (the button shows as active). */
  armed: boolean;
  /** Wraps the button's action: runs it for a counted press, else reports why not. */
  press: (event: Event, action: () => void) => void;
}

export function useGuardedPress(minVisibleMs: number, onRefused: (why: Refusal) => void): GuardedPress {
  const [element, ref] = useState<HTMLButtonElement | null>(null);
  const visibleSince = useRef<number | null>(null);
  /** Why the button is not visible now: covered, or (partly) off screen. */
  const hiddenBy = useRef<Refusal>('covered');
  const [armed, setArmed] = useState(false);

  useEffect(() => {
    const el = element;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1) as V2Entry | undefined;
        const visible = entry?.isVisible === true && entry.intersectionRatio >= 1;
        clearTimeout(timer);
        if (!visible) {
          hiddenBy.current = entry && entry.intersectionRatio < 1 ? 'hidden' : 'covered';
          visibleSince.current = null;
          setArmed(false);
          return;
        }
        visibleSince.current ??= performance.now();
        timer = setTimeout(() => setArmed(true), Math.max(0, visibleSince.current + minVisibleMs - performance.now()));
      },
      { threshold: [1], trackVisibility: true, delay: 100 } as V2Options,
    );
    observer.observe(el);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [element, minVisibleMs]);

  return {
    ref,
    element,
    armed,
    press(event, action) {
      if (!event.isTrusted) return; // a script's synthetic event: never an order
      const since = visibleSince.current;
      if (since === null) return onRefused(hiddenBy.current);
      if (performance.now() - since < minVisibleMs) return onRefused('early');
      action();
    },
  };
}
