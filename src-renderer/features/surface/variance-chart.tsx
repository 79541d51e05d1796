/**
 * Total implied variance w(k) = vol^2 T of every fitted expiry: the calendar condition says these
 * curves never cross (w rises with T at every k), the butterfly condition that none bends too
 * sharply. Calendar violations are marked on the k axis.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceFitView } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';

function shade(i: number, n: number): string {
  // From the accent blue (short) to violet (long).
  const x = n > 1 ? i / (n - 1) : 0;
  const r = Math.round(88 + x * (210 - 88));
  const g = Math.round(166 + x * (168 - 166));
  const b = 255;
  return `rgb(${r},${g},${b})`;
}

export function VarianceChart({ fit, height }: { fit: SurfaceFitView; height: number }) {
  const data = useMemo(
    (): Data[] =>
      fit.slices.map((s, i) => ({
        type: 'scatter',
        mode: 'lines',
        name: s.expiry,
        x: s.curve.k,
        y: s.curve.iv.map((v) => v * v * s.tYears),
        line: { color: shade(i, fit.slices.length), width: 1.4 },
        hovertemplate: `${s.expiry}<br>k %{x:.3f}<br>w %{y:.5f}<extra></extra>`,
      })),
    [fit],
  );
  return (
    <Chart
      testId="variance-chart"
      height={height}
      data={data}
      layout={darkLayout({
        showlegend: false,
        margin: { l: 48, r: 8, t: 6, b: 32 },
        xaxis: { title: { text: 'k = ln(K/F)' } },
        yaxis: { title: { text: 'total variance' } },
        shapes: fit.arbitrage.calendar.map((c) => ({
          type: 'rect',
          x0: c.kMin,
          x1: c.kMax,
          yref: 'paper',
          y0: 0,
          y1: 1,
          fillcolor: COLORS.neg,
          opacity: 0.15,
          line: { width: 0 },
        })),
        uirevision: `${fit.underlying}|${fit.model}`,
      })}
    />
  );
}
