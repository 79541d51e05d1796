/**
 * What drives VaR: component (Euler) VaR and ES and incremental VaR by underlying, and component
 * VaR by position, for the chosen method, horizon and confidence. Components add up to VaR (ES);
 * a negative component is a hedge.
 */
import type { Data } from 'plotly.js-dist-min';
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import type { ContributionSet } from '../../../shared/quant/risk-live/risk-views';
import { RISK_COLORS, RiskChart, riskLayout } from './risk-chart';
import { fmtConf, fmtHorizon, METHOD_SHORT } from './risk-format';
import { usePositionLabels } from './position-labels';
import { useRiskStore } from './risk.store';

function pickSet(run: RiskRun, method: string, h: number, a: number) {
  const find = (m: string) =>
    run.methods
      .find((x) => x.method === m)
      ?.contributions.find((c) => c.horizonDays === h && Math.abs(c.confidence - a) < 1e-9);
  const own = find(method);
  return own ? { set: own, from: method } : { set: find('historical'), from: 'historical' };
}

function underlyingBars(set: ContributionSet): Data[] {
  const names = set.byUnderlying.map((c) => c.name);
  const bar = (name: string, x: number[], color: string): Data => ({
    type: 'bar',
    orientation: 'h',
    y: names,
    x,
    name,
    marker: { color },
    hovertemplate: `%{y}: %{x:$,.0f}<extra>${name}</extra>`,
  });
  const out: Data[] = [
    bar(
      'VaR component',
      set.byUnderlying.map((c) => c.componentVarUsd),
      RISK_COLORS.var,
    ),
    bar(
      'ES component',
      set.byUnderlying.map((c) => c.componentEsUsd),
      RISK_COLORS.es,
    ),
  ];
  if (set.byUnderlying.every((c) => c.incrementalVarUsd !== null))
    out.push(
      bar(
        'incremental',
        set.byUnderlying.map((c) => c.incrementalVarUsd ?? 0),
        RISK_COLORS.secondary,
      ),
    );
  return out;
}

export function ContributionsPanel({ run }: { run: RiskRun }) {
  const { method, horizonDays, confidence } = useRiskStore();
  const label = usePositionLabels();
  const { set, from } = pickSet(run, method, horizonDays, confidence);
  if (!set) {
    return (
      <section className="panel">
        <header className="panel-head">
          <h2>Contributions</h2>
        </header>
        <div className="muted">No contributions for this selection.</div>
      </section>
    );
  }
  const positions = [...set.byPosition].sort((a, b) => a.componentVarUsd - b.componentVarUsd);
  const height = Math.max(220, 26 * positions.length + 60);
  return (
    <section className="panel risk-contrib" data-testid="contributions">
      <header className="panel-head">
        <h2>
          Contributions &middot; {METHOD_SHORT[from as keyof typeof METHOD_SHORT] ?? from} &middot;{' '}
          {fmtHorizon(horizonDays)} {fmtConf(confidence)}
        </h2>
        <span className="muted">
          {from !== method
            ? `${METHOD_SHORT[method]} has no scenario split; showing historical`
            : 'Euler components add up to VaR / ES'}
        </span>
      </header>
      <div className="risk-contrib-grid">
        <RiskChart
          testId="contrib-underlying"
          height={height}
          data={underlyingBars(set)}
          layout={riskLayout({
            barmode: 'group',
            margin: { l: 60, r: 12, t: 30, b: 36 },
            legend: { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom', font: { size: 10 } },
            xaxis: { title: { text: 'USD' }, tickformat: '$~s' },
            yaxis: { automargin: true },
          })}
        />
        <RiskChart
          testId="contrib-position"
          height={height}
          data={[
            {
              type: 'bar',
              orientation: 'h',
              y: positions.map((p) => label(p.name)),
              x: positions.map((p) => p.componentVarUsd),
              marker: {
                color: positions.map((p) =>
                  p.componentVarUsd < 0 ? RISK_COLORS.pos : RISK_COLORS.var,
                ),
              },
              name: 'component VaR by position',
              hovertemplate: '%{y}: %{x:$,.0f}<extra>component VaR</extra>',
            },
          ]}
          layout={riskLayout({
            showlegend: false,
            margin: { l: 12, r: 12, t: 24, b: 36 },
            xaxis: { title: { text: 'component VaR (USD)' }, tickformat: '$~s' },
            yaxis: { automargin: true },
          })}
        />
      </div>
    </section>
  );
}
