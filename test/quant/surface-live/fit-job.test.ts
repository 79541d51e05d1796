/**
 * The surface job behind the app: an SSVI chain (exact SVI slices) fitted and turned into the
 * screen's view, 3D grid and constant-maturity metrics, checked against the SSVI truth, the
 * contract schemas and the fitter's own slice functions.
 */
import { describe, expect, it } from 'vitest';
import {
  surfaceFitViewSchema,
  surfaceGridSchema,
} from '../../../shared/contract/features/surface.api';
import { normInv } from '../../../shared/quant/math/normal';
import {
  runSurfaceFitJob,
  type SurfaceFitOutcome,
} from '../../../shared/quant/surface-live/fit-job';
import { ssviChain, ssviVol, theta, DAYS } from './ssvi-chain';

function only(outcomes: SurfaceFitOutcome[], model: 'svi' | 'sabr') {
  const o = outcomes.find((x) => x.model === model);
  if (!o?.view || !o.grid) throw new Error(`${model}: ${o?.error ?? 'missing'}`);
  return { view: o.view, grid: o.grid };
}

function allFinite(value: unknown, path = 'view'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => allFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => allFinite(v, `${path}.${k}`));
  return [];
}

const outcomes = runSurfaceFitJob(
  {
    chain: ssviChain(),
    source: 'test',
    models: ['svi', 'sabr'],
    tenorsDays: [7, 30, 45, 240, 365],
  },
  (() => {
    let t = 0;
    return () => (t += 2);
  })(),
);
const { view, grid } = only(outcomes, 'svi');

describe('surface fit job on an SSVI chain', () => {
  it('recovers every SSVI slice with SVI to a hundredth of a vol point', () => {
    expect(view.slices.map((s) => Math.round(s.tYears * 365))).toEqual(DAYS);
    for (const s of view.slices) {
      expect(s.rmseVolPts).toBeLessThan(0.01);
      expect(s.insideBidAsk).toBe(1);
      for (const p of s.market)
        expect(Math.abs(p.fitIv - ssviVol(p.k, s.tYears))).toBeLessThan(1e-4);
      s.curve.k.forEach((k, i) =>
        expect(Math.abs((s.curve.iv[i] ?? NaN) - ssviVol(k, s.tYears))).toBeLessThan(2e-4),
      );
      for (const p of s.market) expect(Math.abs(p.residualVolPts)).toBeLessThan(0.02);
    }
    expect(view.summary.rmseVolPts).toBeLessThan(0.01);
    expect(view.summary.quotes).toBe(DAYS.length * 21);
    expect(view.fitMs).toBe(2);
    expect(view.arbitrageFree).toBe(true);
  });

  it('reports no butterfly or calendar arbitrage on an arbitrage-free surface', () => {
    expect(view.arbitrage.butterflyMinG).toBeGreaterThan(0);
    expect(view.arbitrage.butterflySlices).toBe(0);
    expect(view.arbitrage.calendar).toEqual([]);
    for (const s of view.slices) expect(s.negativeG).toEqual([]);
  });

  it('gives ATM vol, skew and 25-delta metrics that match SSVI', () => {
    for (const s of view.slices) {
      const m = s.metrics;
      if (!m) throw new Error(`no metrics for ${s.expiry}`);
      expect(m.atmVol).toBeCloseTo(Math.sqrt(theta(s.tYears) / s.tYears), 5);
      const h = 1e-4;
      const skew = (ssviVol(h, s.tYears) - ssviVol(-h, s.tYears)) / (2 * h);
      expect(m.skewSlope).toBeCloseTo(skew, 3);
      // rho < 0: puts richer than calls.
      expect(m.rr25).toBeLessThan(0);
      expect(m.rr25).toBeCloseTo(m.vol25Call - m.vol25Put, 12);
      expect(m.bf25).toBeCloseTo((m.vol25Call + m.vol25Put) / 2 - m.atmVol, 12);
      // The 25-delta call strike solves N(d1) = 0.25 on the SSVI smile itself.
      const w = (k: number) => ssviVol(k, s.tYears) ** 2 * s.tYears;
      let lo = 0;
      let hi = 3;
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        const d1 = -mid / Math.sqrt(w(mid)) + Math.sqrt(w(mid)) / 2;
        if (d1 > normInv(0.25)) lo = mid;
        else hi = mid;
      }
      expect(m.vol25Call).toBeCloseTo(ssviVol(lo, s.tYears), 4);
    }
    expect(view.atmTerm.map((p) => p.atmVol)).toEqual(view.slices.map((s) => s.metrics?.atmVol));
  });

  it('reads constant-maturity tenors off the surface, exact at an expiry, none beyond the chain', () => {
    expect(view.tenors.map((t) => t.tenorDays)).toEqual([7, 30, 45, 240]);
    const at30 = view.tenors.find((t) => t.tenorDays === 30);
    const s30 = view.slices.find((s) => Math.round(s.tYears * 365) === 30)?.metrics;
    expect(at30?.atmVol).toBeCloseTo(s30?.atmVol ?? NaN, 10);
    expect(at30?.rr25).toBeCloseTo(s30?.rr25 ?? NaN, 10);
    // 45 days lies between the 30- and 60-day slices in total variance.
    const t45 = 45 / 365;
    const w30 = theta(30 / 365);
    const w60 = theta(60 / 365);
    const w45 = w30 + ((w60 - w30) * (45 - 30)) / 30;
    expect(view.tenors.find((t) => t.tenorDays === 45)?.atmVol).toBeCloseTo(
      Math.sqrt(w45 / t45),
      5,
    );
  });

  it('builds a 3D grid whose expiry rows are the fitted smiles over the quoted strikes', () => {
    expect(grid.days.length).toBe(DAYS.length + 3 * (DAYS.length - 1));
    for (const s of view.slices) {
      const row = grid.days.findIndex((d) => Math.abs(d - s.tYears * 365) < 1e-9);
      expect(row).toBeGreaterThanOrEqual(0);
      const m = grid.moneyness[row] ?? [];
      const iv = grid.iv[row] ?? [];
      expect(m).toHaveLength(41);
      const kLo = Math.min(...s.market.map((p) => p.k));
      const kHi = Math.max(...s.market.map((p) => p.k));
      expect(Math.log(m[0] ?? NaN)).toBeCloseTo(kLo, 12);
      expect(Math.log(m[40] ?? NaN)).toBeCloseTo(kHi, 12);
      m.forEach((x, c) => expect(iv[c]).toBeCloseTo(ssviVol(Math.log(x), s.tYears), 4));
    }
    expect(grid.market.iv).toHaveLength(view.summary.quotes);
    expect(allFinite(grid, 'grid')).toEqual([]);
  });

  it('produces only finite numbers and satisfies the contract schemas', () => {
    expect(allFinite(view)).toEqual([]);
    expect(surfaceFitViewSchema.safeParse(view).success).toBe(true);
    expect(surfaceGridSchema.safeParse(grid).success).toBe(true);
  });

  it('fits SABR beside SVI with a finite, larger miss on SSVI', () => {
    const sabr = only(outcomes, 'sabr').view;
    expect(sabr.arbitrageFree).toBe(false);
    expect(Object.keys(sabr.slices[0]?.params ?? {}).sort()).toEqual([
      'alpha',
      'beta',
      'nu',
      'rho',
    ]);
    expect(sabr.summary.rmseVolPts).toBeGreaterThan(view.summary.rmseVolPts);
    expect(sabr.summary.rmseVolPts).toBeLessThan(5);
    expect(allFinite(sabr)).toEqual([]);
  });

  it('lists an unusable expiry with its reason and still fits the others', () => {
    const chain = ssviChain();
    const thin = chain.expiries[1];
    if (!thin) throw new Error('fixture');
    thin.quotes = thin.quotes.slice(9, 12);
    const [o] = runSurfaceFitJob({ chain, source: 'test', models: ['svi'] });
    expect(o?.view?.slices).toHaveLength(DAYS.length - 1);
    expect(o?.view?.unusable).toEqual([
      { expiry: thin.expiry, reason: expect.stringMatching(/only 3 usable strikes/) },
    ]);
  });

  it('reports an error, not a throw, when no expiry is usable, and stops when cancelled', () => {
    const chain = ssviChain();
    for (const e of chain.expiries) e.quotes = e.quotes.map((q) => ({ ...q, bidIv: 0 }));
    const [o] = runSurfaceFitJob({ chain, source: 'test', models: ['svi'] });
    expect(o?.view).toBeUndefined();
    expect(o?.error).toMatch(/no usable expiry.*no bid/);
    expect(
      runSurfaceFitJob(
        { chain: ssviChain(), source: 'test', models: ['svi', 'sabr'] },
        undefined,
        () => true,
      ),
    ).toEqual([]);
  });
});
