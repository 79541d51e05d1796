/** Toasts for margin alerts as they happen, on every screen; each fades after 10 seconds. */
import { useEffect, useState } from 'react';
import { client } from '../../app/client';
import { startMarginFeed, type MarginAlert } from './margin.store';

const SHOW_MS = 10_000;

export function MarginAlertToasts() {
  const [toasts, setToasts] = useState<MarginAlert[]>([]);
  useEffect(() => {
    startMarginFeed();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = client.on('margin.alerted', (alert) => {
      setToasts((t) => [alert, ...t].slice(0, 4));
      const h = setTimeout(() => {
        timers.delete(h);
        setToasts((t) => t.filter((x) => x.id !== alert.id));
      }, SHOW_MS);
      timers.add(h);
    });
    return () => {
      off();
      for (const h of timers) clearTimeout(h);
    };
  }, []);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((a) => (
        <a key={a.id} className={`toast level-${a.to}`} href="#/margin" data-testid="margin-toast">
          <b>{a.direction === 'worse' ? 'Margin alert' : 'Margin recovered'}</b>
          <span>{a.message}</span>
        </a>
      ))}
    </div>
  );
}
