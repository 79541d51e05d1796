import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseCsv } from '../../../shared/io/csv';
import {
  createStudentT,
  standardizedStudentTQuantile,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
} from '../../../shared/quant/stats/student-t';
import {
  logBeta,
  logGamma,
  logGammaDifference,
  regularizedIncompleteBeta,
} from '../../../shared/quant/stats/special';
import { studentTCopulaTailDependence } from '../../../shared/quant/stats/t-copula';

// 40-digit mpmath values (test/fixtures/reference/student_t.py).
const reference = parseCsv(
  readFileSync(new URL('../../fixtures/reference/student_t.csv', import.meta.url), 'utf8'),
).rows.map((r) => ({
  kind: r.kind as string,
  nu: Number(r.nu),
  x: Number(r.x),
  rho: Number(r.rho),
  value: Number(r.value),
}));

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

describe('Student-t vs 40-digit mpmath references', () => {
  it('has the expected reference rows', () => {
    expect(reference.filter((r) => r.kind === 'cdf')).toHaveLength(86);
    expect(reference.filter((r) => r.kind === 'pdf')).toHaveLength(86);
    expect(reference.filter((r) => r.kind === 'quantile')).toHaveLength(81);
    expect(reference.filter((r) => r.kind === 'tail')).toHaveLength(20);
  });

  const worstOf = (kind: string, fn: (x: number, nu: number) => number, nuMax: number): number => {
    let worst = 0;
    for (const r of reference.filter((row) => row.kind === kind && row.nu <= nuMax)) {
      worst = Math.max(worst, relErr(fn(r.x, r.nu), r.value));
    }
    return worst;
  };

  it('CDF: relative error < 1e-13 for nu <= 1000 (tails down to 1e-200), < 3e-11 at nu = 1e6', () => {
    // Observed: 3.1e-14 (nu <= 1000), 2.1e-11 (nu = 1e6, continued-fraction cancellation).
    expect(worstOf('cdf', studentTCdf, 1000)).toBeLessThan(1e-13);
    expect(worstOf('cdf', studentTCdf, Infinity)).toBeLessThan(3e-11);
  });

  it('density: relative error < 1e-13', () => {
    expect(worstOf('pdf', studentTPdf, Infinity)).toBeLessThan(1e-13);
  });

  it('quantile: relative error < 1e-12 for nu <= 1000 and p from 1e-12 to 0.999, < 1e-11 at 1e6', () => {
    // p = 0.4999 gives |t| ~ 3e-4, where one ulp of p moves t by ~2e-13 relative.
    expect(worstOf('quantile', studentTQuantile, 1000)).toBeLessThan(1e-12);
    expect(worstOf('quantile', studentTQuantile, Infinity)).toBeLessThan(1e-11);
  });

  it('t-copula tail coefficient: relative error < 1e-12', () => {
    for (const r of reference.filter((row) => row.kind === 'tail')) {
      expect(relErr(studentTCopulaTailDependence(r.rho, r.nu), r.value)).toBeLessThan(1e-12);
    }
  });
});

describe('Student-t properties', () => {
  it('textbook critical values (two-sided 5%)', () => {
    // Tables: t_{0.975} = 12.706 (1), 2.776 (4), 2.228 (10), 2.042 (30); nu = Infinity is 1.960.
    const table: [number, number][] = [
      [1, 12.706],
      [4, 2.776],
      [10, 2.228],
      [30, 2.042],
      [Infinity, 1.96],
    ];
    for (const [nu, t] of table) expect(studentTQuantile(0.975, nu)).toBeCloseTo(t, 3);
  });

  it('quantile and CDF invert each other and are odd/symmetric', () => {
    for (const nu of [1.2, 2, 3.5, 8, 60]) {
      const dist = createStudentT(nu);
      for (const p of [1e-9, 0.01, 0.2, 0.77, 0.999]) {
        const t = dist.quantile(p);
        expect(relErr(dist.cdf(t), p)).toBeLessThan(1e-12);
        // 1 - (1 - p) is within an ulp of 1 of p, so for p >= 0.01 the mirror quantile matches closely.
        if (p >= 0.01) expect(relErr(dist.quantile(1 - p), -t)).toBeLessThan(1e-12);
      }
      expect(dist.quantile(0.5)).toBe(0);
    }
  });

  it('standardized quantile has unit variance scaling', () => {
    expect(standardizedStudentTQuantile(0.975, 5)).toBeCloseTo(
      studentTQuantile(0.975, 5) * Math.sqrt(3 / 5),
      14,
    );
  });

  it('rejects bad arguments with RangeError', () => {
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.2, 3)).toThrow(/p must be in \[0, 1\]/);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });
});

describe('special functions', () => {
  it('log-gamma at known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    // mpmath: loggamma(100.5) = 361.43554046777757..., ln|Gamma(-2.5)| = -0.0562437164976740...
    expect(relErr(logGamma(100.5), 361.4355404677775)).toBeLessThan(1e-15);
    expect(logGamma(-2.5)).toBeCloseTo(-0.056243716497674, 13);
  });

  it('log-gamma difference keeps its accuracy for large arguments', () => {
    // mpmath: loggamma(500000.5) - loggamma(500000) = 6.56118143870216439...
    expect(relErr(logGammaDifference(500000, 0.5), 6.561181438702164)).toBeLessThan(1e-15);
    expect(logBeta(3, 4)).toBeCloseTo(Math.log(1 / 60), 14);
  });

  it('regularized incomplete beta at known values', () => {
    // I_x(1, b) = 1 - (1 - x)^b; I_x(a, 1) = x^a; scipy betainc(2.5, 7, 0.3) = 0.6412224629717214.
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 15);
    expect(regularizedIncompleteBeta(0.6, 3.5, 1)).toBeCloseTo(0.6 ** 3.5, 15);
    expect(relErr(regularizedIncompleteBeta(0.3, 2.5, 7), 0.6412224629717214)).toBeLessThan(1e-14);
  });
});
