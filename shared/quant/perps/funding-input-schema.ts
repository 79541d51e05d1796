/**
 * Input and report of `cerberus funding --input FILE`: a funding rate from premium-index samples
 * by a venue's rule (`funding-rate.ts`), its annualised carry, the predicted rate of an
 * unfinished window, and optionally the payment of a position at that rate.
 */
import { z } from 'zod';
import { annualisedRate, fundingCashFlow } from './funding-payment';
import type { FundingRule } from './funding-rate';
import {
  averagePremium,
  defaultFundingRule,
  fundingRateFromPremium,
  predictFundingRate,
  premiumFromMid,
  premiumIndexFromImpact,
  premiumRate,
} from './funding-rate';

const positive = z.number().positive();

/** One sample: a premium index, or the prices it is computed from (venue-specific forms). */
export const premiumSampleSchema = z.union([
  z.number(),
  z.object({ premiumIndex: z.number() }),
  z.object({ impactBid: positive, impactAsk: positive, index: positive }),
  z.object({ bid: positive, ask: positive, index: positive }),
  z.object({ mark: positive, index: positive }),
]);

export const fundingInputSchema = z.object({
  venue: z.enum(['binance', 'bybit', 'okx', 'deribit']),
  intervalHours: positive.max(24).default(8),
  interestPer8h: z.number().optional(),
  damper: z.number().nonnegative().optional(),
  cap: z.number().optional(),
  floor: z.number().optional(),
  weighting: z.enum(['linear', 'equal']).optional(),
  samples: z.array(premiumSampleSchema).min(1),
  samplesPerWindow: z.number().int().positive().optional(),
  position: z
    .object({
      side: z.enum(['long', 'short']),
      size: positive,
      markPrice: positive,
      contract: z.enum(['linear', 'inverse']).default('linear'),
      contractSize: positive.default(1),
    })
    .optional(),
});

export type FundingInput = z.infer<typeof fundingInputSchema>;
type PremiumSample = z.infer<typeof premiumSampleSchema>;

export function premiumOfSample(s: PremiumSample): number {
  if (typeof s === 'number') return s;
  if ('premiumIndex' in s) return s.premiumIndex;
  if ('impactBid' in s) return premiumIndexFromImpact(s.impactBid, s.impactAsk, s.index);
  if ('bid' in s) return premiumFromMid(s.bid, s.ask, s.index);
  return premiumRate(s.mark, s.index);
}

export function fundingRuleFromInput(input: FundingInput): FundingRule {
  const overrides: Partial<Omit<FundingRule, 'venue'>> = { intervalHours: input.intervalHours };
  if (input.interestPer8h !== undefined) overrides.interestPer8h = input.interestPer8h;
  if (input.damper !== undefined) overrides.damper = input.damper;
  if (input.cap !== undefined) overrides.cap = input.cap;
  if (input.floor !== undefined) overrides.floor = input.floor;
  if (input.weighting !== undefined) overrides.weighting = input.weighting;
  return defaultFundingRule(input.venue, overrides);
}

export interface FundingReport {
  venue: string;
  intervalHours: number;
  /** Deribit quotes an 8-hour rate accrued continuously; the others pay per interval. */
  accrual: 'perInterval' | 'continuous';
  samples: number;
  weighting: string;
  averagePremium: number;
  interest: number;
  uncappedRate: number;
  fundingRate: number;
  capped: boolean;
  annualised: number;
  predictedRate: number | null;
  payment: { cashFlow: number; perDay: number; currency: 'quote' | 'coin' } | null;
}

export function fundingReport(input: FundingInput): FundingReport {
  const rule = fundingRuleFromInput(input);
  const premiums = Float64Array.from(input.samples, premiumOfSample);
  const result = fundingRateFromPremium(averagePremium(premiums, rule.weighting), rule);
  // Deribit's rate is per 8 hours whatever the sampling; the others per funding interval.
  const rateHours = input.venue === 'deribit' ? 8 : rule.intervalHours;
  const predicted =
    input.samplesPerWindow === undefined
      ? null
      : predictFundingRate(premiums, input.samplesPerWindow, rule).rate;
  let payment: FundingReport['payment'] = null;
  if (input.position !== undefined) {
    const p = input.position;
    const contract = { type: p.contract, contractSize: p.contractSize };
    const cashFlow = fundingCashFlow(contract, p.side, p.size, p.markPrice, result.rate);
    payment = {
      cashFlow,
      perDay: (cashFlow * 24) / rateHours,
      currency: p.contract === 'linear' ? 'quote' : 'coin',
    };
  }
  return {
    venue: input.venue,
    intervalHours: rateHours,
    accrual: input.venue === 'deribit' ? 'continuous' : 'perInterval',
    samples: premiums.length,
    weighting: rule.weighting,
    averagePremium: result.averagePremium,
    interest: result.interest,
    uncappedRate: result.uncapped,
    fundingRate: result.rate,
    capped: result.capped,
    annualised: annualisedRate(result.rate, rateHours),
    predictedRate: predicted,
    payment,
  };
}
