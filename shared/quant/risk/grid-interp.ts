/**
 * Interpolation on the per-underlying P&L grids of the fast revaluation scheme (`book-grid.ts`).
 * Shared by the CPU Monte Carlo kernel, historical simulation and the GPU kernel's CPU twin, so
 * all three read the grid the same way.
 *
 * Axes (per underlying u):
 * - spot: the log move x is mapped to xi = asinh(x / scale_u); nodes are uniform in xi, so they
 *   crowd near x = 0 where most scenarios fall and spread out in the tails;
 * - vol: v = ln(vol multiplier), uniform nodes (crowding them near 0 was tried and is worse: short
 *   OTM options are most nonlinear in vol at the low-vol end); a grid with nV = 1 has no vol axis.
 * Interpolation: tensor-product cubic convolution (Keys 1981, a = -0.5, i.e. Catmull-Rom),
 * third-order accurate, exact for quadratics, continuous first derivative. Every axis carries one
 * padding node beyond the scenario range on each side so an interior point always has its full
 * 4-node stencil; the index is clamped, so points past the padding are extrapolated by the edge
 * cubic (the builders size the grid from the scenarios, so this does not happen in practice).
 */

export interface BookGrid {
  /** Underlyings (same order as `RevalBook.underlyings`). */
  nU: number;
  nXi: number;
  /** 1 = no vol axis (historical simulation), else >= 4. */
  nV: number;
  /** Spot axis: xi = asinh(x / scale), nodes xi0 + j dXi. */
  scale: Float64Array;
  xi0: Float64Array;
  dXi: Float64Array;
  /** Vol axis: nodes v0 + k dV. */
  v0: Float64Array;
  dV: Float64Array;
  /** Exact linear exposure per underlying (USD): P&L += linearUsd * (e^x - 1). */
  linearUsd: Float64Array;
  /** Option P&L in USD at the nodes: index u * nXi * nV + j * nV + k. */
  values: Float64Array;
}

/** Catmull-Rom weights for the stencil (i-1, i, i+1, i+2) at fraction t of cell [i, i+1]. */
export function cubicWeights(t: number, out: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  out[0] = 0.5 * (-t3 + 2 * t2 - t);
  out[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
  out[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
  out[3] = 0.5 * (t3 - t2);
}

/** Cell index (clamped so the stencil stays inside) and fraction of a coordinate. */
export function cellOf(
  coord: number,
  origin: number,
  step: number,
  n: number,
): { i: number; t: number } {
  const f = (coord - origin) / step;
  let i = Math.floor(f);
  if (i < 1) i = 1;
  else if (i > n - 3) i = n - 3;
  return { i, t: f - i };
}

/**
 * Option P&L of underlying u at (x, v) from the grid. `wx`, `wv` are caller-owned scratch arrays
 * of length 4 (no allocation on the hot path).
 */
export function gridOptionPnl(
  g: BookGrid,
  u: number,
  x: number,
  v: number,
  wx: Float64Array,
  wv: Float64Array,
): number {
  const xi = Math.asinh(x / (g.scale[u] as number));
  const f = (xi - (g.xi0[u] as number)) / (g.dXi[u] as number);
  let j = Math.floor(f);
  if (j < 1) j = 1;
  else if (j > g.nXi - 3) j = g.nXi - 3;
  cubicWeights(f - j, wx);
  const nV = g.nV;
  const base = u * g.nXi * nV;
  if (nV === 1) {
    const o = base + (j - 1);
    return (
      (wx[0] as number) * (g.values[o] as number) +
      (wx[1] as number) * (g.values[o + 1] as number) +
      (wx[2] as number) * (g.values[o + 2] as number) +
      (wx[3] as number) * (g.values[o + 3] as number)
    );
  }
  const fv = (v - (g.v0[u] as number)) / (g.dV[u] as number);
  let k = Math.floor(fv);
  if (k < 1) k = 1;
  else if (k > nV - 3) k = nV - 3;
  cubicWeights(fv - k, wv);
  let s = 0;
  for (let a = 0; a < 4; a++) {
    const row = base + (j - 1 + a) * nV + (k - 1);
    const inner =
      (wv[0] as number) * (g.values[row] as number) +
      (wv[1] as number) * (g.values[row + 1] as number) +
      (wv[2] as number) * (g.values[row + 2] as number) +
      (wv[3] as number) * (g.values[row + 3] as number);
    s += (wx[a] as number) * inner;
  }
  return s;
}

/** Total P&L of underlying u (linear exposure exact + options from the grid). */
export function gridUnderlyingPnl(
  g: BookGrid,
  u: number,
  x: number,
  v: number,
  wx: Float64Array,
  wv: Float64Array,
): number {
  return (g.linearUsd[u] as number) * Math.expm1(x) + gridOptionPnl(g, u, x, v, wx, wv);
}
