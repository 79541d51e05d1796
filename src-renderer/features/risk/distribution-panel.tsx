/**
 * P&L distribution of the chosen method and horizon: histogram of the scenario P&L with the tail
 * beyond VaR in red, VaR and ES marked. Parametric methods have no scenarios: their VaR and ES are
 * drawn over the historical distribution for comparison.
 */
import type { Data } from 'plotly.js-dist-min';
import type { RiskRun } from '../../../shared/contract/features/risk.api';
import { fmtUsd } from '../../ui/format';
import { RISK_COLORS, RiskChart, riskLayout } from './risk-chart';
import { fmtConf, fmtHorizon, METHOD_SHORT, SCENARIO_METHODS } from './risk-format';
import { useRiskStore } from './risk.store';

export function DistributionPanel({ run }: { run: RiskRun }) {
  const { method, horizonDays, confidence } = useRiskStore();
  const distMethod = SCENARIO_METHODS.includes(method) ? method : 'historical';
  const dist = run.methods.find((m) => m.method === distMethod);
  const hist = dist?.histograms.find((h) => h.horizonDays === horizonDays);
  const chosen = run.methods.find((m) => m.method === method);
  const cell = chosen?.cells.find(
    (c) => c.horizonDays === horizonDays && Math.abs(c.confidence - confidence) < 1e-9,
  );
  if (!hist || hist.counts.length === 0 || !cell) {
    return (
      <section className="panel">
        <header className="panel-head">
          <h2>P&amp;L distribution</h2>
        </header>
        <div className="muted">No scenario distribution for this selection.</div>
      </section>
    );
  }
  const centers = hist.counts.map((_, i) => hist.loUsd + (i + 0.5) * hist.binWidthUsd);
  const share = hist.counts.map((c) => (100 * c) / Math.max(1, hist.scenarios));
  const maxShare = Math.max(...share, 0.1);
  const inTail = centers.map((x) => x <= -cell.varUsd);
  const line = (x: number, color: string, name: string, dash: 'solid' | 'dash'): Data => ({
    type: 'scatter',
    mode: 'lines',
    x: [x, x],
    y: [0, maxShare * 1.05],
    line: { color, width: 2, dash },
    name,
    hoverinfo: 'name',
  });
  const bars = (tail: boolean, name: string, color: string): Data => ({
    type: 'bar',
    x: centers.filter((_, i) => inTail[i] === tail),
    y: share.filter((_, i) => inTail[i] === tail),
    width: hist.binWidthUsd * 0.95,
    marker: { color },
    name,
    hovertemplate: 'P&L %{x:$,.0f}<br>%{y:.2f}% of scenarios<extra></extra>',
  });
  const data: Data[] = [
    bars(false, `${METHOD_SHORT[distMethod]} scenarios`, RISK_COLORS.bars),
    bars(true, 'beyond VaR', RISK_COLORS.neg),
    line(
      -cell.varUsd,
      RISK_COLORS.var,
      `VaR ${fmtConf(confidence)} ${fmtUsd(cell.varUsd, true)}`,
      'solid',
    ),
    line(-cell.esUsd, RISK_COLORS.es, `ES ${fmtUsd(cell.esUsd, true)}`, 'dash'),
  ];
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>
          P&amp;L distribution &middot; {METHOD_SHORT[distMethod]} &middot;{' '}
          {fmtHorizon(horizonDays)}
        </h2>
        <span className="muted">
          {hist.scenarios.toLocaleString('en-US')} scenarios
          {distMethod !== method ? ` \u00b7 lines: ${METHOD_SHORT[method]}` : ''}
        </span>
      </header>
      <RiskChart
        testId="pnl-histogram"
        height={300}
        data={data}
        layout={riskLayout({
          xaxis: {
            title: { text: `P&L over ${fmtHorizon(horizonDays)} (USD)` },
            tickformat: '$~s',
          },
          yaxis: { title: { text: '% of scenarios' }, rangemode: 'tozero' },
        })}
      />
    </section>
  );
}
