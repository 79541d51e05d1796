/**
 * Augmented Dickey-Fuller unit-root test (Said & Dickey 1984):
 *   dy_t = [c] [+ d t] + gamma y_{t-1} + sum_{i=1..p} phi_i dy_{t-i} + e_t,
 * H0: gamma = 0 (unit root) against gamma < 0; the statistic is the OLS t ratio of gamma.
 *
 * Lag selection follows the usual automatic procedure (as in statsmodels' `adfuller`): every
 * p = 0..maxLag is fitted on the common sample that maxLag leaves, the criterion (AIC by default)
 * picks p, and the test regression is then re-run with that p on all the observations it allows.
 * maxLag defaults to Schwert's rule ceil(12 (n / 100)^(1/4)), capped so the regression keeps
 * enough degrees of freedom. p-values and critical values come from `./mackinnon`.
 */
import {
  mackinnonCriticalValues,
  mackinnonPValue,
  type CriticalValues,
  type DickeyFullerTrend,
} from './mackinnon';
import { olsFit, type OlsResult } from './ols';

export interface AdfOptions {
  trend?: DickeyFullerTrend;
  /** Largest lag of dy considered (or used, with lagSelection 'fixed'). */
  maxLag?: number;
  lagSelection?: 'aic' | 'bic' | 'fixed';
  /**
   * Null distribution for the p-value and critical values. Default: `trend` with one I(1) series
   * (the plain ADF test). Engle-Granger residual tests pass the cointegrating regression's trend
   * and nVariables = 2 while the test regression itself has no deterministic terms.
   */
  distribution?: { trend: DickeyFullerTrend; nVariables: number };
}

export interface AdfResult {
  statistic: number;
  pValue: number;
  criticalValues: CriticalValues;
  /** Lagged differences in the final regression. */
  lags: number;
  /** Observations in the final regression. */
  nObs: number;
  trend: DickeyFullerTrend;
  /** Estimated gamma (the coefficient of y_{t-1}). */
  gamma: number;
  maxLag: number;
}

/** Schwert (1989) rule for the largest lag: ceil(12 (n / 100)^(1/4)). */
export function schwertMaxLag(n: number): number {
  return Math.ceil(12 * Math.pow(n / 100, 0.25));
}

function deterministicCount(trend: DickeyFullerTrend): number {
  return trend === 'n' ? 0 : trend === 'c' ? 1 : 2;
}

/** The ADF regression with p lags over rows t = first..n-1 (t indexes y; dy_t = y_t - y_{t-1}). */
function adfRegression(
  y: ArrayLike<number>,
  p: number,
  first: number,
  trend: DickeyFullerTrend,
): OlsResult {
  const n = y.length;
  const m = n - first;
  const dep = new Float64Array(m);
  const level = new Float64Array(m);
  const lagged: Float64Array[] = Array.from({ length: p }, () => new Float64Array(m));
  const time = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const t = first + r;
    dep[r] = (y[t] as number) - (y[t - 1] as number);
    level[r] = y[t - 1] as number;
    for (let i = 1; i <= p; i++)
      (lagged[i - 1] as Float64Array)[r] = (y[t - i] as number) - (y[t - i - 1] as number);
    time[r] = r + 1;
  }
  const regressors = trend === 'ct' ? [level, time, ...lagged] : [level, ...lagged];
  return olsFit(dep, regressors, { intercept: trend !== 'n' });
}

/** ADF test on a series in time order (oldest first). */
export function adfTest(series: ArrayLike<number>, options: AdfOptions = {}): AdfResult {
  const trend = options.trend ?? 'c';
  const selection = options.lagSelection ?? 'aic';
  const distribution = options.distribution ?? { trend, nVariables: 1 };
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i] as number))
      throw new RangeError(`adfTest: value ${i} is not finite`);
  }
  const k0 = deterministicCount(trend) + 1;
  // Largest p that leaves at least ~10 residual degrees of freedom: n - 1 - p > k0 + p + 10.
  const feasible = Math.floor((n - 12 - k0) / 2);
  if (feasible < 0) throw new RangeError(`adfTest: ${n} observations are too few`);
  const maxLag = Math.min(options.maxLag ?? schwertMaxLag(n), feasible);
  if (maxLag < 0) throw new RangeError('adfTest: maxLag must be >= 0');
  // Index of y coefficient: after the intercept when there is one.
  const gammaIndex = trend === 'n' ? 0 : 1;
  let lags = maxLag;
  if (selection !== 'fixed') {
    let bestCriterion = Infinity;
    for (let p = 0; p <= maxLag; p++) {
      const fit = adfRegression(series, p, maxLag + 1, trend);
      const criterion = selection === 'aic' ? fit.aic : fit.bic;
      if (criterion < bestCriterion) {
        bestCriterion = criterion;
        lags = p;
      }
    }
  }
  const fit = adfRegression(series, lags, lags + 1, trend);
  const statistic = fit.tStatistics[gammaIndex] as number;
  return {
    statistic,
    pValue: mackinnonPValue(statistic, distribution.trend, distribution.nVariables),
    criticalValues: mackinnonCriticalValues(distribution.trend, distribution.nVariables, fit.n),
    lags,
    nObs: fit.n,
    trend,
    gamma: fit.coefficients[gammaIndex] as number,
    maxLag,
  };
}
