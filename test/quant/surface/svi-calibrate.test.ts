import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { nelderMead } from '../../../shared/quant/stats/optimize';
import { calibrateSviQuasiExplicit } from '../../../shared/quant/surface/svi-calibrate';
import { solveSviInner } from '../../../shared/quant/surface/svi-inner';
import { sviSse } from '../../../shared/quant/surface/svi-arbitrage-free';
import { sviTotalVariance, type SviRawParams } from '../../../shared/quant/surface/svi-raw';

function strikesK(n: number, lo: number, hi: number): Float64Array {
  const k = new Float64Array(n);
  for (let i = 0; i < n; i++) k[i] = lo + ((hi - lo) * i) / (n - 1);
  return k;
}

function uniform(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

const TRUE_SLICES: { p: SviRawParams; T: number }[] = [
  { p: { a: 0.01, b: 0.12, rho: -0.35, m: 0.03, sigma: 0.15 }, T: 0.25 },
  { p: { a: -0.0012, b: 0.05, rho: 0.1, m: 0.01, sigma: 0.04 }, T: 0.02 },
  { p: { a: 0.08, b: 0.3, rho: -0.6, m: 0.1, sigma: 0.5 }, T: 1.5 },
];

describe('quasi-explicit SVI calibration', () => {
  it('recovers known parameters from exact data (40 strikes, tight tolerances)', () => {
    for (const { p } of TRUE_SLICES) {
      const k = strikesK(40, -0.6, 0.5);
      const w = k.map((x) => sviTotalVariance(p, x));
      const fit = calibrateSviQuasiExplicit(k, w, uniform(40), { xTol: 1e-10, fTol: 1e-14 });
      expect(Math.abs(fit.params.a - p.a)).toBeLessThan(1e-9);
      expect(Math.abs(fit.params.b - p.b)).toBeLessThan(1e-9);
      expect(Math.abs(fit.params.rho - p.rho)).toBeLessThan(1e-9);
      expect(Math.abs(fit.params.m - p.m)).toBeLessThan(1e-9);
      expect(Math.abs(fit.params.sigma - p.sigma)).toBeLessThan(1e-9);
      // The default (market-data) tolerances stop earlier but within 1e-4 of every parameter.
      const quick = calibrateSviQuasiExplicit(k, w, uniform(40)).params;
      for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) {
        expect(Math.abs(quick[key] - p[key])).toBeLessThan(1e-4);
      }
    }
  });

  it('on noisy vols (0.3 vol-point noise, seeded) the fitted smile stays within 0.2 vol points of the truth', () => {
    const rng = createRng(20260514);
    for (const { p, T } of TRUE_SLICES) {
      const k = strikesK(40, -0.5, 0.5);
      const vol = k.map((x) => Math.sqrt(sviTotalVariance(p, x) / T) + 0.003 * rng.normal());
      const w = vol.map((v) => v * v * T);
      const fit = calibrateSviQuasiExplicit(k, w, uniform(40));
      let sq = 0;
      for (const x of k) {
        const e =
          Math.sqrt(sviTotalVariance(fit.params, x) / T) - Math.sqrt(sviTotalVariance(p, x) / T);
        sq += e * e;
      }
      expect(100 * Math.sqrt(sq / k.length)).toBeLessThan(0.2);
    }
  });

  it('reaches at least the optimum of a generic 5-parameter Nelder-Mead fit', () => {
    const rng = createRng(7);
    for (const { p, T } of TRUE_SLICES) {
      const k = strikesK(25, -0.4, 0.6);
      const w = k.map((x) => Math.max(1e-8, sviTotalVariance(p, x) * (1 + 0.02 * rng.normal())));
      const weight = uniform(25);
      const targets = { k, w, weight };
      const qe = calibrateSviQuasiExplicit(k, w, weight);
      const atm = w[12] as number;
      const nm = nelderMead(
        (x) => {
          const q = {
            a: x[0] as number,
            b: Math.exp(x[1] as number),
            rho: Math.tanh(x[2] as number),
            m: x[3] as number,
            sigma: Math.exp(x[4] as number),
          };
          return sviSse(q, targets);
        },
        [atm / 2, Math.log(0.1), 0, 0, Math.log(0.1)],
        { maxEvaluations: 20_000, maxIterations: 20_000, tolF: 1e-20, tolX: 1e-12 },
      );
      expect(qe.sse).toBeLessThanOrEqual(nm.fx * (1 + 1e-6) + 1e-18);
      expect(T).toBeGreaterThan(0);
    }
  });
});

describe('inner constrained least squares (fixed m, s)', () => {
  it('is feasible and no worse than a brute-force search over the feasible (d, c) domain', () => {
    // Data rising steeply to the right: the unconstrained optimum has |rho| > 1.
    const k = strikesK(15, -0.3, 0.6);
    const w = k.map((x) => 0.02 + 0.9 * Math.max(x, 0) + 0.05 * x);
    const weight = uniform(15);
    const m = 0.05;
    const s = 0.1;
    const slopeMax = 4;
    const r = solveSviInner(m, s, k, w, weight, slopeMax);
    expect(r).toBeDefined();
    if (!r) return;
    const rhoMax = 0.9999;
    // The rho bound is active: the data would like rho > 1.
    expect(r.d).toBeCloseTo(rhoMax * r.c, 12);
    expect(r.c + Math.abs(r.d)).toBeLessThanOrEqual(slopeMax * s + 1e-12);
    expect(r.a + r.c - Math.abs(r.d)).toBeGreaterThanOrEqual(-1e-12);
    const sse = (a: number, d: number, c: number): number => {
      let t = 0;
      for (let i = 0; i < k.length; i++) {
        const y = ((k[i] as number) - m) / s;
        const e = a + d * y + c * Math.sqrt(y * y + 1) - (w[i] as number);
        t += (weight[i] as number) * e * e;
      }
      return t;
    };
    expect(Math.abs(sse(r.a, r.d, r.c) - r.sse)).toBeLessThan(1e-12);
    let best = Infinity;
    const n = 300;
    for (let i = 0; i <= n; i++) {
      const c = (slopeMax * s * i) / n;
      for (let j = -n; j <= n; j++) {
        const d = (rhoMax * c * j) / n;
        if (c + Math.abs(d) > slopeMax * s) continue;
        // Best a for this (d, c) in closed form, then clipped to the w >= 0 bound.
        let num = 0;
        for (let q = 0; q < k.length; q++) {
          const y = ((k[q] as number) - m) / s;
          num += (weight[q] as number) * ((w[q] as number) - d * y - c * Math.sqrt(y * y + 1));
        }
        const a = Math.max(num, Math.abs(d) - c);
        best = Math.min(best, sse(a, d, c));
      }
    }
    expect(r.sse).toBeLessThanOrEqual(best * (1 + 1e-9));
    expect(r.sse).toBeGreaterThan(best * 0.9);
  });
});
