import { useEffect, useState } from 'react';

/** The current time (ms, plus an offset to main's clock), re-rendering every `everyMs`. */
export function useNow(everyMs = 1000, offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(h);
  }, [everyMs]);
  return now + offsetMs;
}
