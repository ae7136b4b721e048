/**
 * The time to the next funding as a live countdown, cheap enough for every row of the dashboard and
 * for a busy spot page: its text is written straight into its own node, only when it changes, with
 * no render of any component (in the last minute it changes every second).
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { countdown } from './format';

/**
 * "next in 3 h 05 min" to `time`, updated each minute while more than a minute remains, then each
 * second; `sentence` puts the time left into the view's own message.
 */
export function Countdown({ time, sentence }: { time: number; sentence: (left: string) => string }) {
  const node = useRef<HTMLSpanElement>(null);
  const words = useRef(sentence);
  words.current = sentence;
  // Before the first paint, then on the countdown's own timer. The span has no children of Preact's,
  // so a render of the view never fights the text written here.
  useLayoutEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const now = Date.now();
      const text = words.current(countdown(time, now));
      if (node.current && node.current.textContent !== text) node.current.textContent = text;
      const left = time - now;
      if (left <= 0) return;
      // The figure changes when the remainder, rounded to the second, crosses a whole minute (half a
      // second before it), and in the last minute a whole second: wake just after that.
      const unit = left > 60_000 ? 60_000 : 1000;
      timer = setTimeout(tick, ((left + 500) % unit || unit) + 20);
    };
    tick();
    return () => clearTimeout(timer);
  }, [time]);
  return <span ref={node} />;
}
