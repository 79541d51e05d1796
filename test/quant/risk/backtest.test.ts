import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  chiSquareSurvival,
  christoffersenIndependence,
  coverageTests,
  kupiecPof,
  trafficLight,
  transitionCounts,
} from '../../../shared/quant/risk/backtest-stats';
import { readPriceColumn } from '../../../shared/quant/risk/price-series';
import { seriesLosses } from '../../../shared/quant/risk/series-var';
import {
  backtestHistoricalVar,
  rollingHistoricalVar,
} from '../../../shared/quant/risk/var-backtest';

// Reference values computed by hand with Python's math module (double precision) from the
// textbook formulas: see the comments for the inputs.
describe('Kupiec proportion of failures', () => {
  it('250 days, 8 breaches at 99%', () => {
    const t = kupiecPof(8, 250, 0.99);
    expect(t.lr).toBeCloseTo(7.7335507244945205, 12);
    expect(t.pValue).toBeCloseTo(0.005420405194127794, 14);
    expect(t.degreesOfFreedom).toBe(1);
  });
  it('no breach at all (0 ln 0 = 0)', () => {
    const t = kupiecPof(0, 250, 0.99);
    expect(t.lr).toBeCloseTo(5.025167926750726, 12);
    expect(t.pValue).toBeCloseTo(0.02498150305344971, 14);
  });
  it('exact coverage gives LR 0 and p-value 1', () => {
    const t = kupiecPof(5, 500, 0.99);
    expect(t.lr).toBeCloseTo(0, 12);
    expect(t.pValue).toBeCloseTo(1, 6);
  });
  it('rejects impossible counts', () => {
    expect(() => kupiecPof(300, 250, 0.99)).toThrow(/breaches/);
    expect(() => kupiecPof(1, 0, 0.99)).toThrow(/days/);
  });
});

describe('Christoffersen independence and conditional coverage', () => {
  // Breaches on days 10, 11, 50, 120, 121, 122, 200 of 250: n00=238, n01=4, n10=4, n11=3.
  const seq = new Uint8Array(250);
  for (const d of [10, 11, 50, 120, 121, 122, 200]) seq[d] = 1;
  it('counts transitions', () => {
    expect(transitionCounts(seq)).toEqual({ n00: 238, n01: 4, n10: 4, n11: 3 });
  });
  it('matches the hand-computed statistics', () => {
    const r = coverageTests(seq, 0.99);
    expect(r.kupiec.lr).toBeCloseTo(5.496990447792683, 12);
    expect(r.independence.lr).toBeCloseTo(13.487563523752073, 11);
    expect(r.independence.pValue).toBeCloseTo(0.00024014982189789666, 14);
    expect(r.conditionalCoverage.lr).toBeCloseTo(18.984553971544756, 11);
    expect(r.conditionalCoverage.pValue).toBeCloseTo(7.54321496593878e-5, 14);
    expect(r.conditionalCoverage.degreesOfFreedom).toBe(2);
  });
  it('no clustering possible without two breaches: statistic 0', () => {
    expect(christoffersenIndependence({ n00: 249, n01: 0, n10: 0, n11: 0 }).lr).toBe(0);
  });
  it('chi-square survival in closed form', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
  });
});

describe('Basel traffic light', () => {
  it('250 days at 99%: green 0-4, yellow 5-9, red 10+', () => {
    const zones = Array.from({ length: 13 }, (_, k) => trafficLight(k, 250, 0.99).zone);
    expect(zones).toEqual([
      'green',
      'green',
      'green',
      'green',
      'green',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'red',
      'red',
      'red',
    ]);
    expect(trafficLight(7, 250, 0.99).plusFactor).toBe(0.65);
    expect(trafficLight(12, 250, 0.99).plusFactor).toBe(1);
  });
  it('binomial CDF against the direct sum', () => {
    const ref = [
      0.08105851616218128, 0.28575173879395216, 0.5431689733157247, 0.7581166977648816,
      0.8921876269036233, 0.9588168159301496, 0.9862985521447942, 0.99597466128819,
      0.998943467502641, 0.9997498099312573, 0.9999461013709507,
    ];
    ref.forEach((p, k) => expect(binomialCdf(k, 250, 0.01)).toBeCloseTo(p, 13));
  });
});

describe('rolling VaR backtest on the BTC series', () => {
  const closes = readPriceColumn(
    readFileSync(`${process.cwd()}/assets/data/btc_usd_daily_2015-2026.csv`, 'utf8'),
    'price',
  ).closes;
  const losses = seriesLosses(closes);
  it('forecasts equal a brute-force recomputation of each window', () => {
    const f = rollingHistoricalVar(losses, 250, 0.99);
    const k = Math.ceil(0.99 * 250);
    for (let t = 250; t < losses.length; t += 37) {
      const w = Array.from(losses.slice(t - 250, t)).sort((a, b) => a - b);
      expect(f[t - 250]).toBe(w[k - 1]);
    }
  });
  it('counts breaches consistently and reports the tests', () => {
    const r = backtestHistoricalVar(losses, 250, 0.99);
    expect(r.days).toBe(losses.length - 250);
    let count = 0;
    for (let d = 0; d < r.days; d++)
      if ((losses[d + 250] as number) > (r.forecasts[d] as number)) count++;
    expect(r.breaches).toBe(count);
    expect(r.breachLog.length).toBe(count);
    expect(r.kupiec.lr).toBeCloseTo(kupiecPof(count, r.days, 0.99).lr, 12);
    expect(r.trafficLight.days).toBe(250);
    expect(['green', 'yellow', 'red']).toContain(r.trafficLight.zone);
    // Historical 99% VaR on BTC breaches more often than 1% (fat tails, clustering) but not wildly.
    expect(r.breachRate).toBeGreaterThan(0.005);
    expect(r.breachRate).toBeLessThan(0.03);
  });
  it('rejects a series no longer than the window', () => {
    expect(() => backtestHistoricalVar(losses.slice(0, 100), 250, 0.99)).toThrow(
      /more than window/,
    );
  });
});
