import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { black76Price } from '../../../shared/quant/pricing/black76';
import { cx } from '../../../shared/quant/surface/complex';
import { parseDeribitChainCsv } from '../../../shared/quant/surface/deribit-chain';
import { fitChain } from '../../../shared/quant/surface/fit-chain';
import {
  fellerRatio,
  hestonLogCf,
  hestonLogCfReal,
  hestonParamsProblem,
  type HestonParams,
} from '../../../shared/quant/surface/heston';
import { calibrateHeston } from '../../../shared/quant/surface/heston-calibrate';
import {
  hestonImpliedVol,
  hestonPrice,
  hestonSmile,
} from '../../../shared/quant/surface/heston-price';
import { buildSurface } from '../../../shared/quant/surface/surface';

/** Fang & Oosterlee (2008) test set: S0 = K = 100, r = q = 0. */
const FO: HestonParams = { v0: 0.0175, kappa: 1.5768, theta: 0.0398, xi: 0.5751, rho: -0.5711 };
/** Lewis (2000) test set: S0 = 100, r = 1%, q = 2%, T = 1. */
const LEWIS: HestonParams = { v0: 0.04, kappa: 4, theta: 0.25, xi: 1, rho: -0.5 };

describe('Heston pricing (little-trap characteristic function, COS)', () => {
  it("matches Fang-Oosterlee's reference prices (T = 1 and T = 10)", () => {
    // Published: 5.785155450 and 22.318945791474590. Recomputed here at 30 digits with mpmath
    // (Lewis' single-integral formula): 5.785155434376189 and 22.318945791154490.
    const p1 = hestonPrice({ type: 'call', forward: 100, strike: 100, tYears: 1 }, FO);
    expect(Math.abs(p1 - 5.785155434376189)).toBeLessThan(1e-8);
    expect(Math.abs(p1 - 5.78515545)).toBeLessThan(3e-8);
    const p10 = hestonPrice({ type: 'call', forward: 100, strike: 100, tYears: 10 }, FO);
    expect(Math.abs(p10 - 22.31894579115449)).toBeLessThan(1e-9);
    expect(Math.abs(p10 - 22.31894579147459)).toBeLessThan(1e-9);
  });

  it("matches Lewis' five calls (K = 80..120) to 1e-9", () => {
    const refs = [
      26.774758743998856, 20.93334900059671, 16.070154917028834, 12.132211516709845,
      9.024913483457835,
    ];
    const r = 0.01;
    const q = 0.02;
    const forward = 100 * Math.exp(r - q);
    [80, 90, 100, 110, 120].forEach((strike, i) => {
      const c = hestonPrice(
        { type: 'call', forward, strike, tYears: 1, discountFactor: Math.exp(-r) },
        LEWIS,
      );
      expect(Math.abs(c - (refs[i] as number))).toBeLessThan(1e-9);
    });
  });

  it('the allocation-free characteristic function equals the complex-object one', () => {
    const out = new Float64Array(2);
    for (const p of [
      FO,
      LEWIS,
      { ...FO, xi: 0 },
      { v0: 0.5, kappa: 3, theta: 0.65, xi: 2.2, rho: 0.3 },
    ]) {
      for (const T of [0.003, 0.5, 10]) {
        for (let u = 0; u < 500; u += 0.73) {
          const a = hestonLogCf(cx(u), T, p);
          hestonLogCfReal(u, T, p, out);
          const scale = 1 + Math.hypot(a.re, a.im);
          expect(Math.abs(a.re - (out[0] as number)) / scale).toBeLessThan(1e-14);
          expect(Math.abs(a.im - (out[1] as number)) / scale).toBeLessThan(1e-14);
        }
      }
    }
  });

  it('the forward is a martingale: ln phi(-i) = 0', () => {
    for (const p of [FO, LEWIS]) {
      const l = hestonLogCf({ re: 0, im: -1 }, 2, p);
      expect(Math.abs(l.re)).toBeLessThan(1e-14);
      expect(Math.abs(l.im)).toBeLessThan(1e-14);
    }
  });

  it('reduces to Black-76 on the integrated variance as xi -> 0, with no numerical floor', () => {
    const T = 0.75;
    const price = (xi: number, type: 'call' | 'put', strike: number): number =>
      hestonPrice(
        { type, forward: 100, strike, tYears: T },
        { v0: 0.09, kappa: 2, theta: 0.04, xi, rho: -0.4 },
      );
    const totalVar = 0.04 * T + ((0.09 - 0.04) * (1 - Math.exp(-2 * T))) / 2;
    const vol = Math.sqrt(totalVar / T);
    for (const strike of [60, 90, 100, 115, 160]) {
      for (const type of ['call', 'put'] as const) {
        const b = black76Price({
          type,
          forward: 100,
          strike,
          tYears: T,
          rate: 0,
          volAnnual: vol,
          discounted: false,
        });
        expect(Math.abs(price(0, type, strike) - b)).toBeLessThan(1e-9);
        // The gap is first order in xi (the rho * xi vanna term): it must shrink 100x from 1e-4 to 1e-6.
        const ratio = (price(1e-4, type, strike) - b) / (price(1e-6, type, strike) - b);
        expect(ratio).toBeGreaterThan(99);
        expect(ratio).toBeLessThan(101);
      }
    }
  });

  it('satisfies put-call parity and reports Feller', () => {
    const c = hestonPrice({ type: 'call', forward: 100, strike: 90, tYears: 0.5 }, LEWIS);
    const pt = hestonPrice({ type: 'put', forward: 100, strike: 90, tYears: 0.5 }, LEWIS);
    expect(c - pt).toBeCloseTo(10, 10);
    expect(fellerRatio(LEWIS)).toBeCloseTo(2, 14); // 2 * 4 * 0.25 / 1
    expect(fellerRatio(FO)).toBeLessThan(1);
    expect(hestonParamsProblem(LEWIS)).toBeUndefined();
    expect(hestonParamsProblem({ ...LEWIS, rho: 1 })).toMatch(/rho/);
  });
});

describe('Heston calibration to a surface', () => {
  it('recovers the parameters of a surface generated by Heston', () => {
    const truth: HestonParams = { v0: 0.5, kappa: 3, theta: 0.65, xi: 2.2, rho: -0.25 };
    const slices = [0.05, 0.15, 0.4, 0.8].map((t, i) =>
      hestonSmile({ expiry: `E${i}`, expiryMs: 0, tYears: t, forward: 1 }, truth),
    );
    const r = calibrateHeston(buildSurface(slices));
    expect(r.rmseVolPts).toBeLessThan(1e-4);
    expect(Math.abs(r.params.v0 / truth.v0 - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.params.kappa / truth.kappa - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.params.theta / truth.theta - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.params.xi / truth.xi - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.params.rho - truth.rho)).toBeLessThan(1e-4);
    expect(r.feller.satisfied).toBe(false); // 2 * 3 * 0.65 < 2.2^2
  });

  it('calibrates to the fitted 2020-05-14 Deribit surface (expiries >= 1 week) and reports the misfit', () => {
    const { chain } = parseDeribitChainCsv(
      readFileSync(
        `${process.cwd()}/test/fixtures/data/deribit_btc_options_2020-05-14_raw.csv`,
        'utf8',
      ),
    );
    const surface = buildSurface(fitChain(chain).expiries.map((e) => e.slice));
    const r = calibrateHeston(surface, { minTYears: 7 / 365 });
    expect(r.points).toBe(45);
    // Measured 3.0 vol points: Heston cannot bend enough over one to four weeks on this smile;
    // it is a model-risk comparison beside SVI, not a replacement.
    expect(r.rmseVolPts).toBeLessThan(4);
    expect(Number.isFinite(r.feller.ratio)).toBe(true);
    const iv = hestonImpliedVol(1, 1, 0.25, r.params);
    expect(iv).toBeGreaterThan(0.5);
    expect(iv).toBeLessThan(1.2);
  });
});
