/**
 * Ornstein-Uhlenbeck process dX = kappa (mu - X) dt + sigma dW, estimated through its exact
 * discretisation on an even grid of step dt (years):
 *   X_{t+1} = a + b X_t + e_t,  b = exp(-kappa dt),  a = mu (1 - b),
 *   Var(e) = sigma^2 (1 - b^2) / (2 kappa),
 * so an OLS AR(1) regression gives kappa = -ln(b) / dt, mu = a / (1 - b) and
 * sigma = sd(e) sqrt(2 kappa / (1 - b^2)). (The Euler form dX = kappa (mu - X) dt + ... used in the
 * blueprint's sketch is biased for large kappa dt; the exact form is not.) The stationary standard
 * deviation is sigma / sqrt(2 kappa) = sd(e) / sqrt(1 - b^2); the z-score of the last observation
 * is measured in those units. OLS estimates of b are biased towards 0 in short samples (Kendall
 * 1954: E[b_hat] - b ~ -(1 + 3b) / n), so kappa is biased upwards; no correction is applied.
 */
import { olsFit } from './ols';

export interface OuParams {
  /** Mean-reversion speed kappa, per year. */
  kappa: number;
  /** Long-run mean mu. */
  mean: number;
  /** Diffusion sigma, per sqrt(year). */
  sigma: number;
}

export interface OuFitOk extends OuParams {
  meanReverting: true;
  /** Standard error of kappa (delta method from the AR(1) slope). */
  kappaStdError: number;
  /** ln 2 / kappa, in grid steps (trading days for a daily series with dt = 1/252). */
  halfLifeSteps: number;
  /** sigma / sqrt(2 kappa): the standard deviation of the stationary distribution. */
  stationaryStd: number;
  /** (last value - mean) / stationaryStd. */
  zScore: number;
  ar1Slope: number;
  ar1Intercept: number;
  residualStd: number;
  nObs: number;
  dtYears: number;
}

export interface OuFitRejected {
  meanReverting: false;
  /** Why no OU parameters exist (AR(1) slope outside (0, 1)). */
  reason: string;
  ar1Slope: number;
  nObs: number;
  dtYears: number;
}

export type OuFit = OuFitOk | OuFitRejected;

/** Fits an OU process to an evenly spaced series (oldest first, n >= 10). */
export function fitOrnsteinUhlenbeck(series: ArrayLike<number>, dtYears: number): OuFit {
  const n = series.length;
  if (n < 10) throw new RangeError(`fitOrnsteinUhlenbeck needs at least 10 observations, got ${n}`);
  if (!(dtYears > 0))
    throw new RangeError(`fitOrnsteinUhlenbeck: dtYears must be > 0, got ${dtYears}`);
  const next = new Float64Array(n - 1);
  const prev = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    prev[i] = series[i] as number;
    next[i] = series[i + 1] as number;
  }
  const fit = olsFit(next, [prev]);
  const a = fit.coefficients[0] as number;
  const b = fit.coefficients[1] as number;
  const seB = fit.standardErrors[1] as number;
  const nObs = fit.n;
  if (!(b > 0 && b < 1)) {
    const reason =
      b >= 1
        ? `no mean reversion: AR(1) slope ${b.toFixed(4)} >= 1 (random walk or explosive)`
        : `AR(1) slope ${b.toFixed(4)} <= 0 is not an OU process on this grid`;
    return { meanReverting: false, reason, ar1Slope: b, nObs, dtYears };
  }
  const residualStd = Math.sqrt(fit.sigma2);
  const kappa = -Math.log(b) / dtYears;
  const mean = a / (1 - b);
  const stationaryStd = residualStd / Math.sqrt(1 - b * b);
  const sigma = stationaryStd * Math.sqrt(2 * kappa);
  const last = series[n - 1] as number;
  return {
    meanReverting: true,
    kappa,
    mean,
    sigma,
    kappaStdError: seB / (b * dtYears),
    halfLifeSteps: Math.LN2 / (kappa * dtYears),
    stationaryStd,
    zScore: (last - mean) / stationaryStd,
    ar1Slope: b,
    ar1Intercept: a,
    residualStd,
    nObs,
    dtYears,
  };
}

/**
 * Exact simulation of n steps of an OU process from x0 (x0 is element 0 of the output).
 * `normal` supplies independent standard normals (pass `rng.normal` bound to a seeded Rng).
 */
export function simulateOrnsteinUhlenbeck(
  params: OuParams,
  n: number,
  dtYears: number,
  x0: number,
  normal: () => number,
): Float64Array {
  const b = Math.exp(-params.kappa * dtYears);
  const sd = params.sigma * Math.sqrt((1 - b * b) / (2 * params.kappa));
  const out = new Float64Array(n);
  let x = x0;
  for (let i = 0; i < n; i++) {
    out[i] = x;
    x = params.mean + b * (x - params.mean) + sd * normal();
  }
  return out;
}
