/** Bottom bar: desk, transport, data freshness, last update. Stale data is said, not hidden. */
import { useEffect, useState } from 'react';
import { useBookStore } from '../stores/book.store';
import { fmtTime } from '../ui/format';
import { onTransportState, transportKind } from './client';
import type { SocketState } from './ws-transport';

export function StatusBar() {
  const { info, lastTickMs, snapshot, error } = useBookStore();
  const [socket, setSocket] = useState<SocketState>('connecting');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => onTransportState(setSocket), []);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const ageS = lastTickMs === undefined ? undefined : Math.max(0, (now - lastTickMs) / 1000);
  const stale = ageS === undefined || ageS > 5;
  const stale2 = snapshot?.risks.filter((r) => r.freshness !== 'live').length ?? 0;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`dot ${socket === 'open' && !stale ? 'ok' : 'bad'}`} />
      <span>
        {info
          ? `${info.desk === 'demo' ? 'Demo desk' : 'Live'} \u00B7 ${transportKind}`
          : 'connecting\u2026'}
      </span>
      <span data-testid="market-age">
        {stale
          ? ageS === undefined
            ? 'no market data yet'
            : `market data stale (${ageS.toFixed(0)} s)`
          : `market live \u00B7 ${fmtTime(lastTickMs)}`}
      </span>
      {stale2 > 0 ? (
        <span className="warn">{stale2} position(s) with stale or missing quotes</span>
      ) : null}
      {socket === 'unauthorized' ? (
        <span className="error">Not authorised: open the URL with its token</span>
      ) : null}
      {error ? <span className="error">{error}</span> : null}
      <span className="spacer" />
      {info ? (
        <span className="muted">
          {info.workers} compute workers &middot; data in {info.dataDir}
        </span>
      ) : null}
    </footer>
  );
}
