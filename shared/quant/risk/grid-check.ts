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
import { varRank } from './tail-measures';

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

/** Paths to check: around each VaR rank, the worst losses, and an even spread. */
export function pickCheckPaths(
  losses: Float64Array,
  sorted: Float64Array,
  confidences: readonly number[],
  perRank: number,
  tail: number,
  spread: number,
): Int32Array {
  const n = losses.length;
  const set = new Set<number>();
  const bands = confidences.map((a) => {
    const k = varRank(n, a) - 1;
    const half = Math.floor(perRank / 2);
    return [sorted[Math.max(0, k - half)] as number, sorted[Math.min(n - 1, k + half)] as number];
  });
  const tailCut = sorted[Math.max(0, n - tail)] as number;
  const perBand = new Array<number>(bands.length).fill(0);
  let tailCount = 0;
  for (let s = 0; s < n; s++) {
    const l = losses[s] as number;
    if (tail > 0 && l >= tailCut && tailCount < tail) {
      set.add(s);
      tailCount++;
    }
    bands.forEach(([lo, hi], b) => {
      if (l >= (lo as number) && l <= (hi as number) && (perBand[b] as number) < perRank + 1) {
        set.add(s);
        perBand[b] = (perBand[b] as number) + 1;
      }
    });
  }
  for (let q = 0; q < spread; q++) set.add(Math.floor(((q + 0.5) * n) / spread));
  return Int32Array.from([...set].sort((a, b) => a - b));
}
