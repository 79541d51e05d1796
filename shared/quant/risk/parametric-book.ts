/**
 * Parametric VaR of a linearised book in the Monte Carlo factor model (`factor-model.ts`): the
 * book's P&L over h days is approximated by the delta-gamma(-vega) quadratic form
 *   Q = d'y + y'Gy/2 (+ constant from the drift),  y ~ N(mu_h, Sigma_h) over the 2 nU factors
 * (log spot and log ATM vol per underlying). d and the diagonal gamma come from
 * `taylor-approx.ts` (linear rows: e^x - 1 ~ x + x^2/2); vol factors carry no gamma.
 *
 * The cumulants of a Gaussian quadratic form are exact (Mathai & Provost 1992):
 *   k1 = tr(G S)/2,  k_r = (r-1)!/2 tr((G S)^r) + r!/2 d' S (G S)^(r-2) d  (r >= 2),
 * giving mean, sd, skewness and excess kurtosis of Q. 'normal' uses the delta-only (G = 0) moments
 * (delta-normal), 'cornish-fisher' the delta-gamma moments (Zangari 1996), 'student-t' the
 * delta-normal sd with a given nu (fitted elsewhere, e.g. on the book's historical P&L).
 * Jumps add their variance to the spot factor (lambda h (meanLog^2 + volLog^2)); the t copula has
 * unit variances by construction, so Sigma is the same for both copulas.
 */
import { TRADING_DAYS_PER_YEAR, type FactorModel } from './factor-model';
import {
  parametricFromMoments,
  type ParametricMethod,
  type ParametricResult,
  type PnlMoments,
} from './parametric-var';
import type { TaylorCoefficients } from './taylor-approx';

export { TRADING_DAYS_PER_YEAR };

/** Mean vector and covariance (row-major, 2nU x 2nU; x factors first, then v) over h days. */
export function factorMoments(
  model: FactorModel,
  horizonDays: number,
): { mu: Float64Array; cov: Float64Array } {
  const n = model.underlyings.length;
  const m = 2 * n;
  const mu = new Float64Array(m);
  const cov = new Float64Array(m * m);
  const h = horizonDays;
  for (let i = 0; i < n; i++) {
    const si = model.dailyVol[i] as number;
    const li = model.jumpIntensityDaily[i] as number;
    const mj = model.jumpMeanLog[i] as number;
    const sj = model.jumpVolLog[i] as number;
    mu[i] = -(0.5 * si * si + (li > 0 ? li * Math.expm1(mj + 0.5 * sj * sj) : 0)) * h + li * h * mj;
    const ei = model.volOfVolDaily[i] as number;
    const ri = model.spotVolCorrelation[i] as number;
    for (let j = 0; j < n; j++) {
      const c = model.correlation[i * n + j] as number;
      const sj2 = model.dailyVol[j] as number;
      const ej = model.volOfVolDaily[j] as number;
      const rj = model.spotVolCorrelation[j] as number;
      cov[i * m + j] = si * sj2 * c * h;
      cov[i * m + (n + j)] = si * ej * rj * c * h;
      cov[(n + j) * m + i] = si * ej * rj * c * h;
      cov[(n + i) * m + (n + j)] = ei * ej * (ri * rj * c + (i === j ? 1 - ri * ri : 0)) * h;
    }
    cov[i * m + i] = (cov[i * m + i] as number) + li * h * (mj * mj + sj * sj);
  }
  return { mu, cov };
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++)
        out[i * m + j] = (out[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return out;
}

function trace(a: Float64Array, m: number): number {
  let t = 0;
  for (let i = 0; i < m; i++) t += a[i * m + i] as number;
  return t;
}

function quad(d: Float64Array, a: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) s += (d[i] as number) * (a[i * m + j] as number) * (d[j] as number);
  return s;
}

/** Moments of Q = d'y + y'Gy/2 with y ~ N(mu, cov), G = diag(gammaDiag). */
export function quadraticFormMoments(
  d: Float64Array,
  gammaDiag: Float64Array,
  mu: Float64Array,
  cov: Float64Array,
): PnlMoments {
  const m = d.length;
  // Shift to zero-mean y: Q = const + (d + G mu)'z + z'Gz/2.
  const dd = d.map((x, i) => x + (gammaDiag[i] as number) * (mu[i] as number));
  let c0 = 0;
  for (let i = 0; i < m; i++)
    c0 +=
      (d[i] as number) * (mu[i] as number) +
      0.5 * (gammaDiag[i] as number) * (mu[i] as number) ** 2;
  const gs = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      gs[i * m + j] = (gammaDiag[i] as number) * (cov[i * m + j] as number);
  const gs2 = matMul(gs, gs, m);
  const gs3 = matMul(gs2, gs, m);
  const gs4 = matMul(gs3, gs, m);
  const sgs = matMul(cov, gs, m); // S G S
  const sgsgs = matMul(sgs, gs, m); // S G S G S
  const k1 = c0 + 0.5 * trace(gs, m);
  const k2 = quad(dd, cov, m) + 0.5 * trace(gs2, m);
  const k3 = 3 * quad(dd, sgs, m) + trace(gs3, m);
  const k4 = 12 * quad(dd, sgsgs, m) + 3 * trace(gs4, m);
  const sd = Math.sqrt(Math.max(k2, 0));
  return {
    mean: k1,
    sd,
    skew: sd > 0 ? k3 / (sd * sd * sd) : 0,
    exKurt: sd > 0 ? k4 / (k2 * k2) : 0,
  };
}

export interface LinearisedBookOptions {
  horizonDays: number;
  confidences: readonly number[];
  method: ParametricMethod;
  /** Degrees of freedom for 'student-t'. */
  nu?: number;
}

export function linearisedBookVar(
  taylor: TaylorCoefficients,
  model: FactorModel,
  options: LinearisedBookOptions,
): ParametricResult {
  const n = model.underlyings.length;
  const d = new Float64Array(2 * n);
  const g = new Float64Array(2 * n);
  for (let u = 0; u < n; u++) {
    d[u] = (taylor.deltaX[u] as number) + (taylor.linearUsd[u] as number);
    d[n + u] = taylor.vegaV[u] as number;
    if (options.method === 'cornish-fisher')
      g[u] = (taylor.gammaXX[u] as number) + (taylor.linearUsd[u] as number);
  }
  const { mu, cov } = factorMoments(model, options.horizonDays);
  const moments = quadraticFormMoments(d, g, mu, cov);
  return parametricFromMoments(moments, options.method, options.confidences, options.nu);
}
