/**
 * Measures the fast scheme against full revaluation. Because a quantile is 1-Lipschitz in the
 * sup norm (|VaR(A) - VaR(B)| <= max_paths |A - B|, likewise ES), the largest P&L error over
 * the scenarios bounds the VaR/ES error. The check revalues, with the full pricer, every
 * underlying at the (x_u, v_u) coordinates of a set of check scenarios (the tail scenarios, where
 * VaR and ES are decided, plus an evenly spaced sample of the rest), and reports per underlying
 * the largest absolute error; their sum bounds the portfolio P&L error on those scenarios.
 * It is a measurement on the checked scenarios, not a proof over all of them.
 */
import { gridUnderlyingPnl, type BookGrid } from './grid-interp';
import { underlyingPnlExact, type RevalBook, type UnderlyingMove } from './reval-rows';

export interface ApproximationError {
  /** 'grid-bicubic' (Catmull-Rom on per-underlying grids) or 'delta-gamma-vega' (Taylor). */
  scheme: string;
  /** Scenarios revalued in full for the comparison. */
  checkedScenarios: number;
  /** Largest |approximate - full| portfolio P&L over the checked scenarios (USD). */
  maxAbsPnlErrorUsd: number;
  /** Root mean square portfolio P&L error over the checked scenarios (USD). */
  rmsPnlErrorUsd: number;
  /** Sum over underlyings of their largest error: bound on |VaR/ES error| on checked scenarios. */
  varErrorBoundUsd: number;
  /** varErrorBoundUsd / the smallest |VaR| reported (0 when VaR is 0). */
  varErrorBoundRelative: number;
  perUnderlyingMaxAbsUsd: Record<string, number>;
}

/** Factor coordinates of scenarios: x and v of underlying u in scenario s at s * nU + u. */
export interface ScenarioFactors {
  nU: number;
  x: Float64Array;
  v: Float64Array;
}

export type ApproxPnl = (u: number, x: number, v: number) => number;

export function gridApprox(grid: BookGrid): ApproxPnl {
  const wx = new Float64Array(4);
  const wv = new Float64Array(4);
  return (u, x, v) => gridUnderlyingPnl(grid, u, x, v, wx, wv);
}

export function measureApproximation(
  book: RevalBook,
  approx: ApproxPnl,
  scheme: string,
  factors: ScenarioFactors,
  scenarios: ArrayLike<number>,
  move: Omit<UnderlyingMove, 'x' | 'volMultiplier'>,
): Omit<ApproximationError, 'varErrorBoundRelative'> {
  const nU = factors.nU;
  const perU = new Float64Array(nU);
  let maxAbs = 0;
  let sumSq = 0;
  const m: UnderlyingMove = { x: 0, volMultiplier: 1, ...move };
  for (let q = 0; q < scenarios.length; q++) {
    const s = scenarios[q] as number;
    let total = 0;
    for (let u = 0; u < nU; u++) {
      const x = factors.x[s * nU + u] as number;
      const v = factors.v[s * nU + u] as number;
      m.x = x;
      m.volMultiplier = Math.exp(v);
      const err = approx(u, x, v) - underlyingPnlExact(book, u, m);
      perU[u] = Math.max(perU[u] as number, Math.abs(err));
      total += err;
    }
    maxAbs = Math.max(maxAbs, Math.abs(total));
    sumSq += total * total;
  }
  const perUnderlyingMaxAbsUsd: Record<string, number> = {};
  let bound = 0;
  for (let u = 0; u < nU; u++) {
    perUnderlyingMaxAbsUsd[book.underlyings[u] as string] = perU[u] as number;
    bound += perU[u] as number;
  }
  return {
    scheme,
    checkedScenarios: scenarios.length,
    maxAbsPnlErrorUsd: maxAbs,
    rmsPnlErrorUsd: scenarios.length > 0 ? Math.sqrt(sumSq / scenarios.length) : 0,
    varErrorBoundUsd: bound,
    perUnderlyingMaxAbsUsd,
  };
}

/**
 * Check scenarios: the `tail` worst scenarios by approximate P&L plus `spread` evenly spaced
 * others (distinct, ascending).
 */
export function checkScenarioSet(pnl: Float64Array, tail: number, spread: number): Int32Array {
  const n = pnl.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (pnl[a] as number) - (pnl[b] as number),
  );
  const set = new Set<number>();
  for (let i = 0; i < Math.min(tail, n); i++) set.add(order[i] as number);
  const step = spread > 0 ? n / spread : n + 1;
  for (let f = 0; f < n && set.size < Math.min(n, tail + spread); f += step) set.add(Math.floor(f));
  return Int32Array.from([...set].sort((a, b) => a - b));
}
