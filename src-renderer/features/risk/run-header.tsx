/**
 * Top of the risk screen: the headline VaR against its limit, the engine (GPU or CPU), when the
 * last run finished and how long it took, and for a run in flight its progress and Cancel.
 */
import { useEffect, useState } from 'react';
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import { fmtNumber, fmtPct, fmtUsd } from '../../ui/format';
import { KpiCard } from '../../ui/kpi-card';
import { fmtAgo } from './risk-format';
import { cancelRun, runNow, useRiskStore } from './risk.store';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function LimitBar({ usage, testId }: { usage: number | null; testId?: string }) {
  const u = usage ?? 0;
  const cls = u >= 1 ? 'breach' : u >= 0.8 ? 'warn' : 'ok';
  return (
    <div className={`limit-bar limit-${cls}`} data-testid={testId} data-usage={u}>
      <span style={{ width: `${Math.min(100, u * 100)}%` }} />
      <i style={{ left: '80%' }} title="warning at 80% of the limit" />
    </div>
  );
}

function ProgressLine() {
  const { progress, status, lastEnd } = useRiskStore();
  const running = progress !== null && lastEnd?.runId !== progress.runId;
  if (running && progress) {
    return (
      <div className="risk-progress" data-testid="risk-progress">
        <div className="risk-progress-track">
          <div
            className="risk-progress-fill"
            style={{ width: `${Math.round(progress.fraction * 100)}%` }}
          />
          <span>
            Run #{progress.runId}: {progress.phase} &middot; {progress.message} &middot;{' '}
            {fmtPct(progress.fraction, 0)}
          </span>
        </div>
        <button onClick={() => void cancelRun()} data-testid="risk-cancel">
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="risk-progress">
      <span className="muted">
        {lastEnd && lastEnd.status !== 'done'
          ? `Run #${lastEnd.runId} ${lastEnd.status}${lastEnd.error && lastEnd.error !== 'cancelled' ? `: ${lastEnd.error}` : ''}. `
          : ''}
        Runs after book changes, at most every {fmtNumber((status?.intervalMs ?? 30_000) / 1000, 0)}{' '}
        s.
      </span>
      <button onClick={() => void runNow()} data-testid="risk-run">
        Run now
      </button>
    </div>
  );
}

export function RunHeader({ run }: { run: RiskRun | null }) {
  const status = useRiskStore((s) => s.status);
  const now = useNow(1000);
  const h = run?.headline ?? null;
  const mc = run?.methods
    .find((m) => m.method === 'montecarlo')
    ?.cells.find((c) => c.horizonDays === 1 && Math.abs(c.confidence - 0.99) < 1e-9);
  const engine = run?.engine ?? status?.engine ?? 'cpu';
  return (
    <div className="risk-header">
      <div className="kpis risk-kpis">
        <div className="kpi" data-testid="risk-kpi-var">
          <div className="kpi-label">VaR 99% 1-day (historical)</div>
          <div
            className={`kpi-value ${h && h.status !== 'ok' ? (h.status === 'breach' ? 'neg' : 'warn') : ''}`}
          >
            {fmtUsd(h?.var99_1dUsd, true)}
          </div>
          <LimitBar usage={h?.usage ?? null} />
          <div className="kpi-detail">
            {h?.limitUsd
              ? `${fmtPct(h.usage ?? 0, 0)} of ${fmtUsd(h.limitUsd, true)} limit`
              : 'no limit set'}
          </div>
        </div>
        <KpiCard label="ES 99% 1-day" value={fmtUsd(h?.es99_1dUsd, true)} testId="risk-kpi-es" />
        <KpiCard
          label="Monte Carlo VaR 99% 1-day"
          value={fmtUsd(mc?.varUsd, true)}
          detail={run ? `${run.settings.mcPaths.toLocaleString('en-US')} paths` : ''}
          testId="risk-kpi-mc"
        />
        <KpiCard
          label="Engine"
          value={engine.toUpperCase()}
          detail={run?.engineNote ?? status?.engineNote ?? ''}
          testId="risk-kpi-engine"
        />
        <KpiCard
          label="Last run"
          value={fmtAgo(run?.finishedMs, now)}
          detail={
            run
              ? `#${run.runId} in ${fmtNumber(run.durationMs / 1000, 2)} s (${run.reason})`
              : 'none yet'
          }
          testId="risk-kpi-last"
        />
      </div>
      <ProgressLine />
      {run && run.errors.length > 0 ? (
        <div className="error">
          {run.errors.map((e) => (
            <div key={e.phase}>
              {e.phase}: {e.message}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
