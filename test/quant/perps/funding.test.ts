import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFundingCsv } from '../../../shared/quant/perps/funding-csv';
import {
  annualisedRate,
  continuousFunding,
  fundingCashFlow,
  fundingPnl,
  perIntervalRate,
} from '../../../shared/quant/perps/funding-payment';
import {
  averagePremium,
  defaultFundingRule,
  fundingRateFromPremium,
  fundingRateFromSamples,
  predictFundingRate,
  premiumFromMid,
  premiumIndexFromImpact,
  premiumRate,
} from '../../../shared/quant/perps/funding-rate';
import { summariseFunding } from '../../../shared/quant/perps/funding-summary';

const linear = { type: 'linear' as const, contractSize: 1 };

describe('premium index and its averages', () => {
  it('Binance/Bybit premium from impact prices: only the side that crosses the index counts', () => {
    expect(premiumIndexFromImpact(60_030, 60_040, 60_000)).toBeCloseTo(0.0005, 15);
    expect(premiumIndexFromImpact(59_950, 59_970, 60_000)).toBeCloseTo(-0.0005, 15);
    expect(premiumIndexFromImpact(59_990, 60_010, 60_000)).toBe(0); // index inside the impact spread
    expect(premiumFromMid(60_010, 60_030, 60_000)).toBeCloseTo(20 / 60_000, 15);
    expect(premiumRate(60_060, 60_000)).toBeCloseTo(0.001, 15);
  });

  it('linear weights 1..n (Bybit: (P1*1 + ... + P480*480) / (1 + ... + 480)) and equal weights', () => {
    expect(averagePremium([1, 2, 3], 'linear')).toBeCloseTo((1 + 4 + 9) / 6, 15);
    expect(averagePremium([1, 2, 3], 'equal')).toBeCloseTo(2, 15);
    const n = 480;
    const ramp = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e-6);
    // sum i^2 / sum i = (2n + 1) / 3
    expect(averagePremium(ramp, 'linear')).toBeCloseTo(((2 * n + 1) / 3) * 1e-6, 15);
  });
});

describe('venue funding rules', () => {
  it('Binance/Bybit 8h: F = P + clamp(0.01% - P, -0.05%, 0.05%) -> the interest when |I - P| <= 0.05%', () => {
    for (const venue of ['binance', 'bybit'] as const) {
      const rule = defaultFundingRule(venue);
      expect(fundingRateFromPremium(0.0003, rule).rate).toBeCloseTo(0.0001, 15);
      expect(fundingRateFromPremium(-0.0002, rule).rate).toBeCloseTo(0.0001, 15);
      expect(fundingRateFromPremium(0.001, rule).rate).toBeCloseTo(0.001 - 0.0005, 15);
      expect(fundingRateFromPremium(-0.001, rule).rate).toBeCloseTo(-0.001 + 0.0005, 15);
    }
  });

  it('4h intervals: Binance divides the whole 8h formula by 8/N, Bybit scales the interest only', () => {
    const binance = defaultFundingRule('binance', { intervalHours: 4 });
    const bybit = defaultFundingRule('bybit', { intervalHours: 4 });
    expect(fundingRateFromPremium(0.0002, binance).rate).toBeCloseTo(0.0001 / 2, 15);
    expect(fundingRateFromPremium(0.0002, bybit).rate).toBeCloseTo(0.00005, 15);
    expect(fundingRateFromPremium(0.002, binance).rate).toBeCloseTo((0.002 - 0.0005) / 2, 15);
    expect(fundingRateFromPremium(0.002, bybit).rate).toBeCloseTo(0.002 - 0.0005, 15);
  });

  it('OKX: clamp(MA(premium), floor, cap) with interest 0; Deribit: 0.025% dead zone then caps', () => {
    const okx = defaultFundingRule('okx', { cap: 0.00375, floor: -0.00375 });
    expect(fundingRateFromSamples([0.0001, 0.0003], okx).rate).toBeCloseTo(0.0002, 15);
    expect(fundingRateFromSamples([0.01], okx)).toMatchObject({ rate: 0.00375, capped: true });
    const deribit = defaultFundingRule('deribit', { cap: 0.005, floor: -0.005 });
    expect(fundingRateFromPremium(0.0002, deribit).rate).toBe(0);
    expect(fundingRateFromPremium(0.0007, deribit).rate).toBeCloseTo(0.00045, 15);
    expect(fundingRateFromPremium(-0.0007, deribit).rate).toBeCloseTo(-0.00045, 15);
    expect(fundingRateFromPremium(0.02, deribit).rate).toBe(0.005);
  });

  it('clamp bounds hold for any premium (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.001, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.03, noNaN: true }),
        (p, interest, cap) => {
          for (const venue of ['binance', 'bybit'] as const) {
            const rule = defaultFundingRule(venue, { interestPer8h: interest, cap, floor: -cap });
            const r = fundingRateFromPremium(p, rule);
            expect(Math.abs(r.uncapped - p)).toBeLessThanOrEqual(0.0005 + 1e-15);
            if (Math.abs(interest - p) <= 0.0005) expect(r.uncapped).toBeCloseTo(interest, 15);
            expect(Math.abs(r.rate)).toBeLessThanOrEqual(cap + 1e-18);
          }
          const d = fundingRateFromPremium(p, defaultFundingRule('deribit'));
          expect(Math.abs(d.rate)).toBeLessThanOrEqual(Math.abs(p));
          expect(Math.sign(d.rate) * Math.sign(p)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('predicted rate fills the rest of the window with the last premium; exact when complete', () => {
    const rule = defaultFundingRule('bybit');
    const partial = [0.001, 0.002];
    const predicted = predictFundingRate(partial, 4, rule);
    const filled = fundingRateFromSamples([0.001, 0.002, 0.002, 0.002], rule);
    expect(predicted.rate).toBeCloseTo(filled.rate, 15);
    expect(predictFundingRate([0.001, 0.002], 2, rule).rate).toBeCloseTo(
      fundingRateFromSamples(partial, rule).rate,
      15,
    );
  });
});

describe('funding payments', () => {
  it('longs pay when the rate is positive; notional = mark x size (linear) or face / mark (inverse)', () => {
    expect(fundingCashFlow(linear, 'long', 2, 50_000, 0.0001)).toBeCloseTo(-10, 12);
    expect(fundingCashFlow(linear, 'short', 2, 50_000, 0.0001)).toBeCloseTo(10, 12);
    expect(fundingCashFlow(linear, 'long', 2, 50_000, -0.0001)).toBeCloseTo(10, 12);
    const inverse = { type: 'inverse' as const, contractSize: 100 };
    expect(fundingCashFlow(inverse, 'long', 10, 50_000, 0.0001)).toBeCloseTo(
      -(1000 / 50_000) * 0.0001,
      18,
    );
  });

  it('Binance FAQ: 0.01% on a 20,000 USD position costs 2 USD per 8h, 6 USD per day', () => {
    expect(fundingCashFlow(linear, 'long', 1, 20_000, 0.0001)).toBeCloseTo(-2, 12);
    expect(annualisedRate(0.0001, 8)).toBeCloseTo(0.1095, 15); // 3 per day x 365
    expect(annualisedRate(0.0001, 1)).toBeCloseTo(0.876, 15);
    expect(annualisedRate(0.0001, 4)).toBeCloseTo(0.219, 15);
    expect(perIntervalRate(annualisedRate(0.00013, 8), 8)).toBeCloseTo(0.00013, 18);
  });

  it('funding P&L splits payments and receipts; Deribit accrues rate * hours / 8 continuously', () => {
    const pnl = fundingPnl(linear, 'long', 1, [
      { tsMs: 0, rate: 0.0001, markPrice: 10_000 },
      { tsMs: 1, rate: -0.0002, markPrice: 10_000 },
    ]);
    expect(pnl.paid).toBeCloseTo(-1, 12);
    expect(pnl.received).toBeCloseTo(2, 12);
    expect(pnl.total).toBeCloseTo(1, 12);
    const accrued = continuousFunding({ type: 'inverse', contractSize: 10 }, 'short', 1000, [
      { rate8h: 0.0004, hours: 2, markPrice: 40_000 },
      { rate8h: 0.0004, hours: 6, markPrice: 40_000 },
    ]);
    // Over 8 hours in total a short receives one full 8-hour rate on 10,000 USD / 40,000.
    expect(accrued).toBeCloseTo(0.25 * 0.0004, 18);
  });
});

describe('funding history summaries on the data files', () => {
  const root = process.cwd();

  it('8-hourly Binance BTCUSDT 2019-2020: counts, mean and extremes match a direct reading', () => {
    const text = readFileSync(
      `${root}/test/fixtures/data/binance_btcusdt_funding_8h_2019-2020.csv`,
      'utf8',
    );
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const rates = rows.map((r) => Number(r[1]));
    const csv = parseFundingCsv(text);
    expect(csv.format).toBe('perInterval');
    const s = summariseFunding(csv.points);
    expect(s.count).toBe(rates.length);
    expect(s.sampleIntervalHours).toBe(8);
    expect(s.fundingIntervalHours).toBe(8);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(s.mean).toBeCloseTo(mean, 15);
    expect(s.annualised).toBeCloseTo(mean * 3 * 365, 12);
    expect(s.sharePositive).toBeCloseTo(rates.filter((r) => r > 0).length / rates.length, 15);
    expect(s.max.rate).toBe(Math.max(...rates));
    expect(s.min.rate).toBe(Math.min(...rates));
    expect(s.firstDate).toBe('2019-09-10');
    expect(s.lastDate).toBe('2020-08-08');
    // Last 7 days = the last 21 funding times.
    const last21 = rates.slice(-21);
    expect(s.last7dMean).toBeCloseTo(last21.reduce((a, b) => a + b, 0) / 21, 15);
    expect(s.last30dMean).toBeCloseTo(rates.slice(-90).reduce((a, b) => a + b, 0) / 90, 15);
  });

  it('daily means 2019-2026: per-interval mean, annualised with 3 fundings a day, 7/30-day windows', () => {
    const text = readFileSync(
      `${root}/assets/data/binance_btcusdt_funding_daily_mean_2019-2026.csv`,
      'utf8',
    );
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const means = rows.map((r) => Number(r[1]));
    const csv = parseFundingCsv(text);
    expect(csv.format).toBe('dailyMean');
    const s = summariseFunding(csv.points, 8);
    expect(s.count).toBe(means.length);
    expect(s.sampleIntervalHours).toBe(24);
    const mean = means.reduce((a, b) => a + b, 0) / means.length;
    expect(s.mean).toBeCloseTo(mean, 15);
    expect(s.annualised).toBeCloseTo(mean * 3 * 365, 12);
    expect(s.last7dMean).toBeCloseTo(means.slice(-7).reduce((a, b) => a + b, 0) / 7, 15);
    expect(s.last30dMean).toBeCloseTo(means.slice(-30).reduce((a, b) => a + b, 0) / 30, 15);
    // Positive carry on average: the well-known long bias of BTC perps (about 12% a year here).
    expect(s.annualised).toBeGreaterThan(0.05);
    expect(s.annualised).toBeLessThan(0.25);
  });

  it('rejects files it cannot read as funding histories', () => {
    expect(() => parseFundingCsv('a,b\n1,2\n')).toThrow(/unrecognised funding CSV header/);
  });
});
