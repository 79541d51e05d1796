import { describe, it, expect } from 'vitest';
import {
  correlation,
  excessKurtosis,
  interpolatedQuantile,
  mean,
  orderStatisticQuantile,
  skewness,
  summarize,
  variance,
} from '../../../shared/quant/stats/descriptive';
import {
  leastSquaresQr,
  SingularMatrixError,
  solveLinearSystem,
} from '../../../shared/quant/stats/linalg';
import { olsFit } from '../../../shared/quant/stats/ols';
import { logReturns, simpleReturns } from '../../../shared/quant/stats/returns';

// Deterministic data set; references from NumPy 2.4 / SciPy 1.17 / statsmodels 0.15 on the same
// formulas (i = 0..49).
const idx = Array.from({ length: 50 }, (_, i) => i);
const x = idx.map((i) => Math.sin(0.37 * i) + 0.01 * i);
const z = idx.map((i) => Math.cos(1.3 * i));
const y = idx.map(
  (i, k) => 1.5 + 2 * (x[k] as number) - 0.7 * (z[k] as number) + 0.3 * Math.sin(2.1 * i * i),
);

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

describe('descriptive statistics vs NumPy/SciPy', () => {
  it('moments', () => {
    expect(relErr(mean(y), 2.01889657838028)).toBeLessThan(1e-14);
    expect(relErr(variance(y), 2.1459758834342093)).toBeLessThan(1e-13);
    expect(relErr(skewness(y), 0.02397838307894114)).toBeLessThan(1e-11);
    expect(relErr(excessKurtosis(y), -1.206748963919625)).toBeLessThan(1e-13);
    expect(relErr(correlation(x, y), 0.9305711761354754)).toBeLessThan(1e-14);
    const s = summarize(y);
    expect(s.n).toBe(50);
    expect(relErr(s.excessKurtosis, -1.206748963919625)).toBeLessThan(1e-13);
  });

  it('quantiles: order statistic (inverted CDF) and linear interpolation', () => {
    const cases: [number, number, number][] = [
      [0, -0.5781440279361134, -0.5781440279361134],
      [0.05, -0.3593710940569487, -0.1714194797226914],
      [0.5, 1.8303954175753139, 1.9271072572126458],
      [0.99, 4.501459410797608, 4.497025788351724],
      [1, 4.501459410797608, 4.501459410797608],
    ];
    for (const [p, inverted, linear] of cases) {
      expect(orderStatisticQuantile(y, p)).toBe(inverted);
      expect(interpolatedQuantile(y, p)).toBeCloseTo(linear, 14);
    }
  });

  it('two-pass moments survive a large offset (log prices, prices in the 1e6 range)', () => {
    const shifted = y.map((v) => v + 1e6);
    expect(relErr(variance(shifted), 2.1459758834342093)).toBeLessThan(1e-8);
  });

  it('rejects too few observations and bad probabilities instead of returning NaN', () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => variance([1])).toThrow(/at least 2/);
    expect(() => orderStatisticQuantile(y, 1.5)).toThrow(RangeError);
    expect(() => correlation([1, 1, 1], [1, 2, 3])).toThrow(/constant/);
  });
});

describe('returns', () => {
  it('log and simple returns, and a clear error at a non-positive price', () => {
    const r = logReturns([100, 110, 99]);
    expect(r[0]).toBeCloseTo(Math.log(1.1), 15);
    expect(r[1]).toBeCloseTo(Math.log(0.9), 15);
    expect(simpleReturns([100, 110])[0]).toBeCloseTo(0.1, 15);
    expect(() => logReturns([100, 0, 5])).toThrow(/index 1 must be a finite number > 0, got 0/);
  });
});

describe('OLS vs statsmodels', () => {
  it('coefficients, standard errors, R^2, log-likelihood, AIC', () => {
    const fit = olsFit(y, [x, z]);
    const want = [1.5502861742136191, 1.9353424226239757, -0.6954776728839132];
    const wantSe = [0.030241881944764, 0.04112148915300034, 0.03996516895535561];
    for (let j = 0; j < 3; j++) {
      expect(relErr(fit.coefficients[j] as number, want[j] as number)).toBeLessThan(1e-12);
      expect(relErr(fit.standardErrors[j] as number, wantSe[j] as number)).toBeLessThan(1e-12);
    }
    expect(relErr(fit.rSquared, 0.9819921106128743)).toBeLessThan(1e-14);
    expect(relErr(fit.rss, 1.893580320479811)).toBeLessThan(1e-12);
    expect(relErr(fit.logLikelihood, 10.891913812604749)).toBeLessThan(1e-12);
    expect(relErr(fit.aic, -15.783827625209497)).toBeLessThan(1e-12);
  });

  it('a trend column next to a large constant stays well conditioned (QR, no normal equations)', () => {
    const n = 2000;
    const t = Float64Array.from({ length: n }, (_, i) => i + 1);
    const yy = Float64Array.from(t, (v) => 1e4 + 3e-3 * v);
    const fit = olsFit(yy, [t]);
    expect(fit.coefficients[0]).toBeCloseTo(1e4, 8);
    expect(fit.coefficients[1]).toBeCloseTo(3e-3, 14);
  });

  it('collinear regressors throw SingularMatrixError', () => {
    expect(() => leastSquaresQr([x, x.map((v) => 2 * v)], y)).toThrow(SingularMatrixError);
    expect(() => olsFit([1, 2, 3], [[1, 1, 1]])).toThrow(SingularMatrixError);
  });

  it('solveLinearSystem with pivoting', () => {
    // [[0, 2], [3, 1]] x = [4, 5] -> x = [1, 2]; the zero pivot needs a row swap.
    const sol = solveLinearSystem([0, 2, 3, 1], [4, 5]);
    expect(sol[0]).toBeCloseTo(1, 15);
    expect(sol[1]).toBeCloseTo(2, 15);
    expect(() => solveLinearSystem([1, 2, 2, 4], [1, 1])).toThrow(SingularMatrixError);
  });
});
