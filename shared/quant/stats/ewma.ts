/**
 * Exponentially weighted moving (co)variance, RiskMetrics (J.P. Morgan/Reuters 1996, ch. 5):
 *   v_t = lambda v_{t-1} + (1 - lambda) r_t^2,   c_t = lambda c_{t-1} + (1 - lambda) x_t y_t,
 * zero mean (daily returns), lambda = 0.94 for daily data. Element t of every output series uses
 * the returns up to and including t, so it is also the forecast for t + 1.
 *
 * Seeding: v_{-1} is the mean of the squared returns over the first `seedLength` observations
 * (default min(n, 30)), so early values are not dominated by an arbitrary start.
 */

export const RISKMETRICS_LAMBDA_DAILY = 0.94;

export interface EwmaOptions {
  lambda?: number;
  seedLength?: number;
}

function checkLambda(lambda: number): void {
  if (!(lambda > 0 && lambda < 1))
    throw new RangeError(`EWMA lambda must be in (0, 1), got ${lambda}`);
}

function seedMean(x: ArrayLike<number>, y: ArrayLike<number>, seedLength: number): number {
  const m = Math.min(x.length, Math.max(1, seedLength));
  let s = 0;
  for (let i = 0; i < m; i++) s += (x[i] as number) * (y[i] as number);
  return s / m;
}

/** EWMA covariance series of two equally long return series. */
export function ewmaCovarianceSeries(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: EwmaOptions = {},
): Float64Array {
  const lambda = options.lambda ?? RISKMETRICS_LAMBDA_DAILY;
  checkLambda(lambda);
  if (x.length !== y.length)
    throw new RangeError(`EWMA: lengths differ (${x.length} vs ${y.length})`);
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let c = seedMean(x, y, options.seedLength ?? 30);
  for (let t = 0; t < n; t++) {
    c = lambda * c + (1 - lambda) * (x[t] as number) * (y[t] as number);
    out[t] = c;
  }
  return out;
}

/** EWMA variance series of one return series. */
export function ewmaVarianceSeries(r: ArrayLike<number>, options: EwmaOptions = {}): Float64Array {
  return ewmaCovarianceSeries(r, r, options);
}

export interface EwmaRegressionSeries {
  /** Variance of the regressor x (e.g. BTC returns). */
  varianceX: Float64Array;
  /** Variance of the dependent series y (e.g. MSTR returns). */
  varianceY: Float64Array;
  covariance: Float64Array;
  /** beta_t = c_t / v_x,t: the EWMA regression slope of y on x. */
  beta: Float64Array;
  correlation: Float64Array;
}

/** EWMA beta and correlation of y on x, all from one lambda so that beta = rho sigma_y / sigma_x. */
export function ewmaBetaSeries(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  options: EwmaOptions = {},
): EwmaRegressionSeries {
  const varianceX = ewmaCovarianceSeries(x, x, options);
  const varianceY = ewmaCovarianceSeries(y, y, options);
  const covariance = ewmaCovarianceSeries(x, y, options);
  const n = x.length;
  const beta = new Float64Array(n);
  const correlation = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const vx = varianceX[t] as number;
    const vy = varianceY[t] as number;
    const c = covariance[t] as number;
    beta[t] = vx > 0 ? c / vx : 0;
    correlation[t] = vx > 0 && vy > 0 ? Math.max(-1, Math.min(1, c / Math.sqrt(vx * vy))) : 0;
  }
  return { varianceX, varianceY, covariance, beta, correlation };
}
