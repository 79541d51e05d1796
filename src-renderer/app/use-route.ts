import { useEffect, useState } from 'react';
import { ROUTES, routeFromHash } from './routes';

/** Hash routing (works the same from app:// in Electron and http:// in the headless host). */
export function useRoute(): [string, (path: string) => void] {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash));
    const onKey = (e: KeyboardEvent) => {
      // Alt+1..9 jumps to a screen.
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const r = ROUTES.find((x) => x.key === e.key);
      if (r) {
        e.preventDefault();
        window.location.hash = `#/${r.path}`;
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  return [route, (path) => (window.location.hash = `#/${path}`)];
}
