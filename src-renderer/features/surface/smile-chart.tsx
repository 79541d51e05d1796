/**
 * The smile of one expiry: each quote's bid/ask vols as a bar, the vol the fit aimed at (the venue
 * mark, else the mid) as a point, coloured by whether the fit lies inside the bid/ask, and the
 * fitted curve over the quoted strikes. A dashed line marks the forward.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';
import { strikeText, volPct } from './surface-format';

function bidAskBars(slice: SurfaceSliceView): { x: (number | null)[]; y: (number | null)[] } {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const p of slice.market) {
    if (p.bidIv === undefined || p.askIv === undefined) continue;
    x.push(p.strike, p.strike, null);
    y.push(100 * p.bidIv, 100 * p.askIv, null);
  }
  return { x, y };
}

export function SmileChart({ slice, height }: { slice: SurfaceSliceView; height: number }) {
  const data = useMemo((): Data[] => {
    const bars = bidAskBars(slice);
    const color = slice.market.map((p) =>
      p.inside === false ? COLORS.warn : p.inside ? COLORS.market : COLORS.muted,
    );
    return [
      {
        type: 'scatter',
        mode: 'lines',
        name: 'bid / ask',
        x: bars.x,
        y: bars.y,
        line: { color: COLORS.bidAsk, width: 2 },
        hoverinfo: 'skip',
        connectgaps: false,
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'market',
        x: slice.market.map((p) => p.strike),
        y: slice.market.map((p) => 100 * p.targetIv),
        marker: { size: 6, color, line: { width: 0 } },
        customdata: slice.market.map((p) => [
          p.bidIv === undefined ? '\u2014' : volPct(p.bidIv, 2),
          p.askIv === undefined ? '\u2014' : volPct(p.askIv, 2),
          volPct(p.fitIv, 2),
          p.residualVolPts.toFixed(2),
        ]),
        hovertemplate:
          'K %{x}<br>target %{y:.2f}%<br>bid %{customdata[0]} / ask %{customdata[1]}' +
          '<br>fit %{customdata[2]} (resid %{customdata[3]} pts)<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: 'fit',
        x: slice.curve.strike,
        y: slice.curve.iv.map((v) => 100 * v),
        line: { color: COLORS.fit, width: 2.2, shape: 'spline' },
        hovertemplate: 'K %{x:.0f}<br>fit %{y:.2f}%<extra></extra>',
      },
    ];
  }, [slice]);
  const ivs = slice.market.flatMap((p) => [p.bidIv ?? p.targetIv, p.askIv ?? p.targetIv]);
  const lo = Math.min(...ivs, ...slice.curve.iv);
  const hi = Math.max(...ivs, ...slice.curve.iv);
  const pad = Math.max(0.005, 0.08 * (hi - lo));
  return (
    <Chart
      testId="smile-chart"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 48, r: 12, t: 26, b: 38 },
        xaxis: { title: { text: `strike (forward ${strikeText(slice.forward)})` } },
        yaxis: {
          title: { text: 'implied vol %' },
          range: [100 * (lo - pad), 100 * (hi + pad)],
          ticksuffix: '',
        },
        shapes: [
          {
            type: 'line',
            x0: slice.forward,
            x1: slice.forward,
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
