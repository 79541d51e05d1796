import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import {
  ewmaBetaSeries,
  ewmaCovarianceSeries,
  ewmaVarianceSeries,
} from '../../../shared/quant/stats/ewma';
import { brentMinimize, brentRoot, nelderMead } from '../../../shared/quant/stats/optimize';
import {
  kendallTau,
  pseudoObservations,
  ranks,
  spearmanRho,
} from '../../../shared/quant/stats/rank-correlation';

describe('Nelder-Mead', () => {
  it('finds the Rosenbrock minimum in 2 and 4 dimensions', () => {
    const rosen = (v: Float64Array): number => {
      let s = 0;
      for (let i = 0; i + 1 < v.length; i++) {
        const a = v[i] as number;
        const b = v[i + 1] as number;
        s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
      }
      return s;
    };
    const r2 = nelderMead(rosen, [-1.2, 1], { tolF: 1e-14, tolX: 1e-9, maxIterations: 5000 });
    expect(r2.converged).toBe(true);
    expect(r2.x[0]).toBeCloseTo(1, 6);
    expect(r2.x[1]).toBeCloseTo(1, 6);
    // 4-D Rosenbrock also has a local minimum near (-0.78, 0.61, 0.38, 0.15): start in the global basin.
    const r4 = nelderMead(rosen, [0.3, 0.6, 1.4, 0.8], {
      tolF: 1e-14,
      tolX: 1e-9,
      maxIterations: 20000,
    });
    for (const v of r4.x) expect(v).toBeCloseTo(1, 4);
  });

  it('treats NaN/Infinity as +Infinity (constraints by returning Infinity)', () => {
    const f = (v: Float64Array): number =>
      (v[0] as number) < 0 ? NaN : ((v[0] as number) - 2) ** 2;
    const res = nelderMead(f, [1], { tolF: 1e-14, tolX: 1e-10 });
    expect(res.x[0]).toBeCloseTo(2, 6);
  });
});

describe('Brent', () => {
  it('minimises a smooth function on an interval', () => {
    const res = brentMinimize((t) => Math.cos(t), 2, 5, { tol: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.x).toBeCloseTo(Math.PI, 8);
  });

  it('finds a bracketed root and rejects a non-bracketing interval', () => {
    expect(brentRoot((t) => t * t * t - 2, 0, 2)).toBeCloseTo(Math.cbrt(2), 12);
    expect(() => brentRoot((t) => t * t + 1, -1, 1)).toThrow(/bracket/);
  });
});

describe('EWMA (RiskMetrics) vs a direct weighted sum', () => {
  it('beta, correlation and variances equal the explicit exponentially weighted sums', () => {
    const rng = createRng(7);
    const n = 300;
    const lambda = 0.94;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = 0.03 * rng.normal();
      ys[i] = 1.6 * (xs[i] as number) + 0.04 * rng.normal();
    }
    const res = ewmaBetaSeries(ys, xs, { lambda, seedLength: 30 });
    // Direct: c_t = lambda^(t+1) c_seed + (1 - lambda) sum_{i<=t} lambda^(t-i) x_i y_i.
    const seed = (a: Float64Array, b: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 30; i++) s += (a[i] as number) * (b[i] as number);
      return s / 30;
    };
    const direct = (a: Float64Array, b: Float64Array, t: number): number => {
      let s = lambda ** (t + 1) * seed(a, b);
      for (let i = 0; i <= t; i++)
        s += (1 - lambda) * lambda ** (t - i) * (a[i] as number) * (b[i] as number);
      return s;
    };
    for (const t of [0, 10, 100, 299]) {
      const vx = direct(xs, xs, t);
      const vy = direct(ys, ys, t);
      const c = direct(xs, ys, t);
      expect(res.beta[t]).toBeCloseTo(c / vx, 12);
      expect(res.correlation[t]).toBeCloseTo(c / Math.sqrt(vx * vy), 12);
      expect(ewmaVarianceSeries(xs, { lambda })[t]).toBeCloseTo(vx, 15);
      expect(ewmaCovarianceSeries(xs, ys, { lambda })[t]).toBeCloseTo(c, 15);
    }
    // The beta tracks the true 1.6 loosely (effective window ~ 1 / (1 - lambda) = 17 days).
    expect(Math.abs((res.beta[n - 1] as number) - 1.6)).toBeLessThan(0.8);
  });

  it('rejects lambda outside (0, 1)', () => {
    expect(() => ewmaVarianceSeries([1, 2], { lambda: 1 })).toThrow(/lambda/);
  });
});

describe('rank statistics', () => {
  it('average ranks with ties and pseudo-observations in (0, 1)', () => {
    expect(Array.from(ranks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
    const u = pseudoObservations([3, 1, 3, 2]);
    expect(Array.from(u)).toEqual([0.7, 0.2, 0.7, 0.4]);
  });

  it("Kendall's tau-b (O(n log n)) equals the O(n^2) definition, ties included", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 5; trial++) {
      const n = 200;
      const a = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 3));
      const b = Float64Array.from(a, (v) => Math.round(v + rng.normal() * 2));
      let concordant = 0;
      let discordant = 0;
      let tiesA = 0;
      let tiesB = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const s =
            Math.sign((a[i] as number) - (a[j] as number)) *
            Math.sign((b[i] as number) - (b[j] as number));
          if (s > 0) concordant++;
          else if (s < 0) discordant++;
          if (a[i] === a[j]) tiesA++;
          if (b[i] === b[j]) tiesB++;
        }
      }
      const n0 = (n * (n - 1)) / 2;
      const brute = (concordant - discordant) / Math.sqrt((n0 - tiesA) * (n0 - tiesB));
      expect(kendallTau(a, b)).toBeCloseTo(brute, 14);
    }
  });

  it('Kendall and Spearman vs SciPy on tied data', () => {
    const idx = Array.from({ length: 50 }, (_, i) => i);
    const x = idx.map((i) => Math.sin(0.37 * i) + 0.01 * i);
    const z = idx.map((i) => Math.cos(1.3 * i));
    const y = idx.map(
      (i, k) => 1.5 + 2 * (x[k] as number) - 0.7 * (z[k] as number) + 0.3 * Math.sin(2.1 * i * i),
    );
    // The rounding must match NumPy's round-half-even; no value here sits on a .5 boundary.
    const xr = x.map((v) => Math.round(v * 10) / 10);
    const yr = y.map((v) => Math.round(v));
    // scipy.stats.kendalltau / spearmanr on np.round(x, 1), np.round(y, 0).
    expect(kendallTau(xr, yr)).toBeCloseTo(0.7866836426144738, 13);
    expect(spearmanRho(xr, yr)).toBeCloseTo(0.9075840447348653, 13);
  });
});
