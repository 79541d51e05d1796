/**
 * The fitted surface in 3D: implied vol over moneyness K/F and days to expiry (log scale, so the
 * dailies are not squeezed into a wall), each row spanning the strikes quoted at that expiry,
 * with the market vols the fit aimed at drawn as points.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceGrid } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { axisStyle, COLORS, darkLayout } from './plot-theme';

const DAY_TICKS = [1, 2, 7, 14, 30, 60, 120, 240, 365];

const COLORSCALE: [number, string][] = [
  [0, '#0b3d91'],
  [0.25, '#1f6feb'],
  [0.5, '#2ea043'],
  [0.75, '#d29922'],
  [1, '#f85149'],
];

export function Surface3d({ grid, height }: { grid: SurfaceGrid; height: number }) {
  const data = useMemo((): Data[] => {
    const z = grid.iv.map((row) => row.map((v) => 100 * v));
    const y = grid.days.map((d, i) => (grid.moneyness[i] ?? []).map(() => d));
    return [
      {
        type: 'surface',
        name: 'fit',
        x: grid.moneyness,
        y,
        z,
        colorscale: COLORSCALE,
        opacity: 0.93,
        showscale: true,
        colorbar: {
          thickness: 10,
          len: 0.7,
          title: { text: 'IV %', font: { size: 10, color: COLORS.muted } },
          tickfont: { size: 10, color: COLORS.muted },
        },
        contours: {
          z: { show: true, usecolormap: true, project: { z: false }, width: 1 },
        },
        hovertemplate: 'K/F %{x:.3f}<br>%{y:.1f} days<br>IV %{z:.2f}%<extra>fit</extra>',
      },
      {
        type: 'scatter3d',
        mode: 'markers',
        name: 'market',
        x: grid.market.moneyness,
        y: grid.market.days,
        z: grid.market.iv.map((v) => 100 * v),
        marker: { size: 2.6, color: COLORS.market, line: { width: 0 } },
        hovertemplate: 'K/F %{x:.3f}<br>%{y:.1f} days<br>IV %{z:.2f}%<extra>market</extra>',
      },
    ];
  }, [grid]);
  const scene = {
    bgcolor: COLORS.panel,
    xaxis: { ...axisStyle, title: { text: 'K / F', font: { size: 11, color: COLORS.muted } } },
    yaxis: {
      ...axisStyle,
      type: 'log' as const,
      tickvals: DAY_TICKS,
      ticktext: DAY_TICKS.map(String),
      title: { text: 'days', font: { size: 11, color: COLORS.muted } },
    },
    zaxis: { ...axisStyle, title: { text: 'IV %', font: { size: 11, color: COLORS.muted } } },
    camera: { eye: { x: 1.55, y: -1.55, z: 0.75 } },
    aspectratio: { x: 1.3, y: 1.3, z: 0.8 },
  };
  return (
    <Chart
      testId="surface-3d"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 0, r: 0, t: 0, b: 0 },
        legend: { x: 0.01, y: 0.99, font: { size: 10 }, bgcolor: 'rgba(0,0,0,0)' },
        scene,
        uirevision: `${grid.underlying}|${grid.model}`,
      })}
    />
  );
}
