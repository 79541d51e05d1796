/**
 * ATM term structure: the ATM vol of every fitted expiry, the constant-maturity tenors read off
 * the interpolated surface, and (when the time slider points into the past) the tenors stored at
 * that time, to compare the term structure then and now.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceFitView, SurfaceHistoryPoint } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';
import { timeText } from './surface-format';

export function TermChart({
  fit,
  past,
  height,
}: {
  fit: SurfaceFitView;
  past: SurfaceHistoryPoint | undefined;
  height: number;
}) {
  const data = useMemo((): Data[] => {
    const traces: Data[] = [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'ATM by expiry',
        x: fit.atmTerm.map((p) => p.tYears * 365),
        y: fit.atmTerm.map((p) => 100 * p.atmVol),
        customdata: fit.atmTerm.map((p) => p.expiry),
        line: { color: COLORS.fit, width: 2 },
        marker: { size: 6 },
        hovertemplate: '%{customdata}<br>%{x:.1f} days<br>ATM %{y:.2f}%<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'tenors now',
        x: fit.tenors.map((t) => t.tenorDays),
        y: fit.tenors.map((t) => 100 * t.atmVol),
        marker: { size: 9, symbol: 'diamond-open', color: COLORS.market },
        hovertemplate: '%{x}d ATM %{y:.2f}%<extra>now</extra>',
      },
    ];
    if (past) {
      traces.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: `at ${timeText(past.tsMs).slice(11, 16)}`,
        x: past.tenors.map((t) => t.tenorDays),
        y: past.tenors.map((t) => 100 * t.atmVol),
        line: { color: COLORS.history, width: 1.6, dash: 'dash' },
        marker: { size: 6, color: COLORS.history },
        hovertemplate: '%{x}d ATM %{y:.2f}%<extra>history</extra>',
      });
    }
    return traces;
  }, [fit, past]);
  return (
    <Chart
      testId="term-chart"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 44, r: 10, t: 24, b: 36 },
        xaxis: { type: 'log', title: { text: 'days to expiry' } },
        yaxis: { title: { text: 'ATM vol %' } },
        uirevision: fit.underlying,
      })}
    />
  );
}
