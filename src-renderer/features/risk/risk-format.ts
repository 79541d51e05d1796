/** Labels and small formatters of the risk screens (numbers go through ui/format: never NaN). */
import type { VarMethodId } from '../../../shared/quant/risk-live/risk-views';
import { fmtUsd } from '../../ui/format';

export const METHOD_ORDER: VarMethodId[] = [
  'historical',
  'historical-ewma',
  'filtered-ewma',
  'filtered-garch',
  'montecarlo',
  'parametric-normal',
  'parametric-t',
  'cornish-fisher',
];

export const METHOD_SHORT: Record<VarMethodId, string> = {
  historical: 'Historical',
  'historical-ewma': 'Historical EWMA',
  'filtered-ewma': 'Filtered HS (EWMA)',
  'filtered-garch': 'Filtered HS (GARCH)',
  montecarlo: 'Monte Carlo',
  'parametric-normal': 'Normal (delta)',
  'parametric-t': 'Student-t',
  'cornish-fisher': 'Cornish-Fisher',
};

/** Methods with a scenario P&L distribution (histograms, contributions). */
export const SCENARIO_METHODS: VarMethodId[] = [
  'historical',
  'historical-ewma',
  'filtered-ewma',
  'filtered-garch',
  'montecarlo',
];

export const fmtHorizon = (h: number) => `${h}d`;
export const fmtConf = (a: number) => `${Math.round(a * 1000) / 10}%`;
export const usdK = (x: number | null | undefined) => fmtUsd(x ?? undefined, true);

export function fmtAgo(tsMs: number | null | undefined, nowMs: number): string {
  if (tsMs === null || tsMs === undefined || !Number.isFinite(tsMs)) return '\u2014';
  const s = Math.max(0, Math.round((nowMs - tsMs) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s ago`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ago`;
}

/** Background for a heat cell: green (0) through amber (0.8) to red (>= 1) usage. */
export function heatColor(usage: number | null | undefined): string {
  if (usage === null || usage === undefined || !Number.isFinite(usage)) return 'transparent';
  const u = Math.max(0, Math.min(1.2, usage));
  const stops: [number, [number, number, number]][] = [
    [0, [35, 134, 54]],
    [0.5, [120, 130, 30]],
    [0.8, [158, 106, 3]],
    [1, [218, 54, 51]],
    [1.2, [160, 20, 20]],
  ];
  let i = 0;
  while (i < stops.length - 2 && u > (stops[i + 1] as [number, unknown])[0]) i++;
  const [a, ca] = stops[i] as [number, [number, number, number]];
  const [b, cb] = stops[i + 1] as [number, [number, number, number]];
  const t = b > a ? (u - a) / (b - a) : 0;
  const c = ca.map((x, k) => Math.round(x + ((cb[k] as number) - x) * t));
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, 0.55)`;
}

/** Diverging background for P&L cells: red for losses, green for gains, by |pnl| / scale. */
export function pnlColor(pnl: number, scale: number): string {
  if (!Number.isFinite(pnl) || !(scale > 0)) return 'transparent';
  const a = Math.min(1, Math.abs(pnl) / scale) * 0.7 + 0.05;
  return pnl < 0 ? `rgba(218, 54, 51, ${a.toFixed(3)})` : `rgba(35, 134, 54, ${a.toFixed(3)})`;
}
