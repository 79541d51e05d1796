/**
 * Bivariate DCC(1,1) dynamic conditional correlation (Engle 2002) on GARCH-standardized residuals
 * z1, z2 (second step of the two-step estimator):
 *   Q_t = (1 - a - b) Qbar + a z_{t-1} z_{t-1}' + b Q_{t-1},  Q_0 = Qbar = (1/n) sum z z',
 *   rho_t = Q_t[1,2] / sqrt(Q_t[1,1] Q_t[2,2]),
 * with a, b >= 0, a + b < 1, estimated by maximising the correlation part of the Gaussian
 * likelihood  -1/2 sum [ ln(1 - rho^2) + (z1^2 + z2^2 - 2 rho z1 z2) / (1 - rho^2) - z1^2 - z2^2 ].
 * correlation[t] is rho_t (known at t - 1); nextCorrelation is the forecast for t = n.
 */
import { nelderMead } from './optimize';

export interface Dcc11Fit {
  a: number;
  b: number;
  /** Correlation implied by Qbar (the long-run target). */
  unconditionalCorrelation: number;
  logLikelihood: number;
  correlation: Float64Array;
  nextCorrelation: number;
  converged: boolean;
}

const P_MAX = 0.999;

interface QBar {
  q11: number;
  q22: number;
  q12: number;
}

/** rho_t for t = 0..n (n + 1 values), given a and b. */
export function dcc11CorrelationSeries(
  z1: ArrayLike<number>,
  z2: ArrayLike<number>,
  a: number,
  b: number,
  qBar: QBar = sampleQBar(z1, z2),
): Float64Array {
  const n = z1.length;
  const out = new Float64Array(n + 1);
  const w = 1 - a - b;
  let q11 = qBar.q11;
  let q22 = qBar.q22;
  let q12 = qBar.q12;
  out[0] = q12 / Math.sqrt(q11 * q22);
  for (let t = 1; t <= n; t++) {
    const x = z1[t - 1] as number;
    const y = z2[t - 1] as number;
    q11 = w * qBar.q11 + a * x * x + b * q11;
    q22 = w * qBar.q22 + a * y * y + b * q22;
    q12 = w * qBar.q12 + a * x * y + b * q12;
    out[t] = q12 / Math.sqrt(q11 * q22);
  }
  return out;
}

function sampleQBar(z1: ArrayLike<number>, z2: ArrayLike<number>): QBar {
  const n = z1.length;
  let q11 = 0;
  let q22 = 0;
  let q12 = 0;
  for (let t = 0; t < n; t++) {
    const x = z1[t] as number;
    const y = z2[t] as number;
    q11 += x * x;
    q22 += y * y;
    q12 += x * y;
  }
  return { q11: q11 / n, q22: q22 / n, q12: q12 / n };
}

function correlationLogLikelihood(
  z1: ArrayLike<number>,
  z2: ArrayLike<number>,
  rho: Float64Array,
): number {
  let ll = 0;
  for (let t = 0; t < z1.length; t++) {
    const r = rho[t] as number;
    const x = z1[t] as number;
    const y = z2[t] as number;
    const d = 1 - r * r;
    if (!(d > 0)) return -Infinity;
    ll -= 0.5 * (Math.log(d) + (x * x + y * y - 2 * r * x * y) / d - x * x - y * y);
  }
  return ll;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Fits DCC(1,1) to two equally long standardized residual series (n >= 30). */
export function fitDcc11(z1: ArrayLike<number>, z2: ArrayLike<number>): Dcc11Fit {
  const n = z1.length;
  if (z2.length !== n) throw new RangeError(`fitDcc11: lengths differ (${n} vs ${z2.length})`);
  if (n < 30) throw new RangeError(`fitDcc11 needs at least 30 observations, got ${n}`);
  const qBar = sampleQBar(z1, z2);
  if (!(qBar.q11 > 0 && qBar.q22 > 0)) throw new RangeError('fitDcc11: a residual series is zero');
  const params = (theta: Float64Array): { a: number; b: number } => {
    const p = P_MAX * logistic(theta[0] as number);
    const s = logistic(theta[1] as number);
    return { a: p * s, b: p * (1 - s) };
  };
  const objective = (theta: Float64Array): number => {
    const { a, b } = params(theta);
    return -correlationLogLikelihood(z1, z2, dcc11CorrelationSeries(z1, z2, a, b, qBar));
  };
  // Start at a = 0.05, b = 0.90: p = 0.95, s = 0.05 / 0.95.
  const x0 = Float64Array.of(Math.log(0.95 / P_MAX / (1 - 0.95 / P_MAX)), Math.log(0.05 / 0.9));
  const res = nelderMead(objective, x0, {
    initialStep: [0.7, 0.7],
    tolF: 1e-8,
    tolX: 1e-5,
    maxIterations: 1000,
  });
  const { a, b } = params(res.x);
  const series = dcc11CorrelationSeries(z1, z2, a, b, qBar);
  return {
    a,
    b,
    unconditionalCorrelation: qBar.q12 / Math.sqrt(qBar.q11 * qBar.q22),
    logLikelihood: -res.fx,
    correlation: series.subarray(0, n).slice(),
    nextCorrelation: series[n] as number,
    converged: res.converged,
  };
}
