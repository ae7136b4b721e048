/**
 * The time to the next funding as a live countdown, cheap enough for every row of the dashboard:
 * each one re-renders only itself, and only when its text changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { countdown } from './format';

/**
 * "next in 3 h 05 min" to `time`, updated each minute while more than a minute remains, then each
 * second; `sentence` puts the time left into the view's own message.
 */
export function Countdown({ time, sentence }: { time: number; sentence: (left: string) => string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const left = time - now;
    if (left <= 0) return;
    // The minute figure changes when the remainder crosses a whole minute; then each second.
    const wait = left > 60_000 ? (left % 60_000 || 60_000) + 20 : 1000;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [now, time]);
  return <>{sentence(countdown(time, now))}</>;
}
