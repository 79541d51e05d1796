/** Running funding windows against the library's sample-based rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultFundingRule,
  fundingRateFromPremium,
  fundingRateFromSamples,
  predictFundingRate,
} from '../../../shared/quant/perps/funding-rate';
import type { PerpVenue } from '../../../shared/quant/perps/types';
import {
  addPremiumSample,
  emptyWindow,
  predictedWindowRate,
  realisedWindowRate,
  type PremiumWindow,
} from '../../../shared/quant/perps-live/premium-window';

const VENUES: PerpVenue[] = ['binance', 'bybit', 'okx'];
const premium = fc.double({ min: -0.003, max: 0.003, noNaN: true });

function windowOf(samples: readonly number[], venue: PerpVenue): PremiumWindow {
  const rule = defaultFundingRule(venue);
  return samples.reduce((w, p) => addPremiumSample(w, p, rule), emptyWindow());
}

describe('premium window', () => {
  it('realises the same rate as fundingRateFromSamples on the whole window (Binance, Bybit, OKX)', () => {
    fc.assert(
      fc.property(fc.array(premium, { minLength: 1, maxLength: 60 }), (samples) => {
        for (const venue of VENUES) {
          const rule = defaultFundingRule(venue);
          const expected = fundingRateFromSamples(samples, rule).rate;
          expect(realisedWindowRate(windowOf(samples, venue), rule)).toBeCloseTo(expected, 14);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('predicts what predictFundingRate predicts from the samples so far', () => {
    fc.assert(
      fc.property(
        fc.array(premium, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 500 }),
        (samples, left) => {
          for (const venue of VENUES) {
            const rule = defaultFundingRule(venue);
            const expected = predictFundingRate(samples, samples.length + left, rule).rate;
            const got = predictedWindowRate(windowOf(samples, venue), left, rule)?.rate;
            expect(got).toBeCloseTo(expected, 14);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Deribit accrues the average of its instantaneous 8-hour rates (dead zone +-0.025%)', () => {
    const rule = defaultFundingRule('deribit');
    const samples = [0.0001, 0.0004, 0.0006, -0.0005];
    const w = windowOf(samples, 'deribit');
    const instantaneous = samples.map((p) => fundingRateFromPremium(p, rule).rate);
    expect(instantaneous).toEqual([
      0,
      expect.closeTo(0.00015, 15),
      expect.closeTo(0.00035, 15),
      expect.closeTo(-0.00025, 15),
    ]);
    const mean = instantaneous.reduce((a, b) => a + b, 0) / 4;
    expect(realisedWindowRate(w, rule)).toBeCloseTo(mean, 15);
    // Three more samples at the last premium's rate.
    expect(predictedWindowRate(w, 3, rule)?.rate).toBeCloseTo((4 * mean + 3 * -0.00025) / 7, 15);
  });

  it('has no rate before the first sample', () => {
    const rule = defaultFundingRule('binance');
    expect(realisedWindowRate(emptyWindow(), rule)).toBeNull();
    expect(predictedWindowRate(emptyWindow(), 10, rule)).toBeNull();
  });

  it('clamps Binance at the interest rate while the premium sits inside +-0.05% of it', () => {
    const rule = defaultFundingRule('binance');
    expect(realisedWindowRate(windowOf([0.0002, 0.0003], 'binance'), rule)).toBeCloseTo(0.0001, 15);
    expect(realisedWindowRate(windowOf([0.0009, 0.0009], 'binance'), rule)).toBeCloseTo(0.0004, 15);
  });
});
