/**
 * Ordinary least squares with classical (homoskedastic) standard errors, t statistics, R^2 and the
 * Gaussian information criteria used for ADF lag selection.
 */
import { leastSquaresQr } from './linalg';

export interface OlsResult {
  n: number;
  /** Number of estimated coefficients (columns). */
  k: number;
  coefficients: Float64Array;
  standardErrors: Float64Array;
  tStatistics: Float64Array;
  residuals: Float64Array;
  /** Residual sum of squares. */
  rss: number;
  /** Unbiased residual variance rss / (n - k). */
  sigma2: number;
  /** Centred R^2 when the model has an intercept, uncentred otherwise. */
  rSquared: number;
  /** Gaussian log-likelihood at the MLE variance rss / n. */
  logLikelihood: number;
  /** -2 logL + 2k (k coefficients; the variance is not counted, as in statsmodels). */
  aic: number;
  /** -2 logL + k ln n. */
  bic: number;
  /** Coefficient covariance sigma2 (X'X)^-1, k x k row-major. */
  covariance: Float64Array;
}

export interface OlsOptions {
  /** Prepend a column of ones (its coefficient comes first). Default true. */
  intercept?: boolean;
}

/** Regresses y on the given regressor columns (each as long as y). Needs n > k. */
export function olsFit(
  y: ArrayLike<number>,
  regressors: readonly ArrayLike<number>[],
  options: OlsOptions = {},
): OlsResult {
  const n = y.length;
  const intercept = options.intercept ?? true;
  const columns: ArrayLike<number>[] = intercept
    ? [new Float64Array(n).fill(1), ...regressors]
    : [...regressors];
  const k = columns.length;
  if (n <= k) throw new RangeError(`olsFit: ${n} observations for ${k} coefficients (need n > k)`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i] as number)) throw new RangeError(`olsFit: y[${i}] is not finite`);
  }
  const { coefficients, inverseGram } = leastSquaresQr(columns, y);
  const residuals = new Float64Array(n);
  let rss = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i] as number;
  yMean /= n;
  let tss = 0;
  const fitted = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const col = columns[j] as ArrayLike<number>;
    const b = coefficients[j] as number;
    for (let i = 0; i < n; i++) fitted[i] = (fitted[i] as number) + b * (col[i] as number);
  }
  for (let i = 0; i < n; i++) {
    const e = (y[i] as number) - (fitted[i] as number);
    residuals[i] = e;
    rss += e * e;
    const d = intercept ? (y[i] as number) - yMean : (y[i] as number);
    tss += d * d;
  }
  const sigma2 = rss / (n - k);
  const covariance = inverseGram.map((v) => v * sigma2);
  const standardErrors = new Float64Array(k);
  const tStatistics = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const se = Math.sqrt(Math.max(0, covariance[j * k + j] as number));
    standardErrors[j] = se;
    tStatistics[j] = se > 0 ? (coefficients[j] as number) / se : 0;
  }
  const logLikelihood = rss > 0 ? -0.5 * n * (Math.log((2 * Math.PI * rss) / n) + 1) : Infinity;
  return {
    n,
    k,
    coefficients,
    standardErrors,
    tStatistics,
    residuals,
    rss,
    sigma2,
    rSquared: tss > 0 ? 1 - rss / tss : 0,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * k,
    bic: -2 * logLikelihood + k * Math.log(n),
    covariance,
  };
}
