/**
 * A funding window in progress, kept as running sums so that a live source need not store every
 * premium sample (an 8-hour Binance window at 4 samples a second is 115,200 of them).
 *
 * Binance and Bybit weight the i-th sample by i, OKX and Deribit weight equally
 * (`averagePremium` in `perps/funding-rate.ts`). Deribit accrues its 8-hour rate continuously,
 * so its realised rate over a window is the average of the instantaneous rates (the dead zone
 * makes that differ from the rate of the average premium).
 *
 * The predicted rate is `predictFundingRate`'s rule (the rest of the window filled with the last
 * sample) in closed form: with n samples so far, weights w_i and N in the whole window,
 * average = (sum_{i<=n} w_i P_i + P_n sum_{n<i<=N} w_i) / sum_{i<=N} w_i.
 */
import type { FundingRateResult, FundingRule } from '../perps/funding-rate';
import { fundingRateFromPremium } from '../perps/funding-rate';

export interface PremiumWindow {
  /** Samples so far. */
  n: number;
  /** Sum of w_i P_i and of w_i with the venue's weights. */
  weightedSum: number;
  weightSum: number;
  /** Sum of the instantaneous (continuous-accrual) rates, Deribit. */
  rateSum: number;
  last: number;
}

export function emptyWindow(): PremiumWindow {
  return { n: 0, weightedSum: 0, weightSum: 0, rateSum: 0, last: 0 };
}

/** True for venues whose funding accrues continuously rather than at funding times. */
export function isContinuousFunding(rule: FundingRule): boolean {
  return rule.venue === 'deribit';
}

function weightOf(i: number, rule: FundingRule): number {
  return rule.weighting === 'linear' ? i : 1;
}

/** The window with one more premium sample (a new object; windows are values). */
export function addPremiumSample(
  w: PremiumWindow,
  premium: number,
  rule: FundingRule,
): PremiumWindow {
  const n = w.n + 1;
  const weight = weightOf(n, rule);
  return {
    n,
    weightedSum: w.weightedSum + weight * premium,
    weightSum: w.weightSum + weight,
    rateSum: w.rateSum + fundingRateFromPremium(premium, rule).rate,
    last: premium,
  };
}

/** Sum of weights w_i for i = from..to inclusive. */
function weightRange(from: number, to: number, rule: FundingRule): number {
  if (to < from) return 0;
  if (rule.weighting === 'equal') return to - from + 1;
  return ((from + to) * (to - from + 1)) / 2;
}

/**
 * Rate of the window so far if the funding time were now. Null before the first sample.
 * Deribit: the average instantaneous 8-hour rate.
 */
export function realisedWindowRate(w: PremiumWindow, rule: FundingRule): number | null {
  if (w.n === 0) return null;
  if (isContinuousFunding(rule)) return w.rateSum / w.n;
  return fundingRateFromPremium(w.weightedSum / w.weightSum, rule).rate;
}

/**
 * Predicted rate for the funding time: the rule applied with `samplesLeft` more samples equal to
 * the last one. Equals `predictFundingRate(samples, n + samplesLeft, rule)` on the same samples.
 */
export function predictedWindowRate(
  w: PremiumWindow,
  samplesLeft: number,
  rule: FundingRule,
): FundingRateResult | null {
  if (w.n === 0) return null;
  const left = Math.max(0, Math.floor(samplesLeft));
  if (isContinuousFunding(rule)) {
    const now = fundingRateFromPremium(w.last, rule);
    const rate = (w.rateSum + left * now.rate) / (w.n + left);
    return { ...now, uncapped: rate, rate, capped: false };
  }
  const fill = weightRange(w.n + 1, w.n + left, rule);
  const avg = (w.weightedSum + w.last * fill) / (w.weightSum + fill);
  return fundingRateFromPremium(avg, rule);
}
