/**
 * Connections: live venues (ccxt) with their health, read-only keys and the desk switch. The
 * demo desk (simulator) stays available; the live desk shows the connected venues' accounts
 * and positions with venue market data. One desk at a time.
 */
import { useEffect } from 'react';
import { ConnectionForm } from './connection-form';
import { openForm, setDesk, startConnectionsFeed, useConnectionsStore } from './connections.store';
import { VenueCard } from './venue-card';

export function ConnectionsView() {
  const { state, editing, error, busy } = useConnectionsStore();
  useEffect(() => startConnectionsFeed(), []);
  if (!state) {
    return error ? (
      <div className="error">{error}</div>
    ) : (
      <div className="loading">Loading connections{'\u2026'}</div>
    );
  }
  const withKeys = state.connections.filter((c) => c.hasKey).length;
  return (
    <div className="connections" data-testid="connections">
      <section className="panel">
        <header className="panel-head">
          <h2>Desk</h2>
          <div className="seg" data-testid="desk-switch">
            <button
              className={state.desk === 'demo' ? 'on' : ''}
              disabled={busy}
              onClick={() => void setDesk('demo')}
            >
              Demo desk
            </button>
            <button
              className={state.desk === 'live' ? 'on' : ''}
              disabled={busy || withKeys === 0}
              title={withKeys === 0 ? 'Add a venue with a read-only key first' : ''}
              onClick={() => void setDesk('live')}
              data-testid="desk-live"
            >
              Live venues
            </button>
          </div>
        </header>
        <div className="muted small">
          {state.desk === 'demo'
            ? 'The book and market data come from the built-in simulator.'
            : 'The book holds the connected venues\u2019 accounts and positions, priced from venue data.'}{' '}
          Live book: {state.liveBook.accounts} account(s), {state.liveBook.positions} position(s).
        </div>
        {state.storage.weaker ? (
          <div className="conn-warning" data-testid="storage-warning">
            {state.storage.description}
          </div>
        ) : (
          <div className="muted small">{state.storage.description}</div>
        )}
      </section>
      {error ? <div className="error">{error}</div> : null}
      {state.connections.length === 0 && !editing ? (
        <div className="panel muted">
          No venues yet. Add Binance USD-M, Bybit, OKX or Deribit with a read-only API key (or
          without a key for public data).
        </div>
      ) : null}
      {state.connections.map((c) => (
        <VenueCard key={c.id} c={c} />
      ))}
      {editing ? (
        <ConnectionForm key={editing} state={state} id={editing} />
      ) : (
        <div>
          <button className="on" onClick={() => openForm('new')} data-testid="conn-add">
            Add a venue
          </button>
        </div>
      )}
    </div>
  );
}
