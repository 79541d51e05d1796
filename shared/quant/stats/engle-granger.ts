/**
 * Engle-Granger (1987) two-step cointegration test for two I(1) series y and x:
 *   1. OLS  y_t = alpha [+ delta t] + beta x_t + u_t  (the cointegrating regression);
 *   2. ADF on the residuals u_t with no deterministic terms (they are already in step 1), lag
 *      chosen by AIC; the tau statistic is referred to MacKinnon's N = 2 distributions for the
 *      step-1 trend ('c' or 'ct'), not to the plain Dickey-Fuller ones.
 * H0: no cointegration (the residuals have a unit root). A small p-value rejects H0.
 */
import { adfTest } from './adf';
import type { CriticalValues } from './mackinnon';
import { olsFit } from './ols';

export interface EngleGrangerOptions {
  trend?: 'c' | 'ct';
  maxLag?: number;
}

export interface EngleGrangerResult {
  statistic: number;
  pValue: number;
  criticalValues: CriticalValues;
  lags: number;
  nObs: number;
  trend: 'c' | 'ct';
  /** Intercept of the cointegrating regression. */
  alpha: number;
  /** Slope of y on x (the hedge ratio in levels). */
  beta: number;
  /** u_t = y_t - alpha - beta x_t [- delta t]. */
  residuals: Float64Array;
}

export function engleGrangerTest(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  options: EngleGrangerOptions = {},
): EngleGrangerResult {
  const n = y.length;
  if (x.length !== n)
    throw new RangeError(`engleGrangerTest: lengths differ (${n} vs ${x.length})`);
  const trend = options.trend ?? 'c';
  const regressors: ArrayLike<number>[] = [x];
  if (trend === 'ct') regressors.push(Float64Array.from({ length: n }, (_, i) => i + 1));
  const step1 = olsFit(y, regressors);
  const adf = adfTest(step1.residuals, {
    trend: 'n',
    distribution: { trend, nVariables: 2 },
    ...(options.maxLag !== undefined ? { maxLag: options.maxLag } : {}),
  });
  return {
    statistic: adf.statistic,
    pValue: adf.pValue,
    criticalValues: adf.criticalValues,
    lags: adf.lags,
    nObs: adf.nObs,
    trend,
    alpha: step1.coefficients[0] as number,
    beta: step1.coefficients[1] as number,
    residuals: step1.residuals,
  };
}
