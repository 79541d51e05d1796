/** Dark plotly layout and config matching theme.css, shared by the surface screen's charts. */
import type { Layout } from 'plotly.js-dist-min';

export const COLORS = {
  text: '#c9d1d9',
  muted: '#8b949e',
  grid: '#262c36',
  panel: '#161b22',
  accent: '#58a6ff',
  fit: '#58a6ff',
  market: '#f0f6fc',
  bidAsk: '#8b949e',
  warn: '#d29922',
  neg: '#f85149',
  pos: '#3fb950',
  history: '#d2a8ff',
};

const axis = {
  gridcolor: COLORS.grid,
  zerolinecolor: COLORS.grid,
  linecolor: COLORS.grid,
  tickfont: { size: 10, color: COLORS.muted },
  title: { font: { size: 11, color: COLORS.muted } },
};

export function darkLayout(extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    paper_bgcolor: COLORS.panel,
    plot_bgcolor: COLORS.panel,
    font: { family: 'system-ui, sans-serif', size: 11, color: COLORS.text },
    margin: { l: 48, r: 12, t: 8, b: 36 },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.08, font: { size: 10 }, bgcolor: 'rgba(0,0,0,0)' },
    hoverlabel: { bgcolor: '#0d1117', bordercolor: COLORS.grid, font: { color: COLORS.text } },
    ...extra,
    xaxis: { ...axis, ...(extra.xaxis ?? {}) },
    yaxis: { ...axis, ...(extra.yaxis ?? {}) },
  };
}

export const axisStyle = axis;

export const PLOT_CONFIG = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['lasso2d', 'select2d', 'toImage', 'sendDataToCloud'],
};
