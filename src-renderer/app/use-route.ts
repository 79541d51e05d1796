import { useEffect, useState } from 'react';
import { SCREENS, screenFromHash, type ScreenDef } from './screens';

/** Hash routing (works the same from app:// in Electron and http:// in the headless host). */
export function useRoute(): [ScreenDef, (path: string) => void] {
  const [screen, setScreen] = useState(() => screenFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash(window.location.hash));
    const onKey = (e: KeyboardEvent) => {
      // Alt+1..9 jumps to a screen.
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = SCREENS.find((x) => x.key === e.key);
      if (s) {
        e.preventDefault();
        window.location.hash = `#/${s.path}`;
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  return [screen, (path) => (window.location.hash = `#/${path}`)];
}
