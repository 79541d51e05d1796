import { describe, it, expect } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { normCdf } from '../../../shared/quant/math/normal';

const N = 100_000;

interface Moments {
  mean: number;
  variance: number;
  skew: number;
  exKurt: number;
}

function moments(xs: ArrayLike<number>): Moments {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i] as number;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5, exKurt: m4 / (m2 * m2) - 3 };
}

/** Kolmogorov-Smirnov statistic of a sample against a continuous CDF. */
function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i] as number);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Critical KS value at alpha = 0.001 (asymptotic 1.949 / sqrt(n)). */
const KS_CRIT = 1.949 / Math.sqrt(N);

function draw(n: number, f: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f();
  return out;
}

describe('createRng: determinism', () => {
  it('reproduces the golden xoshiro128** stream (checked against a C uint32 implementation)', () => {
    const rng = createRng(42);
    const first = Array.from({ length: 8 }, () => rng.nextUint32());
    expect(first).toEqual([
      3755495369, 2403936371, 2543651251, 401275601, 1782345713, 2515964425, 2707972794, 2702585631,
    ]);
    for (let i = 8; i < 999; i++) rng.nextUint32();
    expect(rng.nextUint32()).toBe(4035390255);
    const neg = createRng(-7, 3);
    expect(Array.from({ length: 4 }, () => neg.nextUint32())).toEqual([
      4104426928, 1214898222, 1687346539, 4246864192,
    ]);
  });

  it('same seed gives the same variates; other seeds and streams differ', () => {
    const a = createRng(123);
    const b = createRng(123);
    const seqA = [a.uniform(), a.normal(), a.gamma(2.5), a.poisson(30), a.studentT(4)];
    const seqB = [b.uniform(), b.normal(), b.gamma(2.5), b.poisson(30), b.studentT(4)];
    expect(seqA).toEqual(seqB);
    expect(createRng(124).uniform()).not.toBe(createRng(123).uniform());
    expect(createRng(123, 1).uniform()).not.toBe(createRng(123, 0).uniform());
    // High seed bits matter too.
    expect(createRng(2 ** 40).uniform()).not.toBe(createRng(0).uniform());
  });

  it('fillNormal returns exactly what repeated normal() would, including an odd length', () => {
    const a = createRng(9);
    const b = createRng(9);
    a.normal(); // leaves a spare behind
    b.normal();
    const bulk = a.fillNormal(new Float64Array(1001));
    const one = draw(1001, () => b.normal());
    expect(Array.from(bulk)).toEqual(Array.from(one));
    expect(a.normal()).toBe(b.normal());
  });

  it('rejects invalid seeds and parameters', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
    expect(() => createRng(1, -1)).toThrow(/stream/);
    const rng = createRng(1);
    expect(() => rng.gamma(0)).toThrow(/shape/);
    expect(() => rng.chiSquare(-1)).toThrow(/degrees of freedom/);
    expect(() => rng.studentT(0)).toThrow(/degrees of freedom/);
    expect(() => rng.poisson(-1)).toThrow(/lambda/);
    expect(() => rng.poisson(Number.POSITIVE_INFINITY)).toThrow(/lambda/);
  });
});

describe('createRng: distributions (1e5 draws, fixed seeds, 5-sigma tolerances)', () => {
  it('uniform is in the open interval (0,1), with the right moments and KS', () => {
    const rng = createRng(1);
    const xs = rng.fillUniform(new Float64Array(N));
    let lo = 1;
    let hi = 0;
    for (const x of xs) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.0015);
    expect(ksStatistic(xs, (x) => x)).toBeLessThan(KS_CRIT);
  });

  it('normal: mean 0, variance 1, skew 0, excess kurtosis 0, KS against Phi', () => {
    const xs = createRng(2).fillNormal(new Float64Array(N));
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m.skew)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(m.exKurt)).toBeLessThan(5 * Math.sqrt(24 / N));
    expect(ksStatistic(xs, normCdf)).toBeLessThan(KS_CRIT);
  });

  it('gamma: mean = variance = shape for shapes below and above 1; shape 1 is exponential', () => {
    for (const shape of [0.3, 1, 3.7, 50]) {
      const rng = createRng(3);
      const xs = draw(N, () => rng.gamma(shape));
      const m = moments(xs);
      expect(Math.abs(m.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      // Var of the sample variance ~ (mu4 - sigma^4)/n with mu4 = 3k^2 + 6k for gamma(k).
      expect(Math.abs(m.variance - shape)).toBeLessThan(
        5 * Math.sqrt((2 * shape * shape + 6 * shape) / N),
      );
      expect(Math.abs(m.skew - 2 / Math.sqrt(shape))).toBeLessThan(
        0.15 * (2 / Math.sqrt(shape)) + 0.05,
      );
    }
    const rng = createRng(4);
    const expo = draw(N, () => rng.gamma(1));
    expect(ksStatistic(expo, (x) => 1 - Math.exp(-x))).toBeLessThan(KS_CRIT);
  });

  it('chiSquare(nu) has mean nu and variance 2 nu', () => {
    const rng = createRng(5);
    const xs = draw(N, () => rng.chiSquare(6));
    const m = moments(xs);
    expect(Math.abs(m.mean - 6)).toBeLessThan(5 * Math.sqrt(12 / N));
    expect(Math.abs(m.variance - 12)).toBeLessThan(0.5);
  });

  it('studentT(nu): mean 0, variance nu/(nu-2); nu = 1 is Cauchy (KS)', () => {
    const rng = createRng(6);
    const xs = draw(N, () => rng.studentT(10));
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(1.25 / N));
    expect(Math.abs(m.variance - 1.25)).toBeLessThan(0.04);
    expect(Math.abs(m.skew)).toBeLessThan(0.1);
    const cauchy = draw(N, () => rng.studentT(1));
    expect(ksStatistic(cauchy, (x) => 0.5 + Math.atan(x) / Math.PI)).toBeLessThan(KS_CRIT);
  });

  it('poisson: mean = variance = lambda across the inversion and PTRS branches, chi-square fit', () => {
    for (const lambda of [0.7, 4, 9.99, 10, 37.5, 1e4]) {
      const rng = createRng(7);
      const xs = draw(N, () => rng.poisson(lambda));
      for (let i = 0; i < 1000; i++) expect(Number.isInteger(xs[i])).toBe(true);
      const m = moments(xs);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / N));
      expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(5 * Math.sqrt((2 + 1 / lambda) / N));
    }
    // Pearson chi-square of the PTRS branch against the exact pmf, bins with expectation >= 20.
    const lambda = 25;
    const rng = createRng(8);
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = rng.poisson(lambda);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let chi2 = 0;
    let bins = 0;
    let logP = -lambda;
    for (let k = 0; k < 80; k++) {
      if (k > 0) logP += Math.log(lambda / k);
      const expected = N * Math.exp(logP);
      if (expected < 20) continue;
      const obs = counts.get(k) ?? 0;
      chi2 += ((obs - expected) * (obs - expected)) / expected;
      bins++;
    }
    // bins ~ 30: the 0.999 quantile of chi-square(30) is 59.7.
    expect(bins).toBeGreaterThan(25);
    expect(chi2).toBeLessThan(59.7 + 2 * (bins - 30));
  });

  it('poisson(0) is 0', () => {
    expect(createRng(1).poisson(0)).toBe(0);
  });
});
