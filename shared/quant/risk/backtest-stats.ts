/**
 * Statistical tests of a VaR model's breach sequence (I_t = 1 when the realised loss exceeds the
 * VaR forecast for day t).
 *
 * - Kupiec (1995) proportion of failures: x breaches in n days against p = 1 - confidence,
 *   LR_pof = -2 ln[(1-p)^(n-x) p^x] + 2 ln[(1-x/n)^(n-x) (x/n)^x] ~ chi2(1).
 * - Christoffersen (1998) independence: Markov transition counts n_ij (state i on day t-1, j on
 *   day t) over the n-1 consecutive pairs, pi_0 = n01/(n00+n01), pi_1 = n11/(n10+n11),
 *   pi = (n01+n11)/(n-1); LR_ind = -2 ln L(pi) + 2 ln L(pi_0, pi_1) ~ chi2(1), and conditional
 *   coverage LR_cc = LR_pof + LR_ind ~ chi2(2) (the usual sum, although LR_pof counts n days and
 *   LR_ind n-1 pairs).
 * - p-values in closed form: chi2(1) survival = erfc(sqrt(x/2)), chi2(2) survival = exp(-x/2).
 * - Basel traffic light (BCBS 1996, "Supervisory framework for the use of backtesting"): zones by
 *   the cumulative binomial probability of the breach count, green below 95%, red from 99.99%;
 *   for 250 days at 99% that is green 0-4, yellow 5-9, red 10+, with the Basel plus factor.
 * 0 ln 0 is taken as 0 everywhere (a likelihood term with no observations).
 */
import { erfc } from '../math/normal';
import { regularizedIncompleteBeta } from '../stats/special';
import { checkConfidence } from './tail-measures';

export interface LrTest {
  /** Likelihood-ratio statistic (>= 0). */
  lr: number;
  pValue: number;
  degreesOfFreedom: 1 | 2;
}

export interface Transitions {
  n00: number;
  n01: number;
  n10: number;
  n11: number;
}

export type TrafficLightZone = 'green' | 'yellow' | 'red';

export interface TrafficLight {
  zone: TrafficLightZone;
  breaches: number;
  days: number;
  /** P(X <= breaches) under a correct model (binomial). */
  cumulativeProbability: number;
  /** Basel plus factor added to the multiplier 3 (0 in green, 0.40..0.85 in yellow, 1 in red). */
  plusFactor: number;
}

/** x ln(p) with 0 ln 0 = 0. */
function xlogy(x: number, p: number): number {
  return x === 0 ? 0 : x * Math.log(p);
}

/** Survival function of chi-square with 1 or 2 degrees of freedom. */
export function chiSquareSurvival(x: number, dof: 1 | 2): number {
  if (!(x >= 0)) return 1;
  return dof === 1 ? erfc(Math.sqrt(x / 2)) : Math.exp(-x / 2);
}

function lrTest(lr: number, dof: 1 | 2): LrTest {
  // Rounding can make an exact-fit statistic a hair negative.
  const clean = Math.max(0, lr);
  return { lr: clean, pValue: chiSquareSurvival(clean, dof), degreesOfFreedom: dof };
}

function checkSequence(breaches: ArrayLike<boolean | number>): void {
  if (breaches.length === 0) throw new RangeError('backtest: empty breach sequence');
}

export function kupiecPof(breachCount: number, days: number, confidence: number): LrTest {
  checkConfidence(confidence);
  if (!(Number.isInteger(days) && days > 0))
    throw new RangeError(`kupiec: days must be >= 1, got ${days}`);
  if (!(Number.isInteger(breachCount) && breachCount >= 0 && breachCount <= days)) {
    throw new RangeError(`kupiec: breaches must be an integer in [0, ${days}], got ${breachCount}`);
  }
  const p = 1 - confidence;
  const x = breachCount;
  const phat = x / days;
  const l0 = xlogy(days - x, 1 - p) + xlogy(x, p);
  const l1 = xlogy(days - x, 1 - phat) + xlogy(x, phat);
  return lrTest(-2 * (l0 - l1), 1);
}

export function transitionCounts(breaches: ArrayLike<boolean | number>): Transitions {
  checkSequence(breaches);
  const t: Transitions = { n00: 0, n01: 0, n10: 0, n11: 0 };
  for (let i = 1; i < breaches.length; i++) {
    const a = breaches[i - 1] ? 1 : 0;
    const b = breaches[i] ? 1 : 0;
    if (a === 0 && b === 0) t.n00++;
    else if (a === 0) t.n01++;
    else if (b === 0) t.n10++;
    else t.n11++;
  }
  return t;
}

export function christoffersenIndependence(t: Transitions): LrTest {
  const pairs = t.n00 + t.n01 + t.n10 + t.n11;
  if (pairs === 0) return lrTest(0, 1);
  const pi = (t.n01 + t.n11) / pairs;
  const pi0 = t.n00 + t.n01 > 0 ? t.n01 / (t.n00 + t.n01) : 0;
  const pi1 = t.n10 + t.n11 > 0 ? t.n11 / (t.n10 + t.n11) : 0;
  const l0 = xlogy(t.n00 + t.n10, 1 - pi) + xlogy(t.n01 + t.n11, pi);
  const l1 = xlogy(t.n00, 1 - pi0) + xlogy(t.n01, pi0) + xlogy(t.n10, 1 - pi1) + xlogy(t.n11, pi1);
  return lrTest(-2 * (l0 - l1), 1);
}

export interface CoverageTests {
  kupiec: LrTest;
  independence: LrTest;
  conditionalCoverage: LrTest;
  transitions: Transitions;
}

/** All three tests on a breach sequence (true/1 = breach). */
export function coverageTests(
  breaches: ArrayLike<boolean | number>,
  confidence: number,
): CoverageTests {
  checkSequence(breaches);
  let x = 0;
  for (let i = 0; i < breaches.length; i++) if (breaches[i]) x++;
  const kupiec = kupiecPof(x, breaches.length, confidence);
  const transitions = transitionCounts(breaches);
  const independence = christoffersenIndependence(transitions);
  const conditionalCoverage = lrTest(kupiec.lr + independence.lr, 2);
  return { kupiec, independence, conditionalCoverage, transitions };
}

/** P(X <= k) for X ~ Binomial(n, p), through I_{1-p}(n-k, k+1). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedIncompleteBeta(1 - p, n - k, k + 1);
}

const BASEL_PLUS_FACTOR_250 = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

export function trafficLight(breachCount: number, days: number, confidence: number): TrafficLight {
  checkConfidence(confidence);
  const cumulativeProbability = binomialCdf(breachCount, days, 1 - confidence);
  // 1e-12 slack: at the exact boundary the incomplete beta carries rounding noise.
  const zone: TrafficLightZone =
    cumulativeProbability < 0.95 - 1e-12
      ? 'green'
      : cumulativeProbability < 0.9999 - 1e-12
        ? 'yellow'
        : 'red';
  let plusFactor = zone === 'red' ? 1 : 0;
  if (zone === 'yellow') {
    // The Basel table is for 250 days at 99%; elsewhere scale the count to that table.
    const scaled = Math.round((breachCount * 250 * 0.01) / (days * (1 - confidence)));
    plusFactor = BASEL_PLUS_FACTOR_250[Math.min(9, Math.max(5, scaled))] as number;
  }
  return { zone, breaches: breachCount, days, cumulativeProbability, plusFactor };
}
