/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999; Hull & White 1998):
 * each past daily return is divided by the volatility forecast of its own day and multiplied by
 * today's forecast, r*_t = r_t sigma_{T+1} / sigma_t, so a calm window does not understate risk
 * in a turbulent market (and vice versa), while the shape of the return distribution and the
 * cross-asset co-movement of each day are kept.
 *
 * - EWMA (RiskMetrics): sigma_t^2 is the EWMA variance through day t-1 (the one-step forecast
 *   for day t), seeded with the mean square of the first 30 returns; sigma_{T+1}^2 includes day T.
 * - GARCH(1,1): sigma_t^2 the fitted conditional variance, sigma_{T+1}^2 its one-step forecast;
 *   the fitted mean is removed before scaling (daily means are negligible against sigma).
 */
import { ewmaVarianceSeries } from '../stats/ewma';
import { fitGarch11 } from '../stats/garch';

export type VolFilter = 'none' | 'ewma' | 'garch';

/** Returns `r` rescaled to today's volatility (same length). */
export function filterReturns(r: Float64Array, filter: VolFilter, lambda = 0.94): Float64Array {
  if (filter === 'none') return r.slice();
  const n = r.length;
  const out = new Float64Array(n);
  if (filter === 'ewma') {
    if (n < 2) throw new RangeError('filtered HS needs at least 2 returns');
    const seedLength = Math.min(n, 30);
    let seed = 0;
    for (let t = 0; t < seedLength; t++) seed += (r[t] as number) ** 2;
    seed /= seedLength;
    const v = ewmaVarianceSeries(r, { lambda, seedLength });
    const today = Math.sqrt(v[n - 1] as number);
    for (let t = 0; t < n; t++) {
      const prev = t === 0 ? seed : (v[t - 1] as number);
      out[t] = prev > 0 ? ((r[t] as number) * today) / Math.sqrt(prev) : 0;
    }
    return out;
  }
  const fit = fitGarch11(r);
  const today = Math.sqrt(fit.nextVariance);
  for (let t = 0; t < n; t++) out[t] = (fit.standardizedResiduals[t] as number) * today;
  return out;
}
