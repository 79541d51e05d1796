import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { quadraticFormMoments } from '../../../shared/quant/risk/parametric-book';
import {
  cornishFisherVarEs,
  normalVarEs,
  parametricFromPnl,
  studentTVarEs,
} from '../../../shared/quant/risk/parametric-var';

// References: scipy 1.17 (norm.ppf/pdf; t.ppf and ES by quad of x t.pdf(x) on [t_a, inf),
// scaled by sqrt((nu-2)/nu) to unit variance); Cornish-Fisher ES by mpmath (40 digits) quadrature
// of q(z) phi(z) over (z_a, inf).
describe('normal VaR/ES closed form', () => {
  it('unit normal quantiles and expected shortfalls', () => {
    const [r95, r99] = normalVarEs(0, 1, [0.95, 0.99]);
    expect(r95?.var).toBeCloseTo(1.6448536269514722, 13);
    expect(r95?.es).toBeCloseTo(2.0627128075074257, 13);
    expect(r99?.var).toBeCloseTo(2.3263478740408408, 13);
    expect(r99?.es).toBeCloseTo(2.665214220345806, 13);
  });
  it('location and scale', () => {
    const [r] = normalVarEs(1000, 25_000, [0.99]);
    expect(r?.var).toBeCloseTo(-1000 + 25_000 * 2.3263478740408408, 7);
    expect(r?.es).toBeCloseTo(-1000 + 25_000 * 2.665214220345806, 7);
  });
});

describe('Student-t VaR/ES (unit variance) closed form', () => {
  const ref: [number, number, number, number][] = [
    [3, 0.95, 1.358715012583855, 2.2368093942678606],
    [3, 0.99, 2.621576017704414, 4.043231298781415],
    [5, 0.95, 1.5608497583442291, 2.238684255461521],
    [5, 0.99, 2.606463569384279, 3.4488367600480156],
    [10, 0.95, 1.6211145108730005, 2.1541393786578658],
    [10, 0.99, 2.471990552991098, 3.008183569423598],
  ];
  for (const [nu, a, v, es] of ref) {
    it(`nu=${nu} a=${a}`, () => {
      const [r] = studentTVarEs(0, 1, nu, [a]);
      expect(r?.var).toBeCloseTo(v, 10);
      expect(r?.es).toBeCloseTo(es, 9);
    });
  }
  it('tends to the normal as nu grows and needs nu > 2', () => {
    const [t] = studentTVarEs(0, 1, 1e6, [0.99]);
    expect(t?.var).toBeCloseTo(2.3263478740408408, 4);
    expect(() => studentTVarEs(0, 1, 2, [0.99])).toThrow(/nu > 2/);
  });
  it('fits nu on fat-tailed P&L (t with nu = 4 sample)', () => {
    const rng = createRng(11);
    const pnl = Float64Array.from({ length: 20_000 }, () => 1000 * rng.studentT(4));
    const r = parametricFromPnl(pnl, 'student-t', [0.99]);
    expect(r.nu).toBeGreaterThan(3.3);
    expect(r.nu).toBeLessThan(5);
  });
});

describe('Cornish-Fisher VaR/ES', () => {
  it('reduces to the normal with zero skew and kurtosis', () => {
    const cf = cornishFisherVarEs(0, 1, 0, 0, [0.95, 0.99]).results;
    const n = normalVarEs(0, 1, [0.95, 0.99]);
    cf.forEach((r, i) => {
      expect(r.var).toBeCloseTo(n[i]?.var as number, 14);
      expect(r.es).toBeCloseTo(n[i]?.es as number, 14);
    });
  });
  it('closed-form ES equals the integral of the CF quantile (loss skew 0.7, excess kurtosis 1.5)', () => {
    const { results, monotone } = cornishFisherVarEs(0, 1, -0.7, 1.5, [0.95, 0.99]);
    expect(monotone).toBe(true);
    expect(results[0]?.var).toBeCloseTo(1.8043590456946899, 13);
    expect(results[0]?.es).toBeCloseTo(2.5545795924717205, 12);
    expect(results[1]?.var).toBeCloseTo(3.007344988329948, 13);
    expect(results[1]?.es).toBeCloseTo(3.767114983025732, 12);
  });
  it('flags a non-monotone expansion', () => {
    expect(cornishFisherVarEs(0, 1, 3, -2, [0.95]).monotone).toBe(false);
  });
});

describe('delta-gamma moments of a Gaussian quadratic form', () => {
  it('single factor: closed-form cumulants', () => {
    const d = 3;
    const g = -40;
    const s = 0.05;
    const m = quadraticFormMoments(
      Float64Array.of(d),
      Float64Array.of(g),
      Float64Array.of(0),
      Float64Array.of(s * s),
    );
    const k2 = d * d * s * s + 0.5 * g * g * s ** 4;
    const k3 = 3 * d * d * g * s ** 4 + g ** 3 * s ** 6;
    const k4 = 12 * d * d * g * g * s ** 6 + 3 * g ** 4 * s ** 8;
    expect(m.mean).toBeCloseTo(0.5 * g * s * s, 14);
    expect(m.sd).toBeCloseTo(Math.sqrt(k2), 14);
    expect(m.skew).toBeCloseTo(k3 / k2 ** 1.5, 12);
    expect(m.exKurt).toBeCloseTo(k4 / (k2 * k2), 12);
  });
  it('two factors, no gamma: sd = sqrt(d S d), matches a Monte Carlo of the form with gamma', () => {
    const cov = Float64Array.of(0.04, 0.012, 0.012, 0.09);
    const d = Float64Array.of(2, -1);
    const noG = quadraticFormMoments(d, new Float64Array(2), new Float64Array(2), cov);
    expect(noG.sd).toBeCloseTo(Math.sqrt(4 * 0.04 - 4 * 0.012 + 0.09), 14);
    const gam = Float64Array.of(5, -3);
    const m = quadraticFormMoments(d, gam, Float64Array.of(0.01, -0.02), cov);
    const rng = createRng(5);
    const l00 = 0.2;
    const l10 = 0.012 / 0.2;
    const l11 = Math.sqrt(0.09 - l10 * l10);
    let s1 = 0;
    let s2 = 0;
    const N = 400_000;
    for (let i = 0; i < N; i++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      const y1 = 0.01 + l00 * z1;
      const y2 = -0.02 + l10 * z1 + l11 * z2;
      const q = 2 * y1 - y2 + 0.5 * (5 * y1 * y1 - 3 * y2 * y2);
      s1 += q;
      s2 += q * q;
    }
    const mean = s1 / N;
    const sd = Math.sqrt(s2 / N - mean * mean);
    expect(Math.abs(mean - m.mean)).toBeLessThan((4 * m.sd) / Math.sqrt(N));
    expect(sd / m.sd - 1).toBeLessThan(0.005);
  });
});
