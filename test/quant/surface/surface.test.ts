import { describe, expect, it } from 'vitest';
import { black76Greeks, black76Price } from '../../../shared/quant/pricing/black76';
import { localVol, localVolAtStrike } from '../../../shared/quant/surface/local-vol';
import { atmTermStructure, sliceMetrics } from '../../../shared/quant/surface/metrics';
import { sviSmile, type SmileSlice } from '../../../shared/quant/surface/smile-slice';
import { buildSurface } from '../../../shared/quant/surface/surface';
import { durrlemanG, type SviRawParams } from '../../../shared/quant/surface/svi-raw';

const slice = (expiry: string, tYears: number, p: SviRawParams, forward = 100): SmileSlice =>
  sviSmile({ expiry, expiryMs: 0, tYears, forward }, p);
const flat = (vol: number, t: number): SviRawParams => ({
  a: vol * vol * t,
  b: 0,
  rho: 0,
  m: 0,
  sigma: 0.1,
});

/** Two SVI slices with skew and curvature, calendar-consistent (w grows with T at every k). */
const S1 = slice('S1', 0.1, { a: 0.01, b: 0.08, rho: -0.3, m: 0.02, sigma: 0.12 });
const S2 = slice('S2', 0.5, { a: 0.06, b: 0.2, rho: -0.3, m: 0.05, sigma: 0.25 });

describe('surface interpolation and extrapolation', () => {
  const surf = buildSurface([S2, S1]);

  it('reproduces the slices at their expiries and is linear in T between them', () => {
    for (const k of [-0.5, 0, 0.3]) {
      expect(surf.totalVariance(k, 0.1)).toBeCloseTo(S1.totalVariance(k), 15);
      expect(surf.totalVariance(k, 0.5)).toBeCloseTo(S2.totalVariance(k), 15);
      const mid = (S1.totalVariance(k) + S2.totalVariance(k)) / 2;
      expect(surf.totalVariance(k, 0.3)).toBeCloseTo(mid, 15);
    }
  });

  it('keeps implied vol flat before the first expiry and w linear beyond the last', () => {
    for (const k of [-0.4, 0, 0.4]) {
      const iv1 = Math.sqrt(S1.totalVariance(k) / 0.1);
      expect(surf.iv(k, 0.01)).toBeCloseTo(iv1, 13);
      const slope = (S2.totalVariance(k) - S1.totalVariance(k)) / 0.4;
      expect(surf.totalVariance(k, 1.5)).toBeCloseTo(S2.totalVariance(k) + slope, 14);
    }
    const single = buildSurface([S1]);
    expect(single.iv(0.2, 3)).toBeCloseTo(Math.sqrt(S1.totalVariance(0.2) / 0.1), 13);
  });

  it('is calendar-free by construction and butterfly-free between these slices (numerical check)', () => {
    for (let k = -1.5; k <= 1.5; k += 0.05) {
      let prev = 0;
      for (let t = 0.02; t <= 2; t += 0.02) {
        const w = surf.totalVariance(k, t);
        expect(w).toBeGreaterThanOrEqual(prev);
        prev = w;
      }
    }
    for (const t of [0.05, 0.2, 0.3, 0.45, 1]) {
      for (let k = -2; k <= 2; k += 0.01)
        expect(durrlemanG(k, surf.point(k, t))).toBeGreaterThan(0);
    }
  });

  it('interpolates the forward log-linearly, from the spot when given', () => {
    const s = buildSurface(
      [slice('A', 0.1, flat(0.5, 0.1), 101), slice('B', 0.5, flat(0.5, 0.5), 105)],
      { spot: 100 },
    );
    expect(s.forward(0.1)).toBeCloseTo(101, 12);
    expect(s.forward(0.3)).toBeCloseTo(Math.exp((Math.log(101) + Math.log(105)) / 2), 12);
    expect(s.forward(0.05)).toBeCloseTo(Math.exp((Math.log(100) + Math.log(101)) / 2), 12);
    expect(s.forward(0.9)).toBeCloseTo(
      Math.exp(Math.log(105) + (Math.log(105 / 101) / 0.4) * 0.4),
      12,
    );
    expect(s.ivAtStrike(105, 0.5)).toBeCloseTo(0.5, 14);
  });

  it('refuses T <= 0, duplicate expiries and an empty slice list', () => {
    expect(() => surf.iv(0, 0)).toThrow(RangeError);
    expect(() => buildSurface([S1, S1])).toThrow(/share/);
    expect(() => buildSurface([])).toThrow(/no slices/);
  });
});

describe('Dupire local vol', () => {
  it('equals the implied vol on a flat surface, inside, before and beyond the slices', () => {
    const surf = buildSurface([slice('A', 0.1, flat(0.6, 0.1)), slice('B', 1, flat(0.6, 1))]);
    for (const t of [0.05, 0.1, 0.4, 1, 3]) {
      for (const k of [-1, -0.2, 0, 0.5]) expect(localVol(surf, k, t)).toBeCloseTo(0.6, 13);
    }
  });

  it('is the forward vol between two flat expiries with different vols', () => {
    const surf = buildSurface([slice('A', 0.1, flat(0.5, 0.1)), slice('B', 0.5, flat(0.7, 0.5))]);
    const fwdVol = Math.sqrt((0.49 * 0.5 - 0.25 * 0.1) / 0.4);
    expect(localVol(surf, 0.3, 0.3)).toBeCloseTo(fwdVol, 13);
  });

  it("agrees with Dupire's formula on call prices, 2 dC/dT / (K^2 d2C/dK2), by finite differences", () => {
    const surf = buildSurface([S1, S2]); // both forwards 100, zero rates
    const call = (K: number, t: number): number =>
      black76Price({
        type: 'call',
        forward: 100,
        strike: K,
        tYears: t,
        rate: 0,
        volAnnual: surf.ivAtStrike(K, t),
        discounted: false,
      });
    for (const t of [0.2, 0.3, 0.4]) {
      for (const K of [80, 95, 100, 110, 125]) {
        const hT = 1e-4;
        const hK = 1e-2;
        const dCdT = (call(K, t + hT) - call(K, t - hT)) / (2 * hT);
        const d2CdK2 = (call(K + hK, t) - 2 * call(K, t) + call(K - hK, t)) / (hK * hK);
        const dupire = Math.sqrt((2 * dCdT) / (K * K * d2CdK2));
        const lv = localVolAtStrike(surf, K, t);
        expect(lv).toBeDefined();
        expect(Math.abs((lv as number) / dupire - 1)).toBeLessThan(1e-5);
      }
    }
  });

  it('returns undefined (not NaN) where the surface has arbitrage', () => {
    const vogt = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
    const surf = buildSurface([slice('V', 1, vogt)]);
    expect(localVol(surf, 0.879, 1)).toBeUndefined();
    expect(localVolAtStrike(surf, -5, 1)).toBeUndefined();
  });
});

describe('smile metrics', () => {
  it('25-delta strikes carry Black-76 forward deltas of +-0.25 on their own vols', () => {
    const m = sliceMetrics(S2);
    const T = 0.5;
    const dc = black76Greeks({
      type: 'call',
      forward: 100,
      strike: 100 * Math.exp(m.callK),
      tYears: T,
      rate: 0,
      volAnnual: m.callVol,
      discounted: false,
    }).delta;
    const dp = black76Greeks({
      type: 'put',
      forward: 100,
      strike: 100 * Math.exp(m.putK),
      tYears: T,
      rate: 0,
      volAnnual: m.putVol,
      discounted: false,
    }).delta;
    expect(dc).toBeCloseTo(0.25, 10);
    expect(dp).toBeCloseTo(-0.25, 10);
    expect(m.riskReversal).toBeCloseTo(m.callVol - m.putVol, 15);
    expect(m.riskReversal).toBeLessThan(0); // rho < 0: puts richer
    expect(m.butterfly).toBeGreaterThan(0);
  });

  it('flat smile: zero RR, BF and skew; a k-symmetric smile has RR > 0 (the 25-delta call sits farther out)', () => {
    const f = sliceMetrics(slice('F', 0.25, flat(0.8, 0.25)));
    expect(Math.abs(f.riskReversal)).toBeLessThan(1e-14);
    expect(Math.abs(f.butterfly)).toBeLessThan(1e-14);
    expect(f.skewSlope).toBe(0);
    const sym = sliceMetrics(slice('Y', 0.25, { a: 0.02, b: 0.15, rho: 0, m: 0, sigma: 0.1 }));
    expect(Math.abs(sym.skewSlope)).toBeLessThan(1e-15);
    expect(sym.callK).toBeGreaterThan(-sym.putK);
    expect(sym.riskReversal).toBeGreaterThan(0);
    const h = 1e-5;
    const volAt = (k: number) => Math.sqrt(S1.totalVariance(k) / 0.1);
    expect(sliceMetrics(S1).skewSlope).toBeCloseTo((volAt(h) - volAt(-h)) / (2 * h), 7);
  });

  it('the ATM term structure is sorted by expiry', () => {
    const ts = atmTermStructure([S2, S1]);
    expect(ts.map((p) => p.expiry)).toEqual(['S1', 'S2']);
    expect(ts[0]?.atmVol).toBeCloseTo(Math.sqrt(S1.totalVariance(0) / 0.1), 15);
  });
});
