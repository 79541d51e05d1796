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
        {a.jumps ? (
          <span data-testid="prob-jumps">
            jumps {a.jumps.intensityPerYear}/yr, mean {fmtPct(a.jumps.meanLog, 1)}, sd{' '}
            {fmtPct(a.jumps.volLog, 1)}
          </span>
        ) : null}
        <span>
          {result.paths.toLocaleString('en-US')} paths
          {result.tails === 'studentT' ? ', t(4) shocks' : ''}, {result.computeMs.toFixed(0)} ms,
          seed {result.seed}
        </span>
      </div>
    </div>
  );
}

/** Merton jumps on/off and their parameters (shared by every account's panel and the ticket). */
export function JumpControls({ disabled }: { disabled: boolean }) {
  const jumpsOn = useMarginStore((s) => s.jumpsOn);
  const jumps = useMarginStore((s) => s.jumps);
  const set = (patch: Partial<typeof jumps>) =>
    useMarginStore.setState({ jumps: { ...jumps, ...patch } });
  const field = (
    label: string,
    value: number,
    scale: number,
    onChange: (v: number) => void,
    title: string,
  ) => (
    <label className="jump-field" title={title}>
      {label}
      <input
        type="number"
        value={Number((value * scale).toFixed(4))}
        disabled={disabled}
        step={scale === 1 ? 1 : 0.5}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) onChange(v / scale);
        }}
      />
    </label>
  );
  return (
    <div className="seg jump-controls">
      <button
        className={jumpsOn ? 'on' : ''}
        disabled={disabled}
        onClick={() => useMarginStore.setState({ jumpsOn: !jumpsOn })}
        title="Merton jumps on every underlying (compensated: the expected price is unchanged)"
        data-testid="jumps-toggle"
      >
        jumps
      </button>
      {jumpsOn ? (
        <>
          {field(
            '\u03bb/yr',
            jumps.intensityPerYear,
            1,
            (v) => set({ intensityPerYear: v }),
            'jumps per year',
          )}
          {field('mean %', jumps.meanLog, 100, (v) => set({ meanLog: v }), 'mean log jump size')}
          {field('sd %', jumps.volLog, 100, (v) => set({ volLog: v }), 'sd of the log jump size')}
        </>
      ) : null}
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
        <JumpControls disabled={running} />
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
