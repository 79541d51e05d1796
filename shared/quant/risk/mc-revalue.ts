/**
 * Per-path portfolio P&L of a range of Monte Carlo paths, given their factor moves: the second
 * half of the Monte Carlo kernel (the first is `mc-simulate.ts`). Pure, allocation-free in the
 * loop, splittable by path range like the simulation; writes the total P&L of each path and,
 * optionally, the P&L of each underlying (for contributions).
 *
 * Schemes: 'grid' (per-underlying bicubic P&L grids, `book-grid.ts`), 'full' (every option row
 * priced at every path: the reference, slow) and 'delta-gamma-vega' (labelled approximation).
 */
import { gridUnderlyingPnl, type BookGrid } from './grid-interp';
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
  const wx = new Float64Array(4);
  const wv = new Float64Array(4);
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
        if (engine.scheme === 'grid') {
          pnl = gridUnderlyingPnl(engine.grid, u, x, v, wx, wv);
        } else if (engine.scheme === 'delta-gamma-vega') {
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
