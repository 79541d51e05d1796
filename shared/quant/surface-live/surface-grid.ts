/**
 * The 3D grid of the surface screen. Rows are maturities: every fitted expiry (so the market
 * points sit on the drawn surface) plus a few interpolated rows between neighbours. Each row spans
 * the k range the market quotes at that maturity (interpolated linearly in T between expiries), so
 * the plot shows the surface where it is backed by quotes rather than its extrapolated wings.
 */
import type { SurfaceGrid, SurfaceModel } from '../../domain/vol-surface';
import type { VolSurface } from '../surface/surface';

export interface GridRange {
  tYears: number;
  kMin: number;
  kMax: number;
}

export interface GridOptions {
  /** Interpolated rows between consecutive expiries (default 3). */
  between?: number;
  /** Columns per row (default 41). */
  columns?: number;
}

function lerp(a: number, b: number, x: number): number {
  return a + (b - a) * x;
}

export function surfaceGrid(
  surface: VolSurface,
  ranges: readonly GridRange[],
  meta: { underlying: string; model: SurfaceModel; asOfMs: number },
  market: SurfaceGrid['market'],
  options: GridOptions = {},
): SurfaceGrid {
  const between = Math.max(0, Math.floor(options.between ?? 3));
  const columns = Math.max(2, Math.floor(options.columns ?? 41));
  const sorted = [...ranges].sort((x, y) => x.tYears - y.tYears);
  const rows: GridRange[] = [];
  sorted.forEach((r, i) => {
    const next = sorted[i + 1];
    rows.push(r);
    if (!next) return;
    for (let j = 1; j <= between; j++) {
      const x = j / (between + 1);
      rows.push({
        tYears: lerp(r.tYears, next.tYears, x),
        kMin: lerp(r.kMin, next.kMin, x),
        kMax: lerp(r.kMax, next.kMax, x),
      });
    }
  });
  const grid: SurfaceGrid = { ...meta, days: [], moneyness: [], iv: [], market };
  for (const r of rows) {
    const mRow: number[] = [];
    const ivRow: number[] = [];
    for (let c = 0; c < columns; c++) {
      const k = lerp(r.kMin, r.kMax, c / (columns - 1));
      const iv = surface.iv(k, r.tYears);
      mRow.push(Math.exp(k));
      ivRow.push(Number.isFinite(iv) ? iv : 0);
    }
    grid.days.push(r.tYears * 365);
    grid.moneyness.push(mRow);
    grid.iv.push(ivRow);
  }
  return grid;
}
