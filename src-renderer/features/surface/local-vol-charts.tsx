/**
 * Dupire local vol charts: the k x T heatmap (gaps where local vol is undefined, fitted expiries
 * marked) and one expiry's local-vol slice beside its implied smile, both against strike.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceLocalVolView } from '../../../shared/domain/vol-models';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';
import { strikeText } from './surface-format';

const COLORSCALE: [number, string][] = [
  [0, '#0b3d91'],
  [0.25, '#1f6feb'],
  [0.5, '#2ea043'],
  [0.75, '#d29922'],
  [1, '#f85149'],
];
const DAY_TICKS = [1, 2, 7, 14, 30, 60, 120, 240, 365];
export const LOCAL_VOL_COLOR = '#f0883e';

/** Colour range from the 2nd to the 98th percentile, so a few wing cells do not wash it out. */
function colourRange(cells: (number | null)[][]): [number, number] | undefined {
  const xs = cells
    .flat()
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;
  return [100 * at(0.02), 100 * at(0.98)];
}

export function LocalVolHeatmap({
  view,
  expiryDays,
  height,
}: {
  view: SurfaceLocalVolView;
  expiryDays: number[];
  height: number;
}) {
  const range = useMemo(() => colourRange(view.localVol), [view]);
  const data = useMemo(
    (): Data[] => [
      {
        type: 'heatmap',
        x: view.k,
        y: view.days,
        z: view.localVol.map((row) => row.map((v) => (v === null ? null : 100 * v))),
        customdata: view.localVol.map(() => view.k.map((k) => Math.exp(k))),
        colorscale: COLORSCALE,
        ...(range ? { zmin: range[0], zmax: range[1], zauto: false } : {}),
        hoverongaps: false,
        colorbar: {
          thickness: 10,
          len: 0.85,
          title: { text: 'local vol %', font: { size: 10, color: COLORS.muted } },
          tickfont: { size: 10, color: COLORS.muted },
        },
        hovertemplate:
          'k %{x:.3f} (K/F %{customdata:.3f})<br>%{y:.1f} days<br>local vol %{z:.1f}%<extra></extra>',
      },
    ],
    [view, range],
  );
  return (
    <Chart
      testId="local-vol-heatmap"
      height={height}
      data={data}
      layout={darkLayout({
        showlegend: false,
        margin: { l: 52, r: 8, t: 8, b: 38 },
        xaxis: { title: { text: 'k = ln(K/F)' } },
        yaxis: {
          title: { text: 'days to expiry' },
          type: 'log',
          tickvals: DAY_TICKS,
          ticktext: DAY_TICKS.map(String),
        },
        shapes: expiryDays.map((d) => ({
          type: 'line',
          xref: 'paper',
          x0: 0,
          x1: 1,
          y0: d,
          y1: d,
          line: { color: 'rgba(240,246,252,0.35)', width: 1, dash: 'dot' },
        })),
        uirevision: `${view.underlying}|${view.model}`,
      })}
    />
  );
}

export function LocalVolSliceChart({
  slice,
  forward,
  height,
}: {
  slice: SurfaceLocalVolView['slices'][number];
  forward: number;
  height: number;
}) {
  const data = useMemo(
    (): Data[] => [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'implied (fit)',
        x: slice.strike,
        y: slice.impliedVol.map((v) => 100 * v),
        line: { color: COLORS.fit, width: 2.2 },
        hovertemplate: 'K %{x:.0f}<br>implied %{y:.2f}%<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'local (Dupire)',
        x: slice.strike,
        y: slice.localVol.map((v) => (v === null ? null : 100 * v)),
        line: { color: LOCAL_VOL_COLOR, width: 2.2 },
        connectgaps: false,
        hovertemplate: 'K %{x:.0f}<br>local %{y:.2f}%<extra></extra>',
      },
    ],
    [slice],
  );
  return (
    <Chart
      testId="local-vol-slice"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 48, r: 12, t: 26, b: 38 },
        xaxis: { title: { text: `strike (forward ${strikeText(forward)})` } },
        yaxis: { title: { text: 'vol %' } },
        shapes: [
          {
            type: 'line',
            x0: forward,
            x1: forward,
            yref: 'paper',
            y0: 0,
            y1: 1,
            line: { color: COLORS.muted, width: 1, dash: 'dot' },
          },
        ],
        uirevision: slice.expiry,
      })}
    />
  );
}

/** At-the-money implied and local vol of every fitted expiry. */
export function LocalVolTermChart({ view, height }: { view: SurfaceLocalVolView; height: number }) {
  const data = useMemo((): Data[] => {
    const x = view.slices.map((s) => s.tYears * 365);
    return [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'ATM implied',
        x,
        y: view.slices.map((s) => 100 * s.atmImpliedVol),
        line: { color: COLORS.fit, width: 1.8 },
        marker: { size: 5 },
        hovertemplate: '%{x:.1f} days<br>ATM implied %{y:.2f}%<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'ATM local',
        x,
        y: view.slices.map((s) => (s.atmLocalVol === null ? null : 100 * s.atmLocalVol)),
        line: { color: LOCAL_VOL_COLOR, width: 1.8 },
        marker: { size: 5 },
        connectgaps: false,
        hovertemplate: '%{x:.1f} days<br>ATM local %{y:.2f}%<extra></extra>',
      },
    ];
  }, [view]);
  return (
    <Chart
      testId="local-vol-term"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 48, r: 12, t: 22, b: 34 },
        xaxis: {
          title: { text: 'days to expiry' },
          type: 'log',
          tickvals: DAY_TICKS,
          ticktext: DAY_TICKS.map(String),
        },
        yaxis: { title: { text: 'ATM vol %' } },
        uirevision: `${view.underlying}|${view.model}`,
      })}
    />
  );
}
