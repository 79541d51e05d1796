import { CALENDAR_TOLERANCE } from './arbitrage';
import { nelderMead } from '../stats/optimize';
import type { TotalVarianceTargets } from './slice-targets';
import { sviDerivs, durrlemanG, type SviRawParams } from './svi-raw';

/**
 * Arbitrage-free repair of a raw SVI slice (the Gatheral-Jacquier conditions checked on a grid):
 * starting from the unconstrained quasi-explicit fit, the five raw parameters are re-fitted with
 * an exact (L1) penalty on
 *   - Durrleman's g(k) < G_FLOOR on the grid (butterfly),
 *   - w(k) < w_previous(k) on the grid (calendar against the previous, shorter slice),
 *   - b(1 + |rho|) > 2 (Lee's wing bound, needed for g >= 0 beyond the grid).
 * With an exact penalty and a large enough weight the minimiser is feasible; the weight is raised
 * until it is (or the budget runs out, reported as `feasible: false`).
 */
export interface NoArbitrageConstraints {
  grid: Float64Array;
  /** Total variance of the previous (shorter) fitted slice on `grid`, for the calendar condition. */
  lowerW?: Float64Array;
}

export interface ArbitrageFreeResult {
  params: SviRawParams;
  sse: number;
  feasible: boolean;
  /** True when the unconstrained start already satisfied every condition. */
  unchanged: boolean;
  evals: number;
}

/** Margin kept above zero so that the reported minimum of g is >= 0 without rounding doubts. */
const G_FLOOR = 1e-6;
const CAL_MARGIN = 1e-9;
const LEE_SLOPE = 2;

export function sviSse(p: SviRawParams, t: TotalVarianceTargets): number {
  let sse = 0;
  for (let i = 0; i < t.k.length; i++) {
    const y = (t.k[i] as number) - p.m;
    const e = p.a + p.b * (p.rho * y + Math.sqrt(y * y + p.sigma * p.sigma)) - (t.w[i] as number);
    sse += (t.weight[i] as number) * e * e;
  }
  return sse;
}

/** Sum of constraint shortfalls (0 when every condition holds with its margin). */
export function sviViolation(p: SviRawParams, c: NoArbitrageConstraints, wScale: number): number {
  let v = Math.max(0, p.b * (1 + Math.abs(p.rho)) - LEE_SLOPE);
  const { grid, lowerW } = c;
  for (let j = 0; j < grid.length; j++) {
    const k = grid[j] as number;
    const d = sviDerivs(p, k);
    if (!(d.w > 0)) {
      v += 1 + -d.w / wScale;
      continue;
    }
    const g = durrlemanG(k, d);
    if (g < G_FLOOR) v += G_FLOOR - g;
    if (lowerW !== undefined) {
      const short = (lowerW[j] as number) + CAL_MARGIN - d.w;
      if (short > 0) v += short / wScale;
    }
  }
  return v;
}

/** The conditions themselves, without the margins the penalty keeps. */
export function sviMeetsConditions(p: SviRawParams, c: NoArbitrageConstraints): boolean {
  if (p.b * (1 + Math.abs(p.rho)) > LEE_SLOPE * (1 + 1e-12)) return false;
  const { grid, lowerW } = c;
  for (let j = 0; j < grid.length; j++) {
    const k = grid[j] as number;
    const d = sviDerivs(p, k);
    if (!(durrlemanG(k, d) >= 0)) return false;
    if (lowerW !== undefined && (lowerW[j] as number) - d.w > CALENDAR_TOLERANCE) return false;
  }
  return true;
}

function toX(p: SviRawParams, wScale: number): number[] {
  return [
    p.a / wScale,
    Math.log(Math.max(p.b, 1e-12)),
    Math.atanh(Math.max(-0.999999, Math.min(0.999999, p.rho))),
    p.m,
    Math.log(p.sigma),
  ];
}

function fromX(x: ArrayLike<number>, wScale: number): SviRawParams {
  return {
    a: (x[0] as number) * wScale,
    b: Math.exp(x[1] as number),
    rho: Math.tanh(x[2] as number),
    m: x[3] as number,
    sigma: Math.exp(x[4] as number),
  };
}

export function repairSviSlice(
  start: SviRawParams,
  targets: TotalVarianceTargets,
  constraints: NoArbitrageConstraints,
): ArbitrageFreeResult {
  let wScale = 0;
  for (let i = 0; i < targets.w.length; i++) wScale += (targets.w[i] as number) / targets.w.length;
  const startSse = sviSse(start, targets);
  if (sviMeetsConditions(start, constraints)) {
    return { params: start, sse: startSse, feasible: true, unchanged: true, evals: 0 };
  }
  // Scale the fit term so that penalty weights mean the same on every slice: by the start's
  // error, but never below a 1% total-variance error (an exactly fitted start would otherwise
  // make any move look infinitely expensive against the penalty).
  const sseRef = Math.max(startSse, 1e-4 * wScale * wScale);
  let x = toX(start, wScale);
  let evals = 0;
  let lambda = 10;
  let best: SviRawParams = start;
  let feasible = false;
  for (let round = 0; round < 6 && !feasible; round++) {
    const lam = lambda;
    const nm = nelderMead(
      (xx) => {
        const p = fromX(xx, wScale);
        return sviSse(p, targets) / sseRef + lam * sviViolation(p, constraints, wScale);
      },
      x,
      {
        initialStep: [0.1, 0.1, 0.1, 0.05, 0.1],
        maxEvaluations: 1500,
        tolF: 1e-12,
        tolX: 1e-9,
        adaptive: false,
      },
    );
    evals += nm.evaluations;
    x = Array.from(nm.x);
    best = fromX(x, wScale);
    feasible = sviMeetsConditions(best, constraints);
    lambda *= 10;
  }
  return { params: best, sse: sviSse(best, targets), feasible, unchanged: false, evals };
}
