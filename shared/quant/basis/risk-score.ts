/**
 * The blueprint's 0-100 basis risk score (section 2.1, `_calculate_risk_score`), with its caps made
 * explicit (the sketch lets the tail term exceed 20):
 *   premium deviation  30 x min(|z| / 3, 1)            z = OU z-score of log mNAV
 *   leverage           30 x min(max(L, 0) / 3, 1)      L = implied leverage (return beta)
 *   tail dependence    20 x min(lambda / 0.5, 1)       lambda = t-copula tail coefficient
 *   beta instability   20 x min(sd20(beta) / 0.5, 1)   sd of the daily EWMA beta, last 20 days
 * A component whose input is unavailable scores 0 and is reported as null. Warnings fire at the
 * blueprint's thresholds: |z| > 2, L > 2, lambda > 0.3.
 */
import type { BasisWarning } from './types';

export interface RiskScoreInputs {
  zScore: number | null;
  leverage: number | null;
  tailDependence: number | null;
  betaInstability: number | null;
}

export interface RiskScore {
  score: number;
  components: {
    premiumDeviation: number | null;
    leverage: number | null;
    tailDependence: number | null;
    betaInstability: number | null;
  };
  warnings: BasisWarning[];
}

export const RISK_THRESHOLDS = { zScore: 2, leverage: 2, tailDependence: 0.3 } as const;

function capped(value: number | null, full: number, weight: number): number | null {
  if (value === null) return null;
  return weight * Math.min(Math.max(value, 0) / full, 1);
}

export function basisRiskScore(inputs: RiskScoreInputs): RiskScore {
  const components = {
    premiumDeviation: capped(inputs.zScore === null ? null : Math.abs(inputs.zScore), 3, 30),
    leverage: capped(inputs.leverage, 3, 30),
    tailDependence: capped(inputs.tailDependence, 0.5, 20),
    betaInstability: capped(inputs.betaInstability, 0.5, 20),
  };
  const total = Object.values(components).reduce<number>((s, c) => s + (c ?? 0), 0);
  const warnings: BasisWarning[] = [];
  if (inputs.zScore !== null && Math.abs(inputs.zScore) > RISK_THRESHOLDS.zScore) {
    warnings.push({
      code: 'risk.premiumDeviation',
      message: `premium deviation high: z = ${inputs.zScore.toFixed(2)} stationary std`,
    });
  }
  if (inputs.leverage !== null && inputs.leverage > RISK_THRESHOLDS.leverage) {
    warnings.push({
      code: 'risk.highLeverage',
      message: `high leverage: ${inputs.leverage.toFixed(2)}x BTC`,
    });
  }
  if (inputs.tailDependence !== null && inputs.tailDependence > RISK_THRESHOLDS.tailDependence) {
    warnings.push({
      code: 'risk.highTailDependence',
      message: `high tail dependence: ${(inputs.tailDependence * 100).toFixed(1)}%`,
    });
  }
  return { score: Math.min(100, Math.round(total * 10) / 10), components, warnings };
}

/** Sample standard deviation of the last `window` values (null when fewer are available). */
export function trailingStd(series: ArrayLike<number>, window = 20): number | null {
  const n = series.length;
  if (n < window || window < 2) return null;
  let m = 0;
  for (let i = n - window; i < n; i++) m += series[i] as number;
  m /= window;
  let s = 0;
  for (let i = n - window; i < n; i++) s += ((series[i] as number) - m) ** 2;
  return Math.sqrt(s / (window - 1));
}
