/**
 * Funding rate of a perpetual from premium-index samples, by each venue's published rule.
 *
 * Premium index (Binance, Bybit): P = [max(0, impact bid - index) - max(0, index - impact ask)] / index,
 * the impact prices being the average fills of the impact margin notional on each side.
 * Averaging over the funding window: Binance (5 s samples) and Bybit (1 min samples) weight the
 * i-th sample by i ("(1*P1 + 2*P2 + ... + n*Pn) / (1 + 2 + ... + n)", Bybit "Introduction to
 * Funding Rate"); OKX takes the plain moving average of the minute premiums.
 *
 * Rules (I = interest component, default 0.01% per 8 h; N = interval in hours):
 * - Binance (Sept 2025 rule): F = [P + clamp(I - P, -0.05%, 0.05%)] / (8 / N), then cap/floor.
 * - Bybit: F = P + clamp(I_N - P, -0.05%, 0.05%) with I_N = I * N / 8, then cap/floor.
 * - OKX: F = clamp(MA(premium - interest), floor, cap), interest 0, premium = (mid - index) / index.
 * - Deribit: premium rate = (mark - index) / index; 8-hour rate
 *   F = clamp(max(0.025%, PR) + min(-0.025%, PR), floor, cap), accrued continuously
 *   (payment over dt = F * dt / 8 h; see `funding-payment.ts`).
 * Caps and floors are per symbol and change with market conditions; they apply only when given.
 */
import type { PerpVenue } from './types';

export type PremiumWeighting = 'linear' | 'equal';

export interface FundingRule {
  venue: PerpVenue;
  intervalHours: number;
  /** Interest component per 8 hours (Binance, Bybit; 0.0001 = 0.01%). */
  interestPer8h: number;
  /** Clamp bound around the interest (Binance, Bybit) or Deribit's dead zone half-width. */
  damper: number;
  cap: number | null;
  floor: number | null;
  weighting: PremiumWeighting;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Published defaults of a venue; pass overrides for a symbol's own cap/floor or interest. */
export function defaultFundingRule(
  venue: PerpVenue,
  overrides: Partial<Omit<FundingRule, 'venue'>> = {},
): FundingRule {
  const base: FundingRule = {
    venue,
    intervalHours: 8,
    interestPer8h: venue === 'okx' || venue === 'deribit' ? 0 : 0.0001,
    damper: venue === 'deribit' ? 0.00025 : 0.0005,
    cap: null,
    floor: null,
    weighting: venue === 'okx' || venue === 'deribit' ? 'equal' : 'linear',
  };
  return { ...base, ...overrides };
}

/** Binance/Bybit premium index from impact bid/ask and the index price. */
export function premiumIndexFromImpact(
  impactBid: number,
  impactAsk: number,
  index: number,
): number {
  return (Math.max(0, impactBid - index) - Math.max(0, index - impactAsk)) / index;
}

/** OKX premium index from the best bid/ask mid. */
export function premiumFromMid(bid: number, ask: number, index: number): number {
  return ((bid + ask) / 2 - index) / index;
}

/** Deribit premium rate from mark and index. */
export function premiumRate(mark: number, index: number): number {
  return (mark - index) / index;
}

/** Average of premium samples in time order: weights 1..n ('linear') or equal. */
export function averagePremium(samples: ArrayLike<number>, weighting: PremiumWeighting): number {
  const n = samples.length;
  if (n === 0) throw new RangeError('averagePremium: no samples');
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const w = weighting === 'linear' ? i + 1 : 1;
    num += w * (samples[i] as number);
    den += w;
  }
  return num / den;
}

export interface FundingRateResult {
  /** Rate per funding interval before cap/floor. */
  uncapped: number;
  /** Rate per funding interval (Deribit: per 8 hours, accrued continuously). */
  rate: number;
  capped: boolean;
  averagePremium: number;
  /** Interest component used, per funding interval. */
  interest: number;
}

function applyCaps(x: number, rule: FundingRule): number {
  return clamp(x, rule.floor ?? -Infinity, rule.cap ?? Infinity);
}

/** Funding rate from an already averaged premium index. */
export function fundingRateFromPremium(avgPremium: number, rule: FundingRule): FundingRateResult {
  const n = rule.intervalHours;
  const d = rule.damper;
  let uncapped: number;
  let interest: number;
  switch (rule.venue) {
    case 'binance':
      interest = (rule.interestPer8h * n) / 8;
      uncapped = ((avgPremium + clamp(rule.interestPer8h - avgPremium, -d, d)) * n) / 8;
      break;
    case 'bybit':
      interest = (rule.interestPer8h * n) / 8;
      uncapped = avgPremium + clamp(interest - avgPremium, -d, d);
      break;
    case 'okx':
      interest = (rule.interestPer8h * n) / 8;
      uncapped = avgPremium - interest;
      break;
    case 'deribit':
      interest = 0;
      uncapped = Math.max(d, avgPremium) + Math.min(-d, avgPremium);
      break;
  }
  const rate = applyCaps(uncapped, rule);
  return { uncapped, rate, capped: rate !== uncapped, averagePremium: avgPremium, interest };
}

/** Funding rate of a complete window of premium samples (time order). */
export function fundingRateFromSamples(
  premiums: ArrayLike<number>,
  rule: FundingRule,
): FundingRateResult {
  return fundingRateFromPremium(averagePremium(premiums, rule.weighting), rule);
}

/**
 * Predicted rate of the window in progress: the venue rule applied to the samples so far with the
 * rest of the window (`samplesPerWindow` in all) filled by the last sample. With persistence this
 * is what the venues' "predicted/estimated rate" converges to; at the end of the window it is exact.
 */
export function predictFundingRate(
  premiumsSoFar: ArrayLike<number>,
  samplesPerWindow: number,
  rule: FundingRule,
): FundingRateResult {
  const n = premiumsSoFar.length;
  if (n === 0) throw new RangeError('predictFundingRate: no samples yet');
  const total = Math.max(n, Math.floor(samplesPerWindow));
  const last = premiumsSoFar[n - 1] as number;
  const filled = new Float64Array(total);
  for (let i = 0; i < total; i++) filled[i] = i < n ? (premiumsSoFar[i] as number) : last;
  return fundingRateFromSamples(filled, rule);
}
