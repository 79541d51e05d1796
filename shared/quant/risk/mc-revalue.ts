/**
 * Per-path portfolio P&L of a range of Monte Carlo paths, given their factor moves: the second
 * half of the Monte Carlo kernel (the first is `mc-simulate.ts`). Pure, allocation-free in the
 * loop, splittable by path range like the simulation; writes the total P&L of each path and,
 * optionally, the P&L of each underlying (for contributions).
 *
 * Schemes: 'grid' (per-underlying bicubic P&L grids, `book-grid.ts`), 'full' (every option row
 * priced at every path: the reference, slow) and 'delta-gamma-vega' (labelled approximation).
 */
import type { BookGrid } from './grid-interp';
import type { HorizonFactors, KernelHooks } from './mc-simulate';
import { McCancelledError } from './mc-simulate';
import { underlyingPnlExact, type RevalBook, type UnderlyingMove } from './reval-rows';
import { taylorUnderlyingPnl, type TaylorCoefficients } from './taylor-approx';

export type RevalScheme = 'grid' | 'full' | 'delta-gamma-vega';

export type RevalEngine =
  | { scheme: 'grid'; grid: BookGrid }
  | { scheme: 'full'; book: RevalBook; move: Omit<UnderlyingMove, 'x' | 'volMultiplier'> }
  | { scheme: 'delta-gamma-vega'; taylor: TaylorCoefficients };

const CHECK_EVERY = 4096;

/**
 * Fills `total[p]` (and `parts[p * nU + u]` when given) for the `count` paths of `f`.
 * Checks cancellation and reports progress every 4096 paths.
 */
export function revalueRange(
  engine: RevalEngine,
  f: HorizonFactors,
  nU: number,
  total: Float64Array,
  parts: Float64Array | undefined,
  hooks: KernelHooks = {},
): void {
  const count = total.length;
  if (f.x.length !== count * nU)
    throw new RangeError(`revalue: ${f.x.length} factor values for ${count} paths x ${nU}`);
  if (engine.scheme === 'grid') {
    revalueGridRange(engine.grid, f, nU, total, parts, hooks);
    return;
  }
  const move: UnderlyingMove =
    engine.scheme === 'full'
      ? { x: 0, volMultiplier: 1, ...engine.move }
      : { x: 0, volMultiplier: 1, volAddAbs: 0, rateShift: 0, dtYears: 0 };
  for (let p0 = 0; p0 < count; p0 += CHECK_EVERY) {
    if (hooks.isCancelled?.()) throw new McCancelledError('Monte Carlo cancelled');
    const p1 = Math.min(count, p0 + CHECK_EVERY);
    for (let p = p0; p < p1; p++) {
      let sum = 0;
      for (let u = 0; u < nU; u++) {
        const x = f.x[p * nU + u] as number;
        const v = f.v[p * nU + u] as number;
        let pnl: number;
        if (engine.scheme === 'delta-gamma-vega') {
          pnl = taylorUnderlyingPnl(engine.taylor, u, x, v);
        } else {
          move.x = x;
          move.volMultiplier = Math.exp(v);
          pnl = underlyingPnlExact(engine.book, u, move);
        }
        if (parts) parts[p * nU + u] = pnl;
        sum += pnl;
      }
      total[p] = sum;
    }
    hooks.onProgress?.(p1, count);
  }
}

/**
 * The grid scheme's loop with the interpolation of `grid-interp.ts` written out inline (same
 * arithmetic as `gridUnderlyingPnl`, checked equal in tests): no calls or allocation per path.
 */
function revalueGridRange(
  g: BookGrid,
  f: HorizonFactors,
  nU: number,
  total: Float64Array,
  parts: Float64Array | undefined,
  hooks: KernelHooks,
): void {
  const count = total.length;
  const { nXi, nV, values, scale, xi0, dXi, v0, dV, linearUsd } = g;
  const jMax = nXi - 3;
  const kMax = nV - 3;
  for (let p0 = 0; p0 < count; p0 += CHECK_EVERY) {
    if (hooks.isCancelled?.()) throw new McCancelledError('Monte Carlo cancelled');
    const p1 = Math.min(count, p0 + CHECK_EVERY);
    for (let p = p0; p < p1; p++) {
      let sum = 0;
      for (let u = 0; u < nU; u++) {
        const i = p * nU + u;
        const x = f.x[i] as number;
        const fx = (Math.asinh(x / (scale[u] as number)) - (xi0[u] as number)) / (dXi[u] as number);
        let j = Math.floor(fx);
        j = j < 1 ? 1 : j > jMax ? jMax : j;
        const t = fx - j;
        const t2 = t * t;
        const t3 = t2 * t;
        const a0 = 0.5 * (-t3 + 2 * t2 - t);
        const a1 = 0.5 * (3 * t3 - 5 * t2 + 2);
        const a2 = 0.5 * (-3 * t3 + 4 * t2 + t);
        const a3 = 0.5 * (t3 - t2);
        const base = u * nXi * nV;
        let s: number;
        if (nV === 1) {
          const o = base + j - 1;
          s =
            a0 * (values[o] as number) +
            a1 * (values[o + 1] as number) +
            a2 * (values[o + 2] as number) +
            a3 * (values[o + 3] as number);
        } else {
          const fv = ((f.v[i] as number) - (v0[u] as number)) / (dV[u] as number);
          let k = Math.floor(fv);
          k = k < 1 ? 1 : k > kMax ? kMax : k;
          const w = fv - k;
          const w2 = w * w;
          const w3 = w2 * w;
          const b0 = 0.5 * (-w3 + 2 * w2 - w);
          const b1 = 0.5 * (3 * w3 - 5 * w2 + 2);
          const b2 = 0.5 * (-3 * w3 + 4 * w2 + w);
          const b3 = 0.5 * (w3 - w2);
          let r = base + (j - 1) * nV + k - 1;
          const c0 =
            b0 * (values[r] as number) +
            b1 * (values[r + 1] as number) +
            b2 * (values[r + 2] as number) +
            b3 * (values[r + 3] as number);
          r += nV;
          const c1 =
            b0 * (values[r] as number) +
            b1 * (values[r + 1] as number) +
            b2 * (values[r + 2] as number) +
            b3 * (values[r + 3] as number);
          r += nV;
          const c2 =
            b0 * (values[r] as number) +
            b1 * (values[r + 1] as number) +
            b2 * (values[r + 2] as number) +
            b3 * (values[r + 3] as number);
          r += nV;
          const c3 =
            b0 * (values[r] as number) +
            b1 * (values[r + 1] as number) +
            b2 * (values[r + 2] as number) +
            b3 * (values[r + 3] as number);
          s = a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3;
        }
        const pnl = (linearUsd[u] as number) * Math.expm1(x) + s;
        if (parts) parts[i] = pnl;
        sum += pnl;
      }
      total[p] = sum;
    }
    hooks.onProgress?.(p1, count);
  }
}
