/** A plotly chart of the risk screen: dark theme, lazy plotly, a placeholder of its size meanwhile. */
import { lazy, Suspense } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';

const Plot = lazy(() => import('./plot'));

export const RISK_COLORS = {
  text: '#c9d1d9',
  muted: '#8b949e',
  grid: '#262c36',
  panel: '#161b22',
  accent: '#58a6ff',
  var: '#d29922',
  es: '#f85149',
  pos: '#3fb950',
  neg: '#f85149',
  bars: '#388bfd',
  secondary: '#a371f7',
};

const axis = {
  gridcolor: RISK_COLORS.grid,
  zerolinecolor: '#3d444d',
  linecolor: RISK_COLORS.grid,
  tickfont: { size: 10, color: RISK_COLORS.muted },
  title: { font: { size: 11, color: RISK_COLORS.muted } },
};

export function riskLayout(extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    paper_bgcolor: RISK_COLORS.panel,
    plot_bgcolor: RISK_COLORS.panel,
    font: { family: 'system-ui, sans-serif', size: 11, color: RISK_COLORS.text },
    margin: { l: 56, r: 12, t: 8, b: 36 },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.1, font: { size: 10 }, bgcolor: 'rgba(0,0,0,0)' },
    hoverlabel: {
      bgcolor: '#0d1117',
      bordercolor: RISK_COLORS.grid,
      font: { color: RISK_COLORS.text },
    },
    bargap: 0.05,
    ...extra,
    xaxis: { ...axis, ...(extra.xaxis ?? {}) },
    yaxis: { ...axis, ...(extra.yaxis ?? {}) },
  };
}

const CONFIG = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['lasso2d', 'select2d', 'toImage', 'sendDataToCloud'],
} as const;

interface RiskChartProps {
  data: Data[];
  layout: Partial<Layout>;
  height: number;
  testId: string;
}

export function RiskChart({ data, layout, height, testId }: RiskChartProps) {
  return (
    <div className="risk-chart" data-testid={testId} style={{ height }}>
      <Suspense fallback={<div className="chart-loading">Loading chart{'\u2026'}</div>}>
        <Plot
          data={data}
          layout={{ ...layout, autosize: true, height }}
          config={CONFIG}
          style={{ width: '100%', height }}
          useResizeHandler
        />
      </Suspense>
    </div>
  );
}
