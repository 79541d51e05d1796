import { nelderMead } from '../stats/optimize';
import { solveSviInner } from './svi-inner';
import type { SviRawParams } from './svi-raw';

/**
 * Quasi-explicit raw-SVI calibration (Zeliade 2009): an outer 2-D search over (m, s) -- a coarse
 * grid, then Nelder-Mead on (m, ln s) from the best node -- around the exact constrained linear
 * least-squares solve of (a, rho*b, b) in svi-inner.ts.
 */
export interface SviCalibrateOptions {
  /** Cap on the wing slopes b(1 +- rho) of w: 4 (Rogers-Tehranchi, default) or 2 (Lee's bound). */
  slopeMax?: number;
  /** Coarse grid nodes in m and in s (default 6 each; s log-spaced). */
  gridM?: number;
  gridS?: number;
  /** Nelder-Mead evaluation budget (default 300). */
  maxEvals?: number;
  /** Nelder-Mead stopping tolerances on the scaled objective and on (m, ln s). */
  fTol?: number;
  xTol?: number;
}

export interface SviCalibration {
  params: SviRawParams;
  /** Weighted sum of squared total-variance errors. */
  sse: number;
  /** Inner solves performed. */
  evals: number;
}

/**
 * Fits raw SVI to total variances `w` at log-moneyness `k` with total-variance-space weights.
 * Needs at least 3 distinct k values.
 */
export function calibrateSviQuasiExplicit(
  k: ArrayLike<number>,
  w: ArrayLike<number>,
  weight: ArrayLike<number>,
  options: SviCalibrateOptions = {},
): SviCalibration {
  const slopeMax = options.slopeMax ?? 4;
  const gridM = Math.max(2, options.gridM ?? 6);
  const gridS = Math.max(2, options.gridS ?? 6);
  let kMin = Infinity;
  let kMax = -Infinity;
  for (let i = 0; i < k.length; i++) {
    kMin = Math.min(kMin, k[i] as number);
    kMax = Math.max(kMax, k[i] as number);
  }
  const range = kMax - kMin;
  if (!(range > 0))
    throw new RangeError('calibrateSviQuasiExplicit: needs at least two distinct strikes');
  const sLo = range * 2e-3;
  const sHi = range * 4;
  const mLo = kMin - range;
  const mHi = kMax + range;
  let evals = 0;
  const objective = (m: number, s: number): number => {
    if (!(s >= sLo * 0.01 && s <= sHi * 10 && m >= mLo && m <= mHi)) return Infinity;
    evals++;
    const r = solveSviInner(m, s, k, w, weight, slopeMax);
    return r === undefined ? Infinity : r.sse;
  };

  let bestM = (kMin + kMax) / 2;
  let bestS = range / 4;
  let bestF = Infinity;
  for (let i = 0; i < gridM; i++) {
    const m = kMin + (range * i) / (gridM - 1);
    for (let j = 0; j < gridS; j++) {
      const s = sLo * Math.pow(sHi / sLo, j / (gridS - 1));
      const f = objective(m, s);
      if (f < bestF) {
        bestF = f;
        bestM = m;
        bestS = s;
      }
    }
  }
  const scale = Math.max(bestF, 1e-300);
  const nm = nelderMead(
    (x) => objective(x[0] as number, Math.exp(x[1] as number)) / scale,
    [bestM, Math.log(bestS)],
    {
      initialStep: [range / (gridM - 1), Math.log(sHi / sLo) / (gridS - 1)],
      maxEvaluations: options.maxEvals ?? 300,
      tolF: options.fTol ?? 1e-8,
      tolX: options.xTol ?? 1e-5,
    },
  );
  const m = nm.x[0] as number;
  const s = Math.exp(nm.x[1] as number);
  const inner = solveSviInner(m, s, k, w, weight, slopeMax);
  if (inner === undefined) throw new RangeError('calibrateSviQuasiExplicit: degenerate slice');
  evals++;
  return { params: innerToRaw(inner.a, inner.d, inner.c, m, s), sse: inner.sse, evals };
}

export function innerToRaw(a: number, d: number, c: number, m: number, s: number): SviRawParams {
  const b = c / s;
  const rho = c > 0 ? Math.max(-1, Math.min(1, d / c)) : 0;
  return { a, b, rho, m, sigma: s };
}
