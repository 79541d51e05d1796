/** A limit on one book-level risk measure, with a warning band before the hard limit. */
export type LimitMetric =
  'deltaUsd' | 'gammaUsdPer1Pct' | 'vegaUsdPerVolPt' | 'thetaUsdPerDay' | 'var99_1d' | 'dayPnlUsd';

export interface RiskLimit {
  metric: LimitMetric;
  /** Absolute value above which the limit is breached (same unit as the metric). */
  limit: number;
  /** Fraction of the limit at which a warning starts, e.g. 0.8. */
  warnFraction: number;
}

export type LimitStatus = 'ok' | 'warn' | 'breach';

export function limitStatus(value: number, limit: RiskLimit): LimitStatus {
  const usage = Math.abs(value) / limit.limit;
  if (usage >= 1) return 'breach';
  if (usage >= limit.warnFraction) return 'warn';
  return 'ok';
}

/** Default desk limits for the demo book (blueprint section 7.1 scaled to the sample book). */
export const DEFAULT_LIMITS: readonly RiskLimit[] = [
  { metric: 'deltaUsd', limit: 1_500_000, warnFraction: 0.8 },
  { metric: 'gammaUsdPer1Pct', limit: 120_000, warnFraction: 0.8 },
  { metric: 'vegaUsdPerVolPt', limit: 40_000, warnFraction: 0.8 },
  { metric: 'thetaUsdPerDay', limit: 25_000, warnFraction: 0.8 },
  { metric: 'var99_1d', limit: 250_000, warnFraction: 0.8 },
  { metric: 'dayPnlUsd', limit: 200_000, warnFraction: 0.75 },
];
