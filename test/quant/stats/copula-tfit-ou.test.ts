import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { mean } from '../../../shared/quant/stats/descriptive';
import {
  fitOrnsteinUhlenbeck,
  simulateOrnsteinUhlenbeck,
  type OuFitOk,
} from '../../../shared/quant/stats/ornstein-uhlenbeck';
import { pseudoObservations } from '../../../shared/quant/stats/rank-correlation';
import { fitStudentTDof } from '../../../shared/quant/stats/student-t-fit';
import {
  fitStudentTCopula,
  studentTCopulaTailDependence,
} from '../../../shared/quant/stats/t-copula';

function simulateT2(
  seed: number,
  n: number,
  rho: number,
  nu: number,
): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z1 = rng.normal();
    const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.normal();
    // One chi-square mixing variable for both margins: that is what makes the tails dependent.
    const w = nu === Infinity ? 1 : Math.sqrt(rng.chiSquare(nu) / nu);
    x[i] = z1 / w;
    y[i] = z2 / w;
  }
  return [x, y];
}

describe('Student-t copula', () => {
  it('recovers rho and nu from simulated t-copula data (3 seeds, n = 1500, rho 0.6, nu 4)', () => {
    const fits = [21, 22, 23].map((seed) => {
      const [x, y] = simulateT2(seed, 1500, 0.6, 4);
      // Monotone transforms of the margins do not change the copula: cube one of them.
      return fitStudentTCopula(pseudoObservations(x.map((v) => v ** 3)), pseudoObservations(y));
    });
    for (const fit of fits) {
      expect(Math.abs(fit.rho - 0.6)).toBeLessThan(0.05);
      expect(fit.nu).toBeGreaterThan(2.5);
      expect(fit.nu).toBeLessThan(7);
      expect(fit.nuAtUpperBound).toBe(false);
      expect(Math.abs(fit.tailDependence - studentTCopulaTailDependence(0.6, 4))).toBeLessThan(
        0.08,
      );
    }
    expect(Math.abs(mean(fits.map((f) => f.nu)) - 4)).toBeLessThan(1.2);
  });

  it('Gaussian data give a large nu and little tail dependence', () => {
    const [x, y] = simulateT2(31, 1500, 0.6, Infinity);
    const fit = fitStudentTCopula(pseudoObservations(x), pseudoObservations(y));
    expect(fit.nu).toBeGreaterThan(15);
    expect(fit.tailDependence).toBeLessThan(0.1);
  });

  it('tail coefficient limits: independence at rho = 0 with large nu, 1 at rho = 1', () => {
    expect(studentTCopulaTailDependence(0, 200)).toBeLessThan(1e-10);
    expect(studentTCopulaTailDependence(1, 4)).toBe(1);
    expect(() => studentTCopulaTailDependence(-1, 4)).toThrow(RangeError);
  });

  it('rejects pseudo-observations outside (0, 1)', () => {
    const u = new Float64Array(30).fill(0.5);
    u[3] = 1;
    expect(() => fitStudentTCopula(u, new Float64Array(30).fill(0.4))).toThrow(/\(0, 1\)/);
  });
});

describe('Student-t degrees of freedom by MLE', () => {
  it('recovers nu = 5 from 4000 draws and sees no fat tails in normal data', () => {
    const rng = createRng(41);
    const t5 = Float64Array.from({ length: 4000 }, () => 0.01 * rng.studentT(5) + 0.002);
    const fit = fitStudentTDof(t5);
    expect(fit.nu).toBeGreaterThan(3.8);
    expect(fit.nu).toBeLessThan(7);
    expect(fit.logLikelihood).toBeGreaterThan(fit.normalLogLikelihood + 50);
    const normal = Float64Array.from({ length: 4000 }, () => rng.normal());
    expect(fitStudentTDof(normal).nu).toBeGreaterThan(30);
  });
});

describe('Ornstein-Uhlenbeck fit (exact AR(1) discretisation)', () => {
  const truth = { kappa: 5, mean: 0.3, sigma: 0.6 };
  const dt = 1 / 252;
  const n = 2520;
  const fits = Array.from({ length: 20 }, (_, k) => {
    const rng = createRng(500 + k);
    const path = simulateOrnsteinUhlenbeck(truth, n, dt, truth.mean, () => rng.normal());
    return { path, fit: fitOrnsteinUhlenbeck(path, dt) as OuFitOk };
  });

  it('recovers kappa, mean, sigma over 20 seeded 10-year daily paths', () => {
    for (const { fit } of fits) expect(fit.meanReverting).toBe(true);
    const kappas = fits.map((f) => f.fit.kappa);
    // AR(1) small-sample bias: E[b_hat] - b ~ -(1 + 3b) / n, i.e. kappa ~ +0.4 / year here.
    expect(Math.abs(mean(kappas) - 5.4)).toBeLessThan(0.6);
    expect(Math.abs(mean(fits.map((f) => f.fit.sigma)) - truth.sigma) / truth.sigma).toBeLessThan(
      0.03,
    );
    expect(Math.abs(mean(fits.map((f) => f.fit.mean)) - truth.mean)).toBeLessThan(0.03);
    // Reported standard error vs the spread across seeds.
    const sd = Math.sqrt(mean(kappas.map((k) => (k - mean(kappas)) ** 2)));
    const se = mean(fits.map((f) => f.fit.kappaStdError));
    expect(se / sd).toBeGreaterThan(0.6);
    expect(se / sd).toBeLessThan(1.6);
  });

  it('half-life, stationary std and z-score follow from the parameters', () => {
    const { path, fit } = fits[0] as (typeof fits)[number];
    expect(fit.halfLifeSteps).toBeCloseTo(Math.LN2 / (fit.kappa * dt), 10);
    expect(fit.stationaryStd).toBeCloseTo(fit.sigma / Math.sqrt(2 * fit.kappa), 12);
    expect(fit.zScore).toBeCloseTo(((path[n - 1] as number) - fit.mean) / fit.stationaryStd, 12);
    // True half-life ln 2 / 5 years = 34.9 trading days.
    expect(Math.abs(mean(fits.map((f) => f.fit.halfLifeSteps)) - 34.9)).toBeLessThan(6);
  });

  it('reports no mean reversion for an explosive series instead of a negative kappa', () => {
    const rng = createRng(77);
    const x = new Float64Array(300);
    x[0] = 1;
    for (let t = 1; t < 300; t++) x[t] = 1.01 * (x[t - 1] as number) + 0.01 * rng.normal();
    const fit = fitOrnsteinUhlenbeck(x, dt);
    expect(fit.meanReverting).toBe(false);
    if (!fit.meanReverting) expect(fit.reason).toMatch(/no mean reversion/);
  });
});
