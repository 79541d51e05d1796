/**
 * The OU z-score of ln mNAV: live value on a -3..+3 scale with the +-2 thresholds, its path over
 * the fit window, and the fit itself (speed, half-life, long-run mNAV) with the unit-root test
 * that says how far to trust it.
 */
import { useMemo } from 'react';
import { fmtNumber, fmtPct } from '../../ui/format';
import { dayOf, fmtMaybe, fmtMultiple, level, points } from './basis-format';
import type { BasisLive, BasisReport } from './basis.store';
import { LineChart, type ChartLine } from './line-chart';

function ZScale({ z }: { z: number | null }) {
  const clamp = (x: number) => Math.min(3, Math.max(-3, x));
  const pos = (x: number) => `${((clamp(x) + 3) / 6) * 100}%`;
  return (
    <div className="zscale" data-testid="basis-zscale" data-value={z ?? ''}>
      <div className="zscale-track">
        <span className="zscale-zone lo" />
        <span className="zscale-zone mid" />
        <span className="zscale-zone hi" />
        {z !== null ? <span className="zscale-needle" style={{ left: pos(z) }} /> : null}
      </div>
      <div className="zscale-ticks">
        {[-3, -2, -1, 0, 1, 2, 3].map((t) => (
          <span key={t} style={{ left: pos(t) }}>
            {t > 0 ? `+${t}` : t}
          </span>
        ))}
      </div>
    </div>
  );
}

export function ZScorePanel({
  report,
  live,
}: {
  report: BasisReport;
  live: BasisLive | undefined;
}) {
  const ou = report.ou;
  const zLive = live?.zScore ?? null;
  const z = zLive ?? ou?.zScore ?? null;
  const lines = useMemo<ChartLine[]>(() => {
    const s = report.series;
    const b = report.bands;
    if (!b) return [];
    const path = points(s.dateMs, s.zScore, b.windowStartMs);
    if (zLive !== null && live && dayOf(live.tsMs) > b.windowEndMs)
      path.push({ tsMs: dayOf(live.tsMs), value: zLive });
    const end = path.at(-1)?.tsMs ?? b.windowEndMs;
    return [
      { id: 'z', label: 'z-score', color: '#58a6ff', points: path },
      {
        id: 'p2',
        label: '±2',
        color: '#f85149',
        style: 'dotted',
        width: 1,
        points: level(b.windowStartMs, end, 2),
      },
      {
        id: 'm2',
        label: '-2',
        color: '#f85149',
        style: 'dotted',
        width: 1,
        points: level(b.windowStartMs, end, -2),
        hideInLegend: true,
      },
      {
        id: 'zero',
        label: 'mean',
        color: '#8b949e',
        style: 'dashed',
        width: 1,
        points: level(b.windowStartMs, end, 0),
        hideInLegend: true,
      },
    ];
  }, [report, zLive, live]);
  const tone = z === null ? '' : Math.abs(z) > 2 ? 'neg' : Math.abs(z) > 1 ? 'warn' : 'pos';
  return (
    <section className="panel" data-testid="basis-zscore-panel">
      <header className="panel-head">
        <h2>Premium z-score (OU on ln mNAV)</h2>
      </header>
      <div className="zpanel">
        <div className="zpanel-side">
          <div className="kpi-label">live z</div>
          <div className={`zbig ${tone}`} data-testid="basis-z-live">
            {z === null ? '—' : `${z > 0 ? '+' : ''}${fmtNumber(z, 2)}`}
          </div>
          <ZScale z={z} />
          <table className="table compact">
            <tbody>
              <tr>
                <td>z at last close</td>
                <td className="num">{fmtMaybe(ou?.zScore)}</td>
              </tr>
              <tr>
                <td>long-run mNAV</td>
                <td className="num">{fmtMultiple(ou?.meanMNav)}</td>
              </tr>
              <tr>
                <td>speed κ / year</td>
                <td className="num">
                  {ou ? `${fmtNumber(ou.speed, 2)} ± ${fmtNumber(ou.speedStdError, 2)}` : '—'}
                </td>
              </tr>
              <tr>
                <td>half-life</td>
                <td className="num">{ou ? `${fmtNumber(ou.halfLifeDays, 0)} d` : '—'}</td>
              </tr>
              <tr>
                <td>vol of ln mNAV</td>
                <td className="num">{ou ? `${fmtNumber(ou.volatility * 100, 1)}%` : '—'}</td>
              </tr>
              <tr>
                <td>ADF p (unit root)</td>
                <td className={`num ${report.adf && report.adf.pValue > 0.1 ? 'warn' : ''}`}>
                  {fmtMaybe(report.adf?.pValue, 3)}
                </td>
              </tr>
              <tr>
                <td>Engle-Granger p</td>
                <td
                  className={`num ${report.engleGranger && report.engleGranger.pValue > 0.05 ? 'warn' : ''}`}
                >
                  {fmtMaybe(report.engleGranger?.pValue, 3)}
                </td>
              </tr>
              {report.decoupling ? (
                <tr title={report.decoupling.band.scenario.description}>
                  <td>−2σ stress, BTC flat</td>
                  <td className="num neg" data-testid="basis-decoupling">
                    {fmtPct(report.decoupling.band.mstrSpotMove, 1)}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <div className="zpanel-chart">
          {lines.length > 0 ? (
            <LineChart
              lines={lines}
              format={(x) => fmtNumber(x, 2)}
              height={250}
              testId="basis-z-chart"
            />
          ) : (
            <div className="muted">No OU fit over this window (see the warnings).</div>
          )}
        </div>
      </div>
    </section>
  );
}
