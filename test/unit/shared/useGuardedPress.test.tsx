// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useGuardedPress, type Refusal } from '../../../src/shared/useGuardedPress';

/** IntersectionObserver v2 as the test drives it: `report` is what Chromium would compute. */
let report: (entry: { isVisible: boolean; intersectionRatio: number }) => void = () => undefined;
class FakeObserver {
  constructor(private cb: (entries: unknown[]) => void) {
    report = (entry) => this.cb([entry]);
  }
  observe(): void {}
  disconnect(): void {}
}

const trusted = { isTrusted: true } as Event;
let refusals: Refusal[];
let pressed: number;

function guard(minMs = 500) {
  const hook = renderHook(() => useGuardedPress(minMs, (why) => refusals.push(why)));
  act(() => hook.result.current.ref(document.createElement('button')));
  return hook.result;
}
const press = (g: { current: ReturnType<typeof useGuardedPress> }, event = trusted) => g.current.press(event, () => pressed++);

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  refusals = [];
  pressed = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useGuardedPress', () => {
  it('acts only once the button has been fully visible for the whole delay, and says when it arms', () => {
    const g = guard();
    act(() => report({ isVisible: true, intersectionRatio: 1 }));
    press(g);
    expect([pressed, refusals, g.current.armed]).toEqual([0, ['early'], false]);
    act(() => void vi.advanceTimersByTime(500));
    expect(g.current.armed).toBe(true);
    press(g);
    expect(pressed).toBe(1);
  });

  it('a covered button refuses and says the page covers it; once uncovered it must arm again', () => {
    const g = guard();
    act(() => report({ isVisible: true, intersectionRatio: 1 }));
    act(() => void vi.advanceTimersByTime(600));
    act(() => report({ isVisible: false, intersectionRatio: 1 }));
    press(g);
    expect([pressed, refusals, g.current.armed]).toEqual([0, ['covered'], false]);
    act(() => report({ isVisible: true, intersectionRatio: 1 }));
    press(g);
    expect(refusals).toEqual(['covered', 'early']);
  });

  it('a button partly off screen is "not in sight", not "covered"', () => {
    const g = guard();
    act(() => report({ isVisible: false, intersectionRatio: 0.4 }));
    press(g);
    expect(refusals).toEqual(['hidden']);
  });

  it("a script's synthetic press is ignored altogether, armed or not", () => {
    const g = guard(0);
    act(() => report({ isVisible: true, intersectionRatio: 1 }));
    act(() => void vi.advanceTimersByTime(10));
    press(g, { isTrusted: false } as Event);
    expect([pressed, refusals]).toEqual([0, []]);
  });
});
