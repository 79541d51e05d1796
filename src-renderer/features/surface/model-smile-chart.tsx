/**
 * One expiry's smiles side by side: the market (target vols with bid/ask bars), the arbitrage-free
 * SVI fit, and the Heston and Merton smiles calibrated to the whole SVI surface.
 */
import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { ModelSmileView } from '../../../shared/domain/vol-models';
import type { SurfaceSliceView } from '../../../shared/domain/vol-surface';
import { Chart } from './chart';
import { COLORS, darkLayout } from './plot-theme';
import { strikeText } from './surface-format';

export const MODEL_COLORS = { svi: COLORS.fit, heston: '#d2a8ff', merton: '#ffa657' } as const;

const pct = (v: number | null) => (v === null ? null : 100 * v);

export function ModelSmileChart({
  smile,
  market,
  height,
}: {
  smile: ModelSmileView;
  market: SurfaceSliceView | undefined;
  height: number;
}) {
  const data = useMemo((): Data[] => {
    const traces: Data[] = [];
    if (market) {
      const x: (number | null)[] = [];
      const y: (number | null)[] = [];
      for (const p of market.market) {
        if (p.bidIv === undefined || p.askIv === undefined) continue;
        x.push(p.strike, p.strike, null);
        y.push(100 * p.bidIv, 100 * p.askIv, null);
      }
      traces.push(
        {
          type: 'scatter',
          mode: 'lines',
          name: 'bid / ask',
          x,
          y,
          line: { color: COLORS.bidAsk, width: 2 },
          hoverinfo: 'skip',
        },
        {
          type: 'scatter',
          mode: 'markers',
          name: 'market',
          x: market.market.map((p) => p.strike),
          y: market.market.map((p) => 100 * p.targetIv),
          marker: { size: 5, color: COLORS.market },
          hovertemplate: 'K %{x}<br>market %{y:.2f}%<extra></extra>',
        },
      );
    }
    const curve = (
      name: string,
      ys: (number | null)[],
      color: string,
      dash?: 'dash' | 'dot',
    ): Data => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: smile.strike,
      y: ys.map(pct),
      line: { color, width: 2, ...(dash ? { dash } : {}) },
      connectgaps: false,
      hovertemplate: `K %{x:.0f}<br>${name} %{y:.2f}%<extra></extra>`,
    });
    traces.push(
      curve('SVI', smile.sviIv, MODEL_COLORS.svi),
      curve('Heston', smile.hestonIv, MODEL_COLORS.heston, 'dash'),
      curve('Merton', smile.mertonIv, MODEL_COLORS.merton, 'dot'),
    );
    return traces;
  }, [smile, market]);
  const all = [...smile.sviIv, ...smile.hestonIv, ...smile.mertonIv].filter(
    (v): v is number => v !== null,
  );
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max(0.005, 0.06 * (hi - lo));
  return (
    <Chart
      testId="model-smile-chart"
      height={height}
      data={data}
      layout={darkLayout({
        margin: { l: 48, r: 12, t: 26, b: 38 },
        xaxis: { title: { text: `strike (forward ${strikeText(smile.forward)})` } },
        yaxis: { title: { text: 'implied vol %' }, range: [100 * (lo - pad), 100 * (hi + pad)] },
        shapes: [
          {
            type: 'line',
            x0: smile.forward,
            x1: smile.forward,
            yref: 'paper',
            y0: 0,
            y1: 1,
            line: { color: COLORS.muted, width: 1, dash: 'dot' },
          },
        ],
        uirevision: smile.expiry,
      })}
    />
  );
}

/** Each model's RMSE against the market per expiry (within 2 ATM standard deviations). */
export function ModelRmseChart({
  slices,
  height,
}: {
  slices: readonly ModelSmileView[];
  height: number;
}) {
  const data = useMemo((): Data[] => {
    const x = slices.map((s) => s.expiry);
    const bar = (name: string, ys: (number | undefined)[], color: string): Data => ({
      type: 'bar',
      name,
      x,
      y: ys.map((v) => v ?? null),
      marker: { color },
      hovertemplate: `%{x}<br>${name} %{y:.2f} vol pts<extra></extra>`,
    });
    return [
      bar(
        'Heston',
        slices.map((s) => s.rmseVolPts.heston),
        MODEL_COLORS.heston,
      ),
      bar(
        'Merton',
        slices.map((s) => s.rmseVolPts.merton),
        MODEL_COLORS.merton,
      ),
    ];
  }, [slices]);
  return (
    <Chart
      testId="model-rmse-chart"
      height={height}
      data={data}
      layout={darkLayout({
        barmode: 'group',
        margin: { l: 40, r: 8, t: 26, b: 44 },
        legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.25, font: { size: 10 } },
        xaxis: { type: 'category', tickangle: -30 },
        yaxis: { title: { text: 'RMSE, vol pts' } },
      })}
    />
  );
}
