/**
 * Liquidation probability over a chosen horizon: a Monte Carlo in the worker pool (correlated
 * GBM at the risk factors' ATM vols, funding accrued at the predicted rates, hourly monitoring
 * with a Brownian-bridge correction), with progress and Cancel while it runs.
 */
import { fmtPct } from '../../ui/format';
import { fmtCcy, fmtHours, fmtSigmas } from './margin-format';
import {
  cancelProbability,
  computeProbability,
  HORIZONS,
  PATHS,
  useMarginStore,
  type DoneResult,
  type MarginAccount,
} from './margin.store';

function Checkpoints({ result }: { result: DoneResult }) {
  const max = Math.max(...result.checkpoints.map((c) => c.probability), 1e-9);
  return (
    <div className="checkpoints" data-testid="prob-checkpoints">
      {result.checkpoints.map((c) => (
        <div
          key={c.hours}
          className="cp"
          title={`${fmtHours(c.hours)}: ${fmtPct(c.probability, 2)}`}
        >
          <div
            className="cp-bar"
            style={{ height: `${Math.max(2, (60 * c.probability) / max)}px` }}
          />
          <div className="cp-label">{fmtHours(c.hours)}</div>
          <div className="cp-value">{fmtPct(c.probability, c.probability < 0.01 ? 2 : 1)}</div>
        </div>
      ))}
    </div>
  );
}

function Result({ result, currency }: { result: DoneResult; currency: string }) {
  const pool = result.pools[0];
  const a = result.assumptions;
  return (
    <div className="prob-result">
      <div className="prob-headline">
        <span className="prob-value" data-testid="prob-value">
          {fmtPct(result.probability, 2)}
        </span>
        <span className="muted">
          &plusmn; {fmtPct(result.standardError, 2)} within {fmtHours(result.horizonHours)}
        </span>
      </div>
      <Checkpoints result={result} />
      <div className="prob-facts muted small">
        <span>surplus {fmtCcy(pool?.surplusNow, currency)}</span>
        <span>{fmtSigmas(pool?.distanceSigmas)} over the horizon</span>
        {a.underlyings.map((u) => (
          <span key={u.id}>
            {u.id} vol {fmtPct(u.volAnnual, 0)}
          </span>
        ))}
        {a.correlations.map((c) => (
          <span key={c.pair}>
            &rho; {c.pair.replace('|', '/')} {c.rho.toFixed(2)}
          </span>
        ))}
        <span>
          {result.paths.toLocaleString('en-US')} paths
          {result.tails === 'studentT' ? ', t(4) shocks' : ''}, {result.computeMs.toFixed(0)} ms,
          seed {result.seed}
        </span>
      </div>
    </div>
  );
}

export function ProbabilityPanel({ account }: { account: MarginAccount }) {
  const { horizonHours, paths, tails, runs } = useMarginStore();
  const run = runs[account.accountId];
  const running = run?.running ?? false;
  const progress = run && run.pathsTotal > 0 ? run.pathsDone / run.pathsTotal : 0;
  return (
    <div className="prob-panel" data-testid={`prob-${account.accountId}`}>
      <div className="prob-controls">
        <div className="seg">
          {HORIZONS.map((h) => (
            <button
              key={h.hours}
              className={h.hours === horizonHours ? 'on' : ''}
              disabled={running}
              onClick={() => useMarginStore.setState({ horizonHours: h.hours })}
            >
              {h.label}
            </button>
          ))}
        </div>
        <div className="seg">
          {PATHS.map((n) => (
            <button
              key={n}
              className={n === paths ? 'on' : ''}
              disabled={running}
              onClick={() => useMarginStore.setState({ paths: n })}
            >
              {n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`}
            </button>
          ))}
        </div>
        <div className="seg">
          <button
            className={tails === 'normal' ? 'on' : ''}
            disabled={running}
            onClick={() => useMarginStore.setState({ tails: 'normal' })}
          >
            normal
          </button>
          <button
            className={tails === 'studentT' ? 'on' : ''}
            disabled={running}
            onClick={() => useMarginStore.setState({ tails: 'studentT' })}
            title="Student-t(4) hourly shocks: fatter tails, slower"
          >
            fat tails
          </button>
        </div>
        {running ? (
          <button
            className="danger-btn"
            onClick={() => void cancelProbability(account.accountId)}
            data-testid="prob-cancel"
          >
            Cancel
          </button>
        ) : (
          <button
            className="primary"
            onClick={() => void computeProbability(account.accountId)}
            data-testid="prob-run"
          >
            Compute
          </button>
        )}
      </div>
      {running ? (
        <div className="progress" data-testid="prob-progress">
          <div className="progress-bar" style={{ width: `${(100 * progress).toFixed(1)}%` }} />
          <span>
            {run?.pathsDone.toLocaleString('en-US')} / {run?.pathsTotal.toLocaleString('en-US')}{' '}
            paths
          </span>
        </div>
      ) : null}
      {run?.cancelled ? <div className="muted small">Cancelled.</div> : null}
      {run?.error ? <div className="error">{run.error}</div> : null}
      {run?.result ? (
        <Result result={run.result} currency={account.currency} />
      ) : running ? null : (
        <div className="muted small">
          Probability that the account reaches its maintenance margin within the horizon.
        </div>
      )}
    </div>
  );
}
