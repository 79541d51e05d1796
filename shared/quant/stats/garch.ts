/**
 * GARCH(1,1) (Bollerslev 1986): eps_t = r_t - mu, sigma2_t = omega + alpha eps_{t-1}^2 + beta
 * sigma2_{t-1}, fitted by Gaussian (quasi-)maximum likelihood. Constraints omega > 0, alpha >= 0,
 * beta >= 0, alpha + beta < 1 (covariance stationarity) are built into the parameterisation
 *   omega = exp(a), alpha = p s, beta = p (1 - s), p = P_MAX logistic(b), s = logistic(c),
 * so Nelder-Mead searches an unconstrained space. The returns are scaled to unit variance during
 * the search (omega is rescaled afterwards) to keep the simplex well conditioned.
 *
 * Conventions: mu is the sample mean (not estimated jointly; with daily returns the difference is
 * negligible), sigma2_0 is the sample variance of eps (the "backcast"), and conditionalVariance[t]
 * is sigma2_t, the variance of eps_t known at t - 1. nextVariance is the forecast for t = n.
 */
import { mean as sampleMean } from './descriptive';
import { nelderMead } from './optimize';

export interface Garch11Params {
  omega: number;
  alpha: number;
  beta: number;
}

export interface Garch11Fit extends Garch11Params {
  mu: number;
  persistence: number;
  /** omega / (1 - alpha - beta). */
  longRunVariance: number;
  logLikelihood: number;
  conditionalVariance: Float64Array;
  /** eps_t / sigma_t. */
  standardizedResiduals: Float64Array;
  nextVariance: number;
  converged: boolean;
  evaluations: number;
}

const P_MAX = 0.999999;
const LOG_2PI = Math.log(2 * Math.PI);

/** sigma2_t for t = 0..n (n + 1 values: the last one is the one-step-ahead forecast). */
export function garch11VarianceSeries(
  eps: ArrayLike<number>,
  params: Garch11Params,
  initialVariance: number,
): Float64Array {
  const n = eps.length;
  const out = new Float64Array(n + 1);
  let s2 = initialVariance;
  out[0] = s2;
  for (let t = 1; t <= n; t++) {
    const e = eps[t - 1] as number;
    s2 = params.omega + params.alpha * e * e + params.beta * s2;
    out[t] = s2;
  }
  return out;
}

/** Gaussian log-likelihood of the innovations eps under the given parameters. */
export function garch11LogLikelihood(
  eps: ArrayLike<number>,
  params: Garch11Params,
  initialVariance: number,
): number {
  let s2 = initialVariance;
  let ll = 0;
  for (let t = 0; t < eps.length; t++) {
    const e = eps[t] as number;
    if (t > 0) {
      const prev = eps[t - 1] as number;
      s2 = params.omega + params.alpha * prev * prev + params.beta * s2;
    }
    if (!(s2 > 0)) return -Infinity;
    ll -= 0.5 * (LOG_2PI + Math.log(s2) + (e * e) / s2);
  }
  return ll;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function fromUnconstrained(theta: Float64Array): Garch11Params {
  const p = P_MAX * logistic(theta[1] as number);
  const s = logistic(theta[2] as number);
  return { omega: Math.exp(theta[0] as number), alpha: p * s, beta: p * (1 - s) };
}

function toUnconstrained(params: Garch11Params): Float64Array {
  const p = params.alpha + params.beta;
  return Float64Array.of(Math.log(params.omega), logit(p / P_MAX), logit(params.alpha / p));
}

export interface Garch11FitOptions {
  /**
   * Starting points; each is searched, then the best optimum is polished by one restart with a
   * small simplex (a standard guard against Nelder-Mead stalling on a ridge).
   */
  starts?: readonly { alpha: number; beta: number }[];
}

const DEFAULT_STARTS = [{ alpha: 0.08, beta: 0.9 }];

/** Fits GARCH(1,1) to a return series (n >= 30). */
export function fitGarch11(
  returns: ArrayLike<number>,
  options: Garch11FitOptions = {},
): Garch11Fit {
  const n = returns.length;
  if (n < 30) throw new RangeError(`fitGarch11 needs at least 30 returns, got ${n}`);
  const mu = sampleMean(returns);
  const eps = new Float64Array(n);
  let v = 0;
  for (let t = 0; t < n; t++) {
    const e = (returns[t] as number) - mu;
    if (!Number.isFinite(e)) throw new RangeError(`fitGarch11: return ${t} is not finite`);
    eps[t] = e;
    v += e * e;
  }
  v /= n;
  if (!(v > 0)) throw new RangeError('fitGarch11: the returns are constant');
  const scale = Math.sqrt(v);
  const z = eps.map((e) => e / scale);
  const objective = (theta: Float64Array): number =>
    -garch11LogLikelihood(z, fromUnconstrained(theta), 1);
  let best: { theta: Float64Array; fx: number; converged: boolean } | undefined;
  let evaluations = 0;
  for (const start of options.starts ?? DEFAULT_STARTS) {
    const p = start.alpha + start.beta;
    const x0 = toUnconstrained({
      omega: Math.max(1e-6, 1 - p),
      alpha: start.alpha,
      beta: start.beta,
    });
    const res = nelderMead(objective, x0, {
      initialStep: [0.5, 0.5, 0.5],
      tolF: 1e-8,
      tolX: 1e-5,
      maxIterations: 2000,
    });
    evaluations += res.evaluations;
    if (best === undefined || res.fx < best.fx)
      best = { theta: res.x, fx: res.fx, converged: res.converged };
  }
  if (best === undefined || !Number.isFinite(best.fx))
    throw new RangeError('fitGarch11: no finite likelihood');
  const polished = nelderMead(objective, best.theta, {
    initialStep: [0.05, 0.05, 0.05],
    tolF: 1e-8,
    tolX: 1e-5,
    maxIterations: 1000,
  });
  evaluations += polished.evaluations;
  if (polished.fx <= best.fx)
    best = { theta: polished.x, fx: polished.fx, converged: polished.converged };
  const unit = fromUnconstrained(best.theta);
  const params: Garch11Params = { omega: unit.omega * v, alpha: unit.alpha, beta: unit.beta };
  const series = garch11VarianceSeries(eps, params, v);
  const conditionalVariance = series.subarray(0, n).slice();
  const standardizedResiduals = new Float64Array(n);
  for (let t = 0; t < n; t++)
    standardizedResiduals[t] = (eps[t] as number) / Math.sqrt(conditionalVariance[t] as number);
  const persistence = params.alpha + params.beta;
  return {
    ...params,
    mu,
    persistence,
    longRunVariance: params.omega / (1 - persistence),
    // The likelihood of the scaled data differs from the original by the Jacobian n ln(scale).
    logLikelihood: -best.fx - n * Math.log(scale),
    conditionalVariance,
    standardizedResiduals,
    nextVariance: series[n] as number,
    converged: best.converged,
    evaluations,
  };
}
