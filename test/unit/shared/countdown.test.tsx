// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from '../../../src/shared/Countdown';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const T0 = Date.UTC(2026, 11, 7, 7, 58, 0);
const sentence = (left: string) => `next in ${left}`;
const pass = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the funding countdown', () => {
  it('shows the time left from the first paint, by the minute, then each second in the last minute', async () => {
    const { container } = render(<Countdown time={T0 + 2 * 60_000 + 30_000} sentence={sentence} />);
    expect(container.textContent).toBe('next in 2 min');
    await pass(31_000);
    expect(container.textContent).toBe('next in 1 min');
    await pass(60_000);
    expect(container.textContent).toMatch(/^next in (59|60) s/);
    await pass(10_000);
    expect(container.textContent).toMatch(/^next in (49|50) s/);
  });

  it('a render of the view around it neither blanks nor freezes the text it writes', async () => {
    const time = T0 + 30_000;
    const { container, rerender } = render(<Countdown time={time} sentence={sentence} />);
    await pass(5_000);
    rerender(<Countdown time={time} sentence={(left) => `next in ${left}`} />);
    expect(container.textContent).toMatch(/^next in 2[45] s/);
    await pass(5_000);
    expect(container.textContent).toMatch(/^next in (19|20) s/);
  });
});
