import { describe, expect, it } from 'vitest';
import { black76Price } from '../../../shared/quant/pricing/black76';
import {
  durrlemanG,
  sviDerivs,
  sviG,
  sviMinTotalVariance,
  sviParamsProblem,
  sviTotalVariance,
  type SviRawParams,
} from '../../../shared/quant/surface/svi-raw';
import { sviJwToRaw, sviRawToJw } from '../../../shared/quant/surface/svi-jw';

const SLICES: SviRawParams[] = [
  { a: 0.04, b: 0.4, rho: -0.4, m: 0.05, sigma: 0.2 },
  { a: -0.0041, b: 0.06, rho: 0.06, m: 0.02, sigma: 0.1 },
  { a: 0.1, b: 0.28, rho: -0.13, m: 0.12, sigma: 0.54 },
  { a: -0.65, b: 0.63, rho: -0.25, m: -0.35, sigma: 1.77 },
];

/** Gatheral & Jacquier (2014), section 5.1: Axel Vogt's raw SVI slice (T = 1) with butterfly arbitrage. */
const VOGT: SviRawParams = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };

describe('raw SVI formulas', () => {
  it('first and second k-derivatives match central finite differences', () => {
    const h = 1e-4;
    for (const p of SLICES) {
      for (let k = -1.5; k <= 1.5; k += 0.25) {
        const d = sviDerivs(p, k);
        expect(d.w).toBeCloseTo(sviTotalVariance(p, k), 15);
        const wp = sviTotalVariance(p, k + h);
        const wm = sviTotalVariance(p, k - h);
        expect(Math.abs(d.dw - (wp - wm) / (2 * h))).toBeLessThan(1e-7);
        expect(Math.abs(d.d2w - (wp - 2 * d.w + wm) / (h * h))).toBeLessThan(1e-5 * (1 + d.d2w));
      }
    }
  });

  it('g(k) is the risk-neutral density of ln(S_T/F) over the Black density factor (vs d2C/dK2)', () => {
    // p(k) = g(k) / sqrt(2 pi w) * exp(-d2^2 / 2), d2 = -k/sqrt(w) - sqrt(w)/2 (Gatheral-Jacquier 2014, eq. 2.1),
    // and p(k) = K * d2C/dK2 with C the undiscounted Black call on the SVI vol, F = 1.
    const T = 0.5;
    for (const p of [SLICES[0] as SviRawParams, VOGT]) {
      for (let k = -0.8; k <= 0.8; k += 0.2) {
        const K = Math.exp(k);
        const call = (strike: number): number => {
          const vol = Math.sqrt(sviTotalVariance(p, Math.log(strike)) / T);
          return black76Price({
            type: 'call',
            forward: 1,
            strike,
            tYears: T,
            rate: 0,
            volAnnual: vol,
            discounted: false,
          });
        };
        // Five-point stencil: truncation O(h^4).
        const hK = 1e-3 * K;
        const fd =
          (K *
            (-call(K + 2 * hK) +
              16 * call(K + hK) -
              30 * call(K) +
              16 * call(K - hK) -
              call(K - 2 * hK))) /
          (12 * hK * hK);
        const w = sviTotalVariance(p, k);
        const d2 = -k / Math.sqrt(w) - Math.sqrt(w) / 2;
        const density = (sviG(p, k) / Math.sqrt(2 * Math.PI * w)) * Math.exp((-d2 * d2) / 2);
        expect(Math.abs(density - fd)).toBeLessThan(5e-9);
      }
    }
  });

  it("flags Vogt's slice: min g = -0.03286 at k = 0.879 (butterfly arbitrage), though w > 0", () => {
    let minG = Infinity;
    let kMin = 0;
    for (let k = -1.5; k <= 1.5; k += 0.001) {
      const g = sviG(VOGT, k);
      if (g < minG) {
        minG = g;
        kMin = k;
      }
    }
    // Reference: the same formula on a 1e-5 grid in numpy (-0.0328635735 at k = 0.87926).
    expect(minG).toBeCloseTo(-0.0328636, 6);
    expect(kMin).toBeCloseTo(0.879, 2);
    expect(sviMinTotalVariance(VOGT)).toBeGreaterThan(0);
    expect(sviParamsProblem(VOGT)).toBeUndefined();
  });

  it('g = 1 for a flat smile and -Infinity where w <= 0', () => {
    expect(durrlemanG(0.3, { w: 0.04, dw: 0, d2w: 0 })).toBe(1);
    expect(durrlemanG(0.3, { w: 0, dw: 0, d2w: 0 })).toBe(-Infinity);
  });

  it('rejects inadmissible parameters with a reason', () => {
    expect(sviParamsProblem({ a: 0.01, b: -0.1, rho: 0, m: 0, sigma: 0.1 })).toMatch(/b must be/);
    expect(sviParamsProblem({ a: 0.01, b: 0.1, rho: 1, m: 0, sigma: 0.1 })).toMatch(/rho/);
    expect(sviParamsProblem({ a: -0.5, b: 0.1, rho: 0, m: 0, sigma: 0.1 })).toMatch(/negative/);
    expect(sviParamsProblem({ a: NaN, b: 0.1, rho: 0, m: 0, sigma: 0.1 })).toMatch(/finite/);
  });
});

describe('SVI jump-wings', () => {
  it('matches the definitions on a hand-checkable slice (m = 0, rho = 0)', () => {
    // w(0) = a + b*sigma, no skew, symmetric wings b / sqrt(w0), minimum at k = 0.
    const jw = sviRawToJw({ a: 0.02, b: 0.2, rho: 0, m: 0, sigma: 0.1 }, 0.25);
    expect(jw.vt).toBeCloseTo(0.04 / 0.25, 14);
    expect(jw.psit).toBeCloseTo(0, 14);
    expect(jw.pt).toBeCloseTo(0.2 / 0.2, 14);
    expect(jw.ct).toBeCloseTo(0.2 / 0.2, 14);
    expect(jw.vtMin).toBeCloseTo(jw.vt, 14);
  });

  it('psi_t is the ATM skew: d(sigma_BS)/dk at 0 = psi_t / sqrt(T)', () => {
    const p = SLICES[0] as SviRawParams;
    const T = 0.7;
    const jw = sviRawToJw(p, T);
    const d = sviDerivs(p, 0);
    const skew = d.dw / (2 * Math.sqrt(d.w * T));
    expect(skew).toBeCloseTo(jw.psit / Math.sqrt(T), 12);
  });

  it('raw -> JW -> raw round-trips to 1e-10', () => {
    const cases = [...SLICES, VOGT, { a: 0.03, b: 0.1, rho: 0.5, m: 0, sigma: 0.3 }];
    for (const p of cases) {
      for (const T of [0.01, 0.3, 2]) {
        const back = sviJwToRaw(sviRawToJw(p, T), T);
        expect(Math.abs(back.a - p.a)).toBeLessThan(1e-10);
        expect(Math.abs(back.b - p.b)).toBeLessThan(1e-10);
        expect(Math.abs(back.rho - p.rho)).toBeLessThan(1e-10);
        expect(Math.abs(back.m - p.m)).toBeLessThan(1e-10);
        expect(Math.abs(back.sigma - p.sigma)).toBeLessThan(1e-10);
      }
    }
  });

  it('refuses JW numbers no raw slice produces, and the undetermined m = rho = 0 case', () => {
    expect(() => sviJwToRaw({ vt: 0.16, psit: 5, pt: 0.1, ct: 0.1, vtMin: 0.1 }, 1)).toThrow(
      /not attainable/,
    );
    expect(() => sviJwToRaw({ vt: 0.16, psit: 0, pt: 1, ct: 1, vtMin: 0.16 }, 1)).toThrow(
      /undetermined/,
    );
  });
});
