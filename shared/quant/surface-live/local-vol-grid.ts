/**
 * Dupire local vol of a fitted surface for the screen: a k x T heatmap and, per fitted expiry,
 * local vol along the expiry's smile curve (beside the implied smile). Where `localVol` is
 * undefined (butterfly or calendar arbitrage at that point, or no variance) the cell is null, so
 * the chart draws a gap; NaN never leaves here.
 *
 * Rows are log-spaced in T from the first to the last fitted expiry (the short end, where local
 * vol moves most, gets more rows). Columns span the union of the quoted k ranges. Between expiries
 * the surface is linear in T at fixed k, so dw/dT is constant there and local vol is continuous
 * in k but may step at each expiry: bands in the heatmap are the interpolation, not the data.
 */
import type { SurfaceModel } from '../../domain/vol-surface';
import type { SurfaceLocalVolView } from '../../domain/vol-models';
import { localVol } from '../surface/local-vol';
import type { VolSurface } from '../surface/surface';

export interface LocalVolGridOptions {
  rows?: number;
  columns?: number;
}

export interface LocalVolSliceInput {
  expiry: string;
  tYears: number;
  forward: number;
  /** The smile curve's log-moneyness points (the fit view's curve.k). */
  k: readonly number[];
}

function finiteOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

export function localVolView(
  surface: VolSurface,
  meta: { underlying: string; model: SurfaceModel; asOfMs: number },
  kRange: [number, number],
  slices: readonly LocalVolSliceInput[],
  options: LocalVolGridOptions = {},
): SurfaceLocalVolView {
  const rows = Math.max(2, Math.floor(options.rows ?? 36));
  const columns = Math.max(2, Math.floor(options.columns ?? 49));
  const first = surface.slices[0];
  const last = surface.slices[surface.slices.length - 1];
  if (!first || !last) throw new RangeError('localVolView: the surface has no slices');
  const [kLo, kHi] = kRange;
  const k: number[] = [];
  for (let c = 0; c < columns; c++) k.push(kLo + ((kHi - kLo) * c) / (columns - 1));
  const t0 = first.tYears;
  const t1 = Math.max(last.tYears, t0 * 1.0001);
  const days: number[] = [];
  const grid: (number | null)[][] = [];
  let undefinedCells = 0;
  for (let r = 0; r < rows; r++) {
    const t = t0 * Math.pow(t1 / t0, r / (rows - 1));
    const row = k.map((x) => finiteOrNull(localVol(surface, x, t)));
    undefinedCells += row.filter((v) => v === null).length;
    days.push(t * 365);
    grid.push(row);
  }
  return {
    ...meta,
    k,
    days,
    localVol: grid,
    undefinedCells,
    slices: slices.map((s) => ({
      expiry: s.expiry,
      tYears: s.tYears,
      k: [...s.k],
      strike: s.k.map((x) => s.forward * Math.exp(x)),
      impliedVol: s.k.map((x) => surface.iv(x, s.tYears)),
      localVol: s.k.map((x) => finiteOrNull(localVol(surface, x, s.tYears))),
      atmImpliedVol: surface.iv(0, s.tYears),
      atmLocalVol: finiteOrNull(localVol(surface, 0, s.tYears)),
    })),
  };
}
