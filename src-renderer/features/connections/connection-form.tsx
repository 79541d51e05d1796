/**
 * Add or edit a connection. Keys stay in this component's state until Save sends them to main,
 * which encrypts them; they are never shown again (only the last four characters). The form
 * says plainly that Cerberus only reads and that trading or withdrawal rights are a risk.
 */
import { useState, type FormEvent } from 'react';
import { venueName } from './connection-format';
import {
  openForm,
  saveConnection,
  useConnectionsStore,
  type ConnectionsState,
  type SaveInput,
} from './connections.store';

type Venue = SaveInput['venue'];

export function ConnectionForm({ state, id }: { state: ConnectionsState; id: string | 'new' }) {
  const existing = state.connections.find((c) => c.id === id);
  const busy = useConnectionsStore((s) => s.busy);
  const [venue, setVenue] = useState<Venue>(existing?.venue ?? 'deribit');
  const [label, setLabel] = useState(existing?.label ?? '');
  const [sandbox, setSandbox] = useState(existing?.sandbox ?? false);
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const info = state.venues.find((v) => v.venue === venue);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: SaveInput = {
      venue,
      label: label.trim() || venueName(venue),
      sandbox,
      ...(existing ? { id: existing.id } : {}),
      ...(apiKey || secret ? { apiKey: apiKey.trim(), secret: secret.trim() } : {}),
      ...(password ? { password: password.trim() } : {}),
      ...(clearKey ? { clearKey: true } : {}),
    };
    void saveConnection(input).then((ok) => {
      if (ok) {
        setApiKey('');
        setSecret('');
        setPassword('');
      }
    });
  };

  return (
    <form className="panel conn-form" onSubmit={submit} data-testid="conn-form" autoComplete="off">
      <header className="panel-head">
        <h2>{existing ? `Edit ${existing.label}` : 'Add a venue'}</h2>
      </header>
      <div className="conn-readonly">
        Cerberus only reads: create a <b>read-only</b> key (no trading, no withdrawals). A key that
        can trade or withdraw is accepted but flagged, because if it leaks it can cost you funds.{' '}
        {info?.keyHelp}
      </div>
      <div className="conn-grid">
        <label>
          Venue
          <select
            value={venue}
            disabled={!!existing}
            onChange={(e) => setVenue(e.target.value as Venue)}
            data-testid="conn-venue"
          >
            {state.venues.map((v) => (
              <option key={v.venue} value={v.venue}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name
          <input
            value={label}
            maxLength={60}
            placeholder={venueName(venue)}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <label className="conn-check">
          <input type="checkbox" checked={sandbox} onChange={(e) => setSandbox(e.target.checked)} />
          Testnet / sandbox
        </label>
        <label>
          API key{' '}
          {existing?.hasKey ? (
            <span className="muted">(blank: keep {existing.apiKeyMasked})</span>
          ) : null}
          <input
            value={apiKey}
            spellCheck={false}
            onChange={(e) => setApiKey(e.target.value)}
            data-testid="conn-key"
          />
        </label>
        <label>
          Secret
          <input
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            data-testid="conn-secret"
          />
        </label>
        {info?.needsPassword ? (
          <label>
            Passphrase
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        ) : null}
        {existing?.hasKey ? (
          <label className="conn-check">
            <input
              type="checkbox"
              checked={clearKey}
              onChange={(e) => setClearKey(e.target.checked)}
            />
            Forget the stored key (public data only)
          </label>
        ) : null}
      </div>
      <div className="muted small">{state.storage.description}</div>
      <div className="conn-actions">
        <button type="submit" className="on" disabled={busy} data-testid="conn-save">
          Save
        </button>
        <button type="button" onClick={() => openForm(undefined)}>
          Cancel
        </button>
        <span className="muted small">
          Without a key: markets, quotes, funding and option chains only.
        </span>
      </div>
    </form>
  );
}
