/**
 * Descriptive statistics over plain arrays or typed arrays. Every function throws a RangeError on
 * too few observations instead of returning NaN, so a caller cannot print NaN by accident.
 * Moments use a two-pass algorithm (mean first, then centred sums) for accuracy on data with a
 * large mean relative to its spread (prices, log prices).
 */

export type Sample = ArrayLike<number>;

function requireLength(xs: Sample, min: number, what: string): void {
  if (xs.length < min) {
    throw new RangeError(`${what} needs at least ${min} observations, got ${xs.length}`);
  }
}

export function sum(xs: Sample): number {
  // Neumaier compensated summation: sums of thousands of returns keep ~1e-16 relative accuracy.
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

export function mean(xs: Sample): number {
  requireLength(xs, 1, 'mean');
  return sum(xs) / xs.length;
}

/** Central moment sums sum((x - mean)^k) for k = 2, 3, 4. */
function centralSums(xs: Sample): { m: number; s2: number; s3: number; s4: number } {
  const m = mean(xs);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] as number) - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { m, s2, s3, s4 };
}

/** Variance with `ddof` degrees of freedom removed (1 = unbiased sample variance, 0 = population). */
export function variance(xs: Sample, ddof = 1): number {
  requireLength(xs, ddof + 1, 'variance');
  return centralSums(xs).s2 / (xs.length - ddof);
}

export function standardDeviation(xs: Sample, ddof = 1): number {
  return Math.sqrt(variance(xs, ddof));
}

/** Sample skewness g1 = m3 / m2^(3/2) with population (1/n) central moments; 0 for constant data. */
export function skewness(xs: Sample): number {
  requireLength(xs, 3, 'skewness');
  const { s2, s3 } = centralSums(xs);
  const n = xs.length;
  if (s2 === 0) return 0;
  return s3 / n / Math.pow(s2 / n, 1.5);
}

/** Sample excess kurtosis g2 = m4 / m2^2 - 3 with population central moments; 0 for constant data. */
export function excessKurtosis(xs: Sample): number {
  requireLength(xs, 4, 'excessKurtosis');
  const { s2, s4 } = centralSums(xs);
  const n = xs.length;
  if (s2 === 0) return 0;
  return s4 / n / ((s2 / n) * (s2 / n)) - 3;
}

/** Sample covariance of two equally long samples. */
export function covariance(xs: Sample, ys: Sample, ddof = 1): number {
  if (xs.length !== ys.length) {
    throw new RangeError(`covariance: lengths differ (${xs.length} vs ${ys.length})`);
  }
  requireLength(xs, ddof + 1, 'covariance');
  const mx = mean(xs);
  const my = mean(ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
  return s / (xs.length - ddof);
}

/** Pearson correlation; throws when either sample is constant (the correlation is undefined). */
export function correlation(xs: Sample, ys: Sample): number {
  const sxy = covariance(xs, ys, 0);
  const sxx = variance(xs, 0);
  const syy = variance(ys, 0);
  if (!(sxx > 0 && syy > 0)) throw new RangeError('correlation: a sample is constant');
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function sortedCopy(xs: Sample): Float64Array {
  const out = Float64Array.from(xs as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i] as number)) throw new RangeError(`quantile: NaN at index ${i}`);
  }
  return out.sort();
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1))
    throw new RangeError(`quantile: probability must be in [0, 1], got ${p}`);
}

/**
 * Empirical quantile by order statistic (Hyndman & Fan 1996, definition 1: the inverse of the
 * empirical CDF): the k-th smallest value with k = ceil(n p), and the minimum for p = 0. This is
 * the convention of historical VaR ("the loss exceeded on at most (1 - p) n days").
 */
export function orderStatisticQuantile(xs: Sample, p: number): number {
  checkProbability(p);
  requireLength(xs, 1, 'quantile');
  const sorted = sortedCopy(xs);
  const k = Math.max(1, Math.ceil(sorted.length * p - 1e-12));
  return sorted[k - 1] as number;
}

/**
 * Interpolated quantile (Hyndman & Fan definition 7, the default of R and NumPy): linear
 * interpolation between order statistics at h = (n - 1) p.
 */
export function interpolatedQuantile(xs: Sample, p: number): number {
  checkProbability(p);
  requireLength(xs, 1, 'quantile');
  const sorted = sortedCopy(xs);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
  standardDeviation: number;
  skewness: number;
  excessKurtosis: number;
  min: number;
  max: number;
}

/** All of the above in one pass over the data (needs n >= 4). */
export function summarize(xs: Sample): SampleSummary {
  requireLength(xs, 4, 'summarize');
  const { s2, s3, s4 } = centralSums(xs);
  const n = xs.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const m2 = s2 / n;
  return {
    n,
    mean: mean(xs),
    variance: s2 / (n - 1),
    standardDeviation: Math.sqrt(s2 / (n - 1)),
    skewness: m2 > 0 ? s3 / n / Math.pow(m2, 1.5) : 0,
    excessKurtosis: m2 > 0 ? s4 / n / (m2 * m2) - 3 : 0,
    min,
    max,
  };
}
