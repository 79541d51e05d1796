import type { CleanSlice } from './chain-clean';
import { nelderMead } from '../stats/optimize';
import { sabrImpliedVol, type SabrParams } from './sabr';

/**
 * Per-expiry SABR calibration of (alpha, rho, nu) with beta fixed: weighted least squares in
 * implied vol, a coarse grid over (rho, nu) with alpha seeded from the ATM vol, then Nelder-Mead
 * on (ln alpha, atanh rho, ln nu).
 */
export interface SabrCalibration {
  params: SabrParams;
  /** Weighted sum of squared vol errors. */
  sse: number;
  evals: number;
}

/** ATM vol by linear interpolation of the targets in k (flat beyond the quotes). */
function atmVol(slice: CleanSlice): number {
  const qs = slice.quotes;
  const first = qs[0];
  const last = qs[qs.length - 1];
  if (!first || !last) throw new RangeError('atmVol: empty slice');
  if (first.k >= 0) return first.targetIv;
  if (last.k <= 0) return last.targetIv;
  for (let i = 1; i < qs.length; i++) {
    const hi = qs[i] as (typeof qs)[number];
    const lo = qs[i - 1] as (typeof qs)[number];
    if (hi.k >= 0) return lo.targetIv + ((hi.targetIv - lo.targetIv) * (0 - lo.k)) / (hi.k - lo.k);
  }
  return last.targetIv;
}

export function calibrateSabr(slice: CleanSlice, beta = 1): SabrCalibration {
  if (!(beta >= 0 && beta <= 1)) throw new RangeError('calibrateSabr: beta must be in [0, 1]');
  const { forward, tYears, quotes } = slice;
  let evals = 0;
  const sse = (p: SabrParams): number => {
    evals++;
    let s = 0;
    for (const q of quotes) {
      const v = sabrImpliedVol(forward, q.strike, tYears, p);
      const e = Number.isFinite(v) ? v - q.targetIv : 10;
      s += q.weight * e * e;
    }
    return s;
  };
  const fromX = (x: ArrayLike<number>): SabrParams => ({
    alpha: Math.exp(x[0] as number),
    beta,
    rho: Math.tanh(x[1] as number),
    nu: Math.exp(x[2] as number),
  });
  const alpha0 = atmVol(slice) * Math.pow(forward, 1 - beta);
  let bestX = [Math.log(alpha0), 0, Math.log(1)];
  let bestF = Infinity;
  for (const rho of [-0.6, -0.3, 0, 0.3, 0.6]) {
    for (const nu of [0.2, 0.6, 1.8, 5.4, 16]) {
      const x = [Math.log(alpha0), Math.atanh(rho), Math.log(nu)];
      const f = sse(fromX(x));
      if (f < bestF) {
        bestF = f;
        bestX = x;
      }
    }
  }
  const scale = Math.max(bestF, 1e-300);
  const nm = nelderMead((x) => sse(fromX(x)) / scale, bestX, {
    initialStep: [0.1, 0.2, 0.3],
    maxEvaluations: 800,
    tolF: 1e-12,
    tolX: 1e-8,
  });
  const params = fromX(nm.x);
  return { params, sse: sse(params), evals };
}
