import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { dcc11CorrelationSeries, fitDcc11 } from '../../../shared/quant/stats/dcc';
import { mean, variance } from '../../../shared/quant/stats/descriptive';
import {
  fitGarch11,
  garch11LogLikelihood,
  garch11VarianceSeries,
  type Garch11Params,
} from '../../../shared/quant/stats/garch';

function simulateGarch(seed: number, n: number, p: Garch11Params): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  let s2 = p.omega / (1 - p.alpha - p.beta);
  for (let t = 0; t < n; t++) {
    const e = Math.sqrt(s2) * rng.normal();
    out[t] = e;
    s2 = p.omega + p.alpha * e * e + p.beta * s2;
  }
  return out;
}

describe('GARCH(1,1) maximum likelihood', () => {
  // Daily-return scale: long-run vol 2% a day, persistence 0.98.
  const truth: Garch11Params = { omega: 8e-6, alpha: 0.08, beta: 0.9 };
  const n = 3000;
  const seeds = [1, 2, 3, 4];
  const fits = seeds
    .map((seed) => ({ seed, r: simulateGarch(seed, n, truth) }))
    .map(({ r }) => ({ r, fit: fitGarch11(r) }));

  it('recovers the simulated parameters (4 seeds, n = 3000)', () => {
    for (const { fit } of fits) {
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.04);
      expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.05);
      expect(Math.abs(fit.persistence - 0.98)).toBeLessThan(0.03);
      expect(Math.abs(Math.sqrt(fit.longRunVariance) - 0.02) / 0.02).toBeLessThan(0.25);
    }
    const meanAlpha = mean(fits.map((f) => f.fit.alpha));
    const meanBeta = mean(fits.map((f) => f.fit.beta));
    expect(Math.abs(meanAlpha - truth.alpha)).toBeLessThan(0.02);
    expect(Math.abs(meanBeta - truth.beta)).toBeLessThan(0.03);
  });

  it('the optimum beats the true parameters and nearby points in likelihood', () => {
    for (const { r, fit } of fits) {
      const eps = r.map((v) => v - fit.mu);
      const v0 = variance(eps, 0);
      const at = (p: Garch11Params): number => garch11LogLikelihood(eps, p, v0);
      // logLikelihood is reported in the units of the returns.
      expect(fit.logLikelihood).toBeCloseTo(at(fit), 6);
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(at(truth) - 1e-6);
      for (const [da, db] of [
        [0.01, 0],
        [-0.01, 0],
        [0, 0.01],
        [0, -0.01],
      ] as const) {
        expect(fit.logLikelihood).toBeGreaterThan(
          at({ omega: fit.omega, alpha: fit.alpha + da, beta: fit.beta + db }),
        );
      }
    }
  });

  it('conditional variance follows the recursion; standardized residuals are eps / sigma', () => {
    const { r, fit } = fits[0] as (typeof fits)[number];
    const eps = r.map((v) => v - fit.mu);
    const series = garch11VarianceSeries(eps, fit, variance(eps, 0));
    expect(fit.conditionalVariance[10]).toBeCloseTo(series[10] as number, 18);
    expect(fit.nextVariance).toBeCloseTo(series[n] as number, 18);
    expect(fit.standardizedResiduals[5]).toBeCloseTo(
      (eps[5] as number) / Math.sqrt(series[5] as number),
      12,
    );
  });

  it('rejects too short or constant input', () => {
    expect(() => fitGarch11(new Float64Array(10))).toThrow(/at least 30/);
    expect(() => fitGarch11(new Float64Array(100).fill(0.01))).toThrow(/constant/);
  });
});

describe('DCC(1,1)', () => {
  function simulateDcc(seed: number, n: number, a: number, b: number, rhoBar: number) {
    const rng = createRng(seed);
    const z1 = new Float64Array(n);
    const z2 = new Float64Array(n);
    let q11 = 1;
    let q22 = 1;
    let q12 = rhoBar;
    const rho = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const r = q12 / Math.sqrt(q11 * q22);
      rho[t] = r;
      const e1 = rng.normal();
      const e2 = rng.normal();
      const x = e1;
      const y = r * e1 + Math.sqrt(1 - r * r) * e2;
      z1[t] = x;
      z2[t] = y;
      q11 = 1 - a - b + a * x * x + b * q11;
      q22 = 1 - a - b + a * y * y + b * q22;
      q12 = (1 - a - b) * rhoBar + a * x * y + b * q12;
    }
    return { z1, z2, rho };
  }

  it('recovers a, b and tracks the true correlation path (3 seeds, n = 3000)', () => {
    for (const seed of [5, 6, 7]) {
      const { z1, z2, rho } = simulateDcc(seed, 3000, 0.05, 0.9, 0.5);
      const fit = fitDcc11(z1, z2);
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.a - 0.05)).toBeLessThan(0.025);
      expect(Math.abs(fit.b - 0.9)).toBeLessThan(0.06);
      expect(Math.abs(fit.unconditionalCorrelation - 0.5)).toBeLessThan(0.08);
      let err = 0;
      for (let t = 100; t < 3000; t++)
        err += Math.abs((fit.correlation[t] as number) - (rho[t] as number));
      expect(err / 2900).toBeLessThan(0.06);
    }
  });

  it('the correlation series is the recursion at the fitted parameters', () => {
    const { z1, z2 } = simulateDcc(9, 500, 0.05, 0.9, 0.3);
    const fit = fitDcc11(z1, z2);
    const series = dcc11CorrelationSeries(z1, z2, fit.a, fit.b);
    expect(fit.correlation[200]).toBeCloseTo(series[200] as number, 14);
    expect(fit.nextCorrelation).toBeCloseTo(series[500] as number, 14);
  });
});
