/**
 * One venue connection: status light, last message age, stream or polling, the backoff and
 * rate-limit state, data quality, the last error, the masked key with its permission check
 * (a loud warning for keys that can trade or withdraw), and Test / Edit / Remove.
 */
import { fmtPct } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { fmtAge, fmtDuration, lightClass, STATE_LABEL, venueName } from './connection-format';
import {
  openForm,
  removeConnection,
  testConnection,
  useConnectionsStore,
  type ConnectionView,
} from './connections.store';

function Health({ c, now }: { c: ConnectionView; now: number }) {
  const h = c.health;
  if (!h) return <div className="muted small">not open{c.problem ? '' : ' yet'}</div>;
  const retryIn = h.nextRetryMs === undefined ? undefined : Math.max(0, h.nextRetryMs - now);
  return (
    <dl className="conn-facts">
      <dt>state</dt>
      <dd data-testid={`conn-state-${c.id}`}>
        {STATE_LABEL[h.state]}
        {h.stale && h.state !== 'stale' ? ' (data stale)' : ''}
      </dd>
      <dt>last message</dt>
      <dd data-testid={`conn-age-${c.id}`}>{fmtAge(h.lastMessageMs, now)}</dd>
      <dt>quotes by</dt>
      <dd>{h.mode === 'stream' ? 'websocket' : h.mode === 'poll' ? 'REST polling' : '\u2014'}</dd>
      <dt>subscribed</dt>
      <dd>{h.subscribed} instruments</dd>
      <dt>reconnects</dt>
      <dd>{h.reconnects}</dd>
      <dt>backoff</dt>
      <dd className={h.rateLimited ? 'warn' : ''}>
        {h.consecutiveFailures > 0
          ? `${h.consecutiveFailures} failure(s); retry in ${fmtDuration(retryIn)} (${fmtDuration(h.backoffMs)} backoff${h.rateLimited ? ', rate limited' : ''})`
          : 'none'}
      </dd>
      <dt>data quality</dt>
      <dd
        title={Object.entries(h.quality.reasons)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}
      >
        {fmtPct(h.quality.score, 1)} kept ({h.quality.dropped} of {h.quality.received} rows dropped)
      </dd>
    </dl>
  );
}

function TestResult({ id }: { id: string }) {
  const result = useConnectionsStore((s) => s.tests[id]);
  if (!result) return null;
  if (result === 'running') return <div className="muted small">Testing{'\u2026'}</div>;
  return (
    <ul className="conn-test" data-testid={`conn-test-${id}`}>
      {result.steps.map((step) => (
        <li key={step.name} className={step.ok ? 'pos' : 'neg'}>
          {step.ok ? '\u2713' : '\u2717'} {step.name} <span className="muted">({step.ms} ms)</span>:{' '}
          {step.detail}
        </li>
      ))}
    </ul>
  );
}

export function VenueCard({ c }: { c: ConnectionView }) {
  const now = useNow(1000);
  const busy = useConnectionsStore((s) => s.busy);
  const h = c.health;
  return (
    <section className="panel conn-card" data-testid={`conn-${c.id}`}>
      <header className="panel-head">
        <span className={`light ${lightClass(c)}`} title={h ? STATE_LABEL[h.state] : 'not open'} />
        <h2>
          {c.label} <span className="muted">{venueName(c.venue)}</span>
          {c.sandbox ? <span className="badge">testnet</span> : null}
        </h2>
        <button onClick={() => void testConnection(c.id)} data-testid={`conn-test-btn-${c.id}`}>
          Test
        </button>
        <button onClick={() => openForm(c.id)}>Edit</button>
        <button
          disabled={busy}
          onClick={() => {
            if (window.confirm(`Remove ${c.label} and its stored key?`))
              void removeConnection(c.id);
          }}
        >
          Remove
        </button>
      </header>
      {c.warning ? (
        <div className="conn-warning" data-testid={`conn-warning-${c.id}`}>
          {c.warning}
        </div>
      ) : null}
      <div className="conn-body">
        <Health c={c} now={now} />
        <dl className="conn-facts">
          <dt>API key</dt>
          <dd>{c.hasKey ? (c.apiKeyMasked ?? 'stored') : 'none (public data only)'}</dd>
          <dt>permissions</dt>
          <dd>
            {c.permissions
              ? c.permissions.checked
                ? c.permissions.detail
                : `not known: ${c.permissions.detail}`
              : c.hasKey
                ? 'not checked yet'
                : '\u2014'}
          </dd>
          <dt>markets</dt>
          <dd>{c.instruments}</dd>
          <dt>positions</dt>
          <dd>
            {c.positions}
            {c.lastBookMs !== undefined ? ` (read ${fmtAge(c.lastBookMs, now)})` : ''}
          </dd>
        </dl>
      </div>
      {h?.lastError ? (
        <div className="error small" data-testid={`conn-error-${c.id}`}>
          last error {fmtAge(h.lastErrorMs, now)}: {h.lastError}
        </div>
      ) : null}
      {c.problem ? <div className="error small">{c.problem}</div> : null}
      <TestResult id={c.id} />
    </section>
  );
}
