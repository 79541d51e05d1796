/** Words and colours for venue health, shared by the cards. */
import type { ConnectionView } from './connections.store';

type Health = NonNullable<ConnectionView['health']>;

export const STATE_LABEL: Record<Health['state'], string> = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  stale: 'stale',
  error: 'error',
  stopped: 'stopped',
};

/** The status light: green connected, amber connecting/stale, red error, grey otherwise. */
export function lightClass(c: ConnectionView): string {
  if (c.problem && !c.health) return 'light-red';
  switch (c.health?.state) {
    case 'connected':
      return 'light-green';
    case 'connecting':
    case 'stale':
      return 'light-amber';
    case 'error':
      return 'light-red';
    default:
      return 'light-grey';
  }
}

/** "3 s ago", "4 min ago", "2 h ago"; an em dash when never. */
export function fmtAge(tsMs: number | undefined, nowMs: number): string {
  if (tsMs === undefined || !Number.isFinite(tsMs)) return '\u2014';
  const s = Math.max(0, (nowMs - tsMs) / 1000);
  if (s < 90) return `${s.toFixed(0)} s ago`;
  if (s < 5400) return `${(s / 60).toFixed(0)} min ago`;
  return `${(s / 3600).toFixed(1)} h ago`;
}

export function fmtDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '\u2014';
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function venueName(venue: string): string {
  switch (venue) {
    case 'binanceusdm':
      return 'Binance USD-M';
    case 'bybit':
      return 'Bybit';
    case 'okx':
      return 'OKX';
    case 'deribit':
      return 'Deribit';
    default:
      return venue;
  }
}
