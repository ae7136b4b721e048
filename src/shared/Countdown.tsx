import { useEffect, useState } from 'preact/hooks';
import { countdown } from './format';

/**
 * "3 h 05 min" to `time`, re-rendering only itself and only when the text changes: each minute
 * while more than a minute remains, each second in the last minute.
 */
export function Countdown({ time }: { time: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const left = time - now;
    if (left <= 0) return;
    // The minute figure changes when the remainder crosses a whole minute; then each second.
    const wait = left > 60_000 ? (left % 60_000 || 60_000) + 20 : 1000;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [now, time]);
  return <>{countdown(time, now)}</>;
}
