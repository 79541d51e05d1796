/**
 * VaR backtest of today's book on the stored history: daily hypothetical P&L against the rolling
 * historical VaR forecast with the breaches marked, Kupiec and Christoffersen tests, the Basel
 * traffic light and the breach log.
 */
import { useState } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { BacktestJobView } from '../../../shared/quant/risk-live/risk-views';
import { fmtNumber, fmtPct, fmtUsd } from '../../ui/format';
import { RISK_COLORS, RiskChart, riskLayout } from './risk-chart';
import { fmtConf } from './risk-format';
import { LiveRecord } from './live-record';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function verdict(p: number): { text: string; cls: string } {
  return p < 0.05 ? { text: 'reject', cls: 'neg' } : { text: 'accept', cls: 'pos' };
}

export function BacktestPanel({ backtest, runId }: { backtest: BacktestJobView; runId: number }) {
  const confidences = backtest.byConfidence.map((c) => c.confidence);
  const [conf, setConf] = useState(confidences[confidences.length - 1] ?? 0.99);
  const bc = backtest.byConfidence.find((c) => c.confidence === conf) ?? backtest.byConfidence[0];
  if (!bc) return null;
  const dates = backtest.dayMs.map(iso);
  const data: Data[] = [
    {
      type: 'bar',
      x: dates,
      y: backtest.pnlUsd,
      name: 'daily P&L (hypothetical)',
      marker: { color: backtest.pnlUsd.map((p) => (p < 0 ? '#6e7681' : '#3d444d')) },
      hovertemplate: '%{x}: %{y:$,.0f}<extra>P&L</extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      x: dates,
      y: bc.varUsd.map((v) => -v),
      name: `-VaR ${fmtConf(conf)} (rolling ${backtest.windowDays}d)`,
      line: { color: RISK_COLORS.var, width: 1.5 },
      hovertemplate: '%{x}: %{y:$,.0f}<extra>-VaR</extra>',
    },
    {
      type: 'scatter',
      mode: 'markers',
      x: bc.breachLog.map((b) => iso(b.dayMs)),
      y: bc.breachLog.map((b) => -b.lossUsd),
      name: `breaches (${bc.breaches})`,
      marker: { color: RISK_COLORS.neg, size: 7, symbol: 'x' },
      hovertemplate: '%{x}: loss %{y:$,.0f}<extra>breach</extra>',
    },
  ];
  const tests = [
    { name: 'Kupiec (proportion of failures)', t: bc.kupiec, dof: 1 },
    { name: 'Christoffersen independence', t: bc.independence, dof: 1 },
    { name: 'Conditional coverage', t: bc.conditionalCoverage, dof: 2 },
  ];
  const tl = bc.trafficLight;
  return (
    <div className="risk-backtest" data-testid="backtest">
      <section className="panel">
        <header className="panel-head">
          <h2>VaR backtest &middot; {backtest.pnlUsd.length} test days</h2>
          <div className="seg">
            {confidences.map((a) => (
              <button key={a} className={a === conf ? 'on' : ''} onClick={() => setConf(a)}>
                {fmtConf(a)}
              </button>
            ))}
          </div>
          <span className={`traffic traffic-${tl.zone}`} data-testid="traffic-light">
            {tl.zone.toUpperCase()}
          </span>
        </header>
        <RiskChart
          testId="backtest-chart"
          height={320}
          data={data}
          layout={riskLayout({
            xaxis: { type: 'date' },
            yaxis: { title: { text: 'USD' }, tickformat: '$~s' },
          })}
        />
        <div className="footnote">
          {backtest.source}; breach = loss above the forecast made from the previous{' '}
          {backtest.windowDays} days.
        </div>
      </section>
      <div className="risk-backtest-row">
        <section className="panel">
          <header className="panel-head">
            <h2>Coverage tests</h2>
          </header>
          <table className="table compact" data-testid="backtest-tests">
            <tbody>
              <tr>
                <td>Breaches / expected</td>
                <td className="num">
                  {bc.breaches} / {fmtNumber(bc.expectedBreaches, 1)}
                </td>
                <td className="num muted">rate {fmtPct(bc.breachRate, 2)}</td>
              </tr>
              {tests.map(({ name, t, dof }) => {
                const v = verdict(t.pValue);
                return (
                  <tr key={name}>
                    <td>{name}</td>
                    <td className="num">
                      LR {fmtNumber(t.lr, 2)} <span className="muted">(&chi;&sup2;{dof})</span>
                    </td>
                    <td className="num">
                      p = {fmtNumber(t.pValue, 3)} <span className={v.cls}>{v.text}</span>
                    </td>
                  </tr>
                );
              })}
              <tr>
                <td>Basel traffic light (last {tl.days} days)</td>
                <td className="num">
                  {tl.breaches} breaches, P(X &le; x) {fmtPct(tl.cumulativeProbability, 2)}
                </td>
                <td className="num">plus factor {fmtNumber(tl.plusFactor, 2)}</td>
              </tr>
              <tr>
                <td>Transitions n00 / n01 / n10 / n11</td>
                <td className="num" colSpan={2}>
                  {bc.transitions.n00} / {bc.transitions.n01} / {bc.transitions.n10} /{' '}
                  {bc.transitions.n11}
                </td>
              </tr>
            </tbody>
          </table>
        </section>
        <section className="panel">
          <header className="panel-head">
            <h2>Breach log</h2>
            <span className="muted">latest first</span>
          </header>
          <div className="scroll-y">
            <table className="table compact" data-testid="breach-log">
              <thead>
                <tr>
                  <th>Day</th>
                  <th className="num">Loss</th>
                  <th className="num">VaR</th>
                  <th className="num">Excess</th>
                </tr>
              </thead>
              <tbody>
                {[...bc.breachLog].reverse().map((b) => (
                  <tr key={b.dayMs}>
                    <td>{iso(b.dayMs)}</td>
                    <td className="num neg">{fmtUsd(b.lossUsd, true)}</td>
                    <td className="num">{fmtUsd(b.varUsd, true)}</td>
                    <td className="num">{fmtUsd(b.lossUsd - b.varUsd, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <LiveRecord runId={runId} />
    </div>
  );
}
