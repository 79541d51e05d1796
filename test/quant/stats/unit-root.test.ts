import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { parseMstrDailyCsv } from '../../../shared/quant/basis/csv-rows';
import { adfTest } from '../../../shared/quant/stats/adf';
import { engleGrangerTest } from '../../../shared/quant/stats/engle-granger';
import { mackinnonCriticalValues, mackinnonPValue } from '../../../shared/quant/stats/mackinnon';

// The real MSTR file, oldest first: ln(mNAV) = ln(market cap / (holdings x BTC price)).
const rows = parseMstrDailyCsv(
  readFileSync(
    new URL('../../../assets/data/mstr_daily_with_btc_holdings_2020-2026.csv', import.meta.url),
    'utf8',
  ),
).reverse();
const logMNav = Float64Array.from(rows, (r) =>
  Math.log(r.marketCapUsd / ((r.btcHoldings as number) * (r.btcPriceUsd as number))),
);
const logClose = Float64Array.from(rows, (r) => Math.log(r.closeUsd));
const logBtc = Float64Array.from(rows, (r) => Math.log(r.btcPriceUsd as number));
const last253 = (a: Float64Array): Float64Array => a.subarray(a.length - 253);

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

describe('ADF and Engle-Granger vs statsmodels 0.15 (adfuller, coint) on the real MSTR file', () => {
  it('ADF with AIC lag selection, trends c / ct / n, last 253 days of ln(mNAV)', () => {
    const cases = [
      {
        trend: 'c' as const,
        stat: -1.5305216944916098,
        p: 0.5183623142397917,
        cv1: -3.4578942529658563,
      },
      {
        trend: 'ct' as const,
        stat: -2.248363834544843,
        p: 0.46269428131246915,
        cv1: -3.9969944961660877,
      },
      {
        trend: 'n' as const,
        stat: -1.6040944864589854,
        p: 0.10248255084880847,
        cv1: -2.5751188020833333,
      },
    ];
    for (const c of cases) {
      const res = adfTest(last253(logMNav), { trend: c.trend });
      expect(res.lags).toBe(12);
      expect(res.nObs).toBe(240);
      expect(relErr(res.statistic, c.stat)).toBeLessThan(1e-10);
      expect(relErr(res.pValue, c.p)).toBeLessThan(1e-10);
      expect(relErr(res.criticalValues['1%'], c.cv1)).toBeLessThan(1e-12);
    }
  });

  it('ADF with a fixed lag and on the full history', () => {
    const fixed = adfTest(last253(logMNav), { trend: 'c', maxLag: 3, lagSelection: 'fixed' });
    expect(fixed.lags).toBe(3);
    expect(fixed.nObs).toBe(249);
    expect(relErr(fixed.statistic, -0.9358880118630738)).toBeLessThan(1e-10);
    expect(relErr(fixed.pValue, 0.7759244169649533)).toBeLessThan(1e-10);
    const full = adfTest(logMNav, { trend: 'c' });
    expect(full.lags).toBe(9);
    expect(full.nObs).toBe(1468);
    expect(relErr(full.statistic, -3.2478627790821393)).toBeLessThan(1e-10);
    expect(relErr(full.pValue, 0.017376059771760953)).toBeLessThan(1e-9);
  });

  it('Engle-Granger statistic and p-value (constant, and constant + trend)', () => {
    const c = engleGrangerTest(last253(logClose), last253(logBtc));
    expect(relErr(c.statistic, -2.213127909086891)).toBeLessThan(1e-10);
    expect(relErr(c.pValue, 0.4176044023287685)).toBeLessThan(1e-10);
    // statsmodels evaluates the critical-value surface at T = len(y) - 1 = 252; we use the
    // residual regression's T = 251, a 2e-4 difference at 1%.
    expect(c.criticalValues['5%']).toBeCloseTo(-3.36048387, 3);
    const full = engleGrangerTest(logClose, logBtc);
    expect(relErr(full.statistic, -2.74932479819745)).toBeLessThan(1e-10);
    expect(relErr(full.pValue, 0.18234174157885097)).toBeLessThan(1e-10);
    const ct = engleGrangerTest(last253(logClose), last253(logBtc), { trend: 'ct' });
    expect(relErr(ct.statistic, -1.7601120361246843)).toBeLessThan(1e-10);
    expect(relErr(ct.pValue, 0.8575563513093557)).toBeLessThan(1e-10);
  });
});

describe('MacKinnon response surfaces', () => {
  it('p-values equal statsmodels mackinnonp (MacKinnon 1994) to 1e-12', () => {
    const want: Record<string, number[]> = {
      // tau = -4.5, -3.3, -2.5, -1.0, 0.5
      'c,1': [
        0.0001966399003359905, 0.014878474492290718, 0.11547432475870761, 0.7532643012005655,
        0.9848730963065522,
      ],
      'ct,1': [
        0.0015095180777541192, 0.0662524967763319, 0.32796229628585105, 0.9441147109023218,
        0.996851911498776,
      ],
      'n,1': [
        9.443579625324582e-6, 0.0009792361718158815, 0.012004037384041915, 0.28810611212633064,
        0.824879195252956,
      ],
      'c,2': [
        0.0012246688283669626, 0.05473481458507781, 0.2790690234367212, 0.902847226038779,
        0.9926499199201502,
      ],
      'ct,2': [
        0.005608290139718156, 0.15226879793092274, 0.5202812111784841, 0.9776929615099649,
        0.9987175718781798,
      ],
    };
    const taus = [-4.5, -3.3, -2.5, -1.0, 0.5];
    for (const [key, ps] of Object.entries(want)) {
      const [trend, n] = key.split(',') as ['c' | 'ct' | 'n', string];
      taus.forEach((tau, i) => {
        expect(relErr(mackinnonPValue(tau, trend, Number(n)), ps[i] as number)).toBeLessThan(1e-12);
      });
    }
  });

  it('critical values agree with the classic published tables (Fuller 1976; Phillips-Ouliaris 1990)', () => {
    // Dickey-Fuller tau (Fuller 1976, Table 8.5.2 as reprinted in Hamilton 1994, Table B.6).
    const fuller: ['n' | 'c' | 'ct', number, [number, number, number]][] = [
      ['n', 100, [-2.6, -1.95, -1.61]],
      ['n', 250, [-2.58, -1.95, -1.62]],
      ['c', 100, [-3.51, -2.89, -2.58]],
      ['c', 250, [-3.46, -2.88, -2.57]],
      ['c', Infinity, [-3.43, -2.86, -2.57]],
      ['ct', 100, [-4.04, -3.45, -3.15]],
      ['ct', 250, [-3.99, -3.43, -3.13]],
      ['ct', Infinity, [-3.96, -3.41, -3.12]],
    ];
    for (const [trend, t, [c1, c5, c10]] of fuller) {
      const cv = mackinnonCriticalValues(trend, 1, t);
      expect(Math.abs(cv['1%'] - c1)).toBeLessThan(0.02);
      expect(Math.abs(cv['5%'] - c5)).toBeLessThan(0.02);
      expect(Math.abs(cv['10%'] - c10)).toBeLessThan(0.02);
    }
    // Engle-Granger residual test, one regressor with a constant (Phillips & Ouliaris 1990, as in
    // Hamilton 1994 Table B.9 case 2, T = 500): 1% -3.96, 5% -3.37, 10% -3.07.
    const eg = mackinnonCriticalValues('c', 2, 500);
    expect(Math.abs(eg['1%'] + 3.96)).toBeLessThan(0.05);
    expect(Math.abs(eg['5%'] + 3.37)).toBeLessThan(0.04);
    expect(Math.abs(eg['10%'] + 3.07)).toBeLessThan(0.04);
  });

  it('MacKinnon 2010 asymptotic values are the b_inf coefficients; T = 100 by hand', () => {
    expect(mackinnonCriticalValues('c', 1, Infinity)['5%']).toBe(-2.86154);
    expect(mackinnonCriticalValues('c', 2, Infinity)['5%']).toBe(-3.33613);
    // -2.86154 - 2.8903/100 - 4.234/100^2 - 40.04/100^3
    expect(mackinnonCriticalValues('c', 1, 100)['5%']).toBeCloseTo(-2.89090644, 12);
  });

  it('the 1994 p-value surface and the 2010 critical values are consistent', () => {
    for (const [trend, n] of [
      ['c', 1],
      ['ct', 1],
      ['n', 1],
      ['c', 2],
      ['ct', 2],
    ] as const) {
      const cv = mackinnonCriticalValues(trend, n, Infinity);
      expect(Math.abs(mackinnonPValue(cv['1%'], trend, n) - 0.01)).toBeLessThan(0.002);
      expect(Math.abs(mackinnonPValue(cv['5%'], trend, n) - 0.05)).toBeLessThan(0.004);
      expect(Math.abs(mackinnonPValue(cv['10%'], trend, n) - 0.1)).toBeLessThan(0.006);
    }
  });

  it('rejects combinations outside the tables', () => {
    expect(() => mackinnonCriticalValues('n', 2, 100)).toThrow(/N = 1\.\.1/);
    expect(() => mackinnonPValue(-3, 'c', 3)).toThrow(RangeError);
    expect(() => mackinnonCriticalValues('c', 3, 100)).toThrow(RangeError);
  });
});

describe('size and power on simulated series (seeded)', () => {
  const n = 500;
  function ar1(seed: number, phi: number): Float64Array {
    const rng = createRng(seed);
    const out = new Float64Array(n);
    for (let t = 1; t < n; t++) out[t] = phi * (out[t - 1] as number) + rng.normal();
    return out;
  }

  it('ADF rejects a unit root for AR(1) phi = 0.9 (power) and rarely for a random walk (size)', () => {
    let rejectStationary = 0;
    for (let seed = 1; seed <= 20; seed++)
      if (adfTest(ar1(seed, 0.9)).pValue < 0.05) rejectStationary++;
    expect(rejectStationary).toBeGreaterThanOrEqual(19);
    let rejectWalk = 0;
    for (let seed = 101; seed <= 160; seed++) if (adfTest(ar1(seed, 1)).pValue < 0.05) rejectWalk++;
    // Nominal 5% (3 of 60); a binomial(60, 0.05) count exceeds 8 with probability < 0.01.
    expect(rejectWalk).toBeLessThanOrEqual(8);
  });

  it('Engle-Granger rejects for cointegrated pairs and rarely for independent random walks', () => {
    let rejectCoint = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const x = ar1(1000 + seed, 1);
      const u = ar1(2000 + seed, 0.5);
      const y = x.map((v, t) => 1 + 2 * v + (u[t] as number));
      const res = engleGrangerTest(y, x);
      expect(res.beta).toBeCloseTo(2, 1);
      if (res.pValue < 0.05) rejectCoint++;
    }
    expect(rejectCoint).toBeGreaterThanOrEqual(19);
    let rejectSpurious = 0;
    for (let seed = 1; seed <= 40; seed++) {
      if (engleGrangerTest(ar1(3000 + seed, 1), ar1(4000 + seed, 1)).pValue < 0.05)
        rejectSpurious++;
    }
    // Nominal 5% (2 of 40); binomial(40, 0.05) exceeds 7 with probability < 0.004.
    expect(rejectSpurious).toBeLessThanOrEqual(7);
  });
});
