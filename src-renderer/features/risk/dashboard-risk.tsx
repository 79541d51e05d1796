/**
 * The dashboard's risk row: VaR99 1-day against its limit, and the blueprint's risk heatmap (risk
 * factor x horizon). Every cell is a USD loss at 99% over the horizon (definitions in
 * `shared/quant/risk-live/risk-heatmap.ts`); the colour is that loss over the 1-day limit scaled
 * by sqrt(horizon).
 */
import { useEffect } from 'react';
import { fmtPct, fmtUsd } from '../../ui/format';
import { KpiCard } from '../../ui/kpi-card';
import { fmtHorizon, heatColor } from './risk-format';
import { LimitBar } from './run-header';
import { startRiskSummaryFeed, useRiskStore } from './risk.store';
import { VarSparkline } from './var-sparkline';

export function DashboardRisk() {
  const summary = useRiskStore((s) => s.summary);
  useEffect(() => startRiskSummaryFeed(), []);
  const h = summary?.headline ?? null;
  const heat = summary?.heatmap ?? null;
  return (
    <div className="row dash-risk" data-testid="dash-risk">
      <section className="panel dash-var" data-testid="dash-var">
        <header className="panel-head">
          <h2>VaR 99% 1-day vs limit</h2>
          <a href="#/risk" className="muted">
            details
          </a>
        </header>
        <KpiCard
          label={
            h ? `historical, ${summary?.engine.toUpperCase()} run` : 'waiting for the first run'
          }
          value={fmtUsd(h?.var99_1dUsd, true)}
          tone={h?.status === 'breach' ? 'neg' : ''}
          detail={`ES ${fmtUsd(h?.es99_1dUsd, true)}`}
          testId="kpi-var99"
        />
        <LimitBar usage={h?.usage ?? null} testId="var-limit-bar" />
        <div className={`limit-caption limit-${h?.status ?? 'ok'}`}>
          {h?.limitUsd
            ? `${fmtPct(h.usage ?? 0, 0)} of the ${fmtUsd(h.limitUsd, true)} limit${h.status === 'breach' ? ' \u2014 BREACH' : ''}`
            : 'no limit set'}
        </div>
        <VarSparkline runId={summary?.runId ?? null} limitUsd={h?.limitUsd ?? null} />
      </section>
      <section className="panel" data-testid="risk-heatmap">
        <header className="panel-head">
          <h2>Risk heatmap</h2>
          <span className="muted">99% loss by risk factor and horizon</span>
        </header>
        {heat ? (
          <table className="table compact heatmap">
            <thead>
              <tr>
                <th>Factor</th>
                {heat.horizonsDays.map((d) => (
                  <th key={d} className="num">
                    {fmtHorizon(d)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {heat.rows.map((r) => (
                <tr key={r.factor}>
                  <td title={r.measure}>
                    {r.label}
                    <div className="heat-measure">{r.measure}</div>
                  </td>
                  {r.cells.map((c) => (
                    <td
                      key={c.horizonDays}
                      className="num heat-cell"
                      style={{ background: heatColor(c.usage) }}
                      data-testid={`heat-${r.factor}-${c.horizonDays}`}
                      title={
                        c.usage !== null
                          ? `${fmtPct(c.usage, 0)} of the limit scaled to ${fmtHorizon(c.horizonDays)}`
                          : ''
                      }
                    >
                      {fmtUsd(c.lossUsd ?? undefined, true)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="muted">Waiting for the first risk run{'\u2026'}</div>
        )}
      </section>
    </div>
  );
}
