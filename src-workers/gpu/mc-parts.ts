/**
 * Per-underlying P&L of every Monte Carlo path with the revaluation kernel (GPU or its CPU twin):
 * the kernel sums over underlyings, so it runs once per underlying on a one-underlying slice of
 * the grid and of the factor moves; contributions by underlying need these parts, and their sum
 * is the path's total. Output is path-major [p * nU + u], float32 like the kernel.
 */
import type { BookGrid } from '../../shared/quant/risk/grid-interp';
import type { McRevalueFn, McRevalueInputs } from './mc-revalue.kernel';

export function revalueParts(
  kernel: McRevalueFn,
  grid: BookGrid,
  x: ArrayLike<number>,
  v: ArrayLike<number>,
): Float32Array {
  const nU = grid.nU;
  const paths = x.length / nU;
  if (!Number.isInteger(paths) || v.length !== x.length)
    throw new RangeError(
      `revalueParts: ${x.length} x and ${v.length} v values for ${nU} underlyings`,
    );
  const out = new Float32Array(paths * nU);
  const block = grid.nXi * grid.nV;
  for (let u = 0; u < nU; u++) {
    const xu = new Float32Array(paths);
    const vu = new Float32Array(paths);
    for (let p = 0; p < paths; p++) {
      xu[p] = x[p * nU + u] as number;
      vu[p] = v[p * nU + u] as number;
    }
    const one = (a: Float64Array) => Float32Array.of(a[u] as number);
    const inputs: McRevalueInputs = {
      paths,
      nU: 1,
      nXi: grid.nXi,
      nV: grid.nV,
      x: xu,
      v: vu,
      values: Float32Array.from(grid.values.subarray(u * block, (u + 1) * block)),
      scale: one(grid.scale),
      xi0: one(grid.xi0),
      dXi: one(grid.dXi),
      v0: one(grid.v0),
      dV: one(grid.dV),
      linearUsd: one(grid.linearUsd),
    };
    const pnl = kernel(inputs);
    for (let p = 0; p < paths; p++) out[p * nU + u] = pnl[p] as number;
  }
  return out;
}
