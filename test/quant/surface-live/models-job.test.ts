/**
 * The model-risk job behind the surface screen's Models tab, on an SSVI chain fitted by the app's
 * own fit job: its calibrations equal the library calls on the same surface, its smiles equal the
 * library's Heston/Merton implied vols, its per-expiry misfit is recomputed independently, the
 * book values equal direct Black-76 / COS / Poisson-series prices, the output passes the contract
 * schema, and a cancelled job throws.
 */
import { describe, expect, it } from 'vitest';
import { surfaceModelsViewSchema } from '../../../shared/contract/features/surface-models.schemas';
import { MS_PER_YEAR } from '../../../shared/domain/time';
import { impliedVolBlack76 } from '../../../shared/quant/iv/implied-vol';
import { black76Price } from '../../../shared/quant/pricing/black76';
import { CalibrationCancelledError } from '../../../shared/quant/surface/calibration-points';
import { calibrateHeston } from '../../../shared/quant/surface/heston-calibrate';
import { hestonImpliedVol, hestonPrice } from '../../../shared/quant/surface/heston-price';
import { mertonPrice } from '../../../shared/quant/surface/merton';
import { calibrateMerton } from '../../../shared/quant/surface/merton-calibrate';
import { bookSurfaceFromView } from '../../../shared/quant/surface-live/book-vols';
import { runSurfaceFitJob } from '../../../shared/quant/surface-live/fit-job';
import type { ModelBookOption } from '../../../shared/quant/surface-live/model-book';
import {
  DEFAULT_MODELS_MIN_T_YEARS,
  runSurfaceModelsJob,
  type ModelsStage,
} from '../../../shared/quant/surface-live/models-job';
import { SPOT, ssviChain } from './ssvi-chain';

const [svi] = runSurfaceFitJob({
  chain: ssviChain(0.01, [1, 7, 30, 90, 240]),
  source: 't',
  models: ['svi'],
});
if (!svi?.view) throw new Error(svi?.error ?? 'no SVI fit');
const view = svi.view;
const expiryOf = (i: number) => view.slices[i]?.expiryMs ?? NaN;
const book: ModelBookOption[] = [
  {
    positionId: 'c',
    symbol: 'BTC 30d 100k C',
    right: 'call',
    strike: 100_000,
    expiryMs: expiryOf(2),
    quantity: 10,
    multiplier: 1,
    settlement: 'inverse',
    rateAnnual: 0.04,
  },
  {
    positionId: 'p',
    symbol: 'BTC 150d 75k P',
    right: 'put',
    strike: 75_000,
    expiryMs: expiryOf(3) + 60 * 86_400_000,
    quantity: -4,
    multiplier: 1,
    settlement: 'linear',
    rateAnnual: 0.04,
  },
];
const stages: ModelsStage[] = [];
const result = runSurfaceModelsJob({ view, book }, { onStage: (s) => stages.push(s) });
const surface = bookSurfaceFromView(view).surface;

describe('surface models job', () => {
  it('calibrates exactly what calibrateHeston and calibrateMerton give on the same surface', () => {
    expect(stages).toEqual(['heston', 'merton', 'smiles', 'book']);
    expect(result.minTYears).toBe(DEFAULT_MODELS_MIN_T_YEARS);
    const minTYears = DEFAULT_MODELS_MIN_T_YEARS;
    const h = calibrateHeston(surface, { minTYears });
    const m = calibrateMerton(surface, { minTYears });
    expect(result.heston).toMatchObject({ ...h.params, rmseVolPts: h.rmseVolPts, points: 36 });
    expect(result.heston?.fellerRatio).toBeCloseTo(
      (2 * h.params.kappa * h.params.theta) / h.params.xi ** 2,
      12,
    );
    expect(result.merton).toMatchObject({ ...m.params, rmseVolPts: m.rmseVolPts, points: 36 });
    // The 1-day expiry is shown but not calibrated to.
    expect(result.slices.map((s) => s.calibrated)).toEqual([false, true, true, true, true]);
  });

  it('draws each model smile at the library implied vols and recomputes its market misfit', () => {
    const h = result.heston;
    const m = result.merton;
    if (!h || !m) throw new Error('a model failed');
    for (const s of result.slices) {
      for (const j of [0, 20, 40, 60, 80]) {
        const k = s.k[j] as number;
        expect(s.hestonIv[j]).toBeCloseTo(hestonImpliedVol(1, Math.exp(k), s.tYears, h) ?? NaN, 9);
      }
      const slice = view.slices.find((x) => x.expiry === s.expiry);
      if (!slice) throw new Error('slice missing');
      // Independently: all quotes, and those within 2 ATM standard deviations.
      const sd = Math.sqrt(surface.totalVariance(0, s.tYears));
      const acc = { all: { h: 0, m: 0, n: 0 }, core: { h: 0, m: 0, n: 0 } };
      for (const p of slice.market) {
        const eH = (hestonImpliedVol(1, Math.exp(p.k), s.tYears, h) ?? 0) - p.targetIv;
        const type = p.k < 0 ? 'put' : 'call';
        const opt = { type, forward: 1, strike: Math.exp(p.k), tYears: s.tYears } as const;
        const eM = impliedVolBlack76({ ...opt, price: mertonPrice(opt, m) }) - p.targetIv;
        for (const [name, a] of Object.entries(acc)) {
          if (name === 'core' && Math.abs(p.k) > 2 * sd) continue;
          a.h += eH * eH;
          a.m += eM * eM;
          a.n++;
        }
      }
      const r = (sq: number, n: number) => 100 * Math.sqrt(sq / n);
      expect(s.quotesCore).toBe(acc.core.n);
      expect(s.quotesCore).toBeGreaterThanOrEqual(5);
      expect(s.quotesCore).toBeLessThan(s.quotes);
      expect(s.rmseAllVolPts.heston).toBeCloseTo(r(acc.all.h, acc.all.n), 6);
      expect(s.rmseAllVolPts.merton).toBeCloseTo(r(acc.all.m, acc.all.n), 6);
      expect(s.rmseVolPts.heston).toBeCloseTo(r(acc.core.h, acc.core.n), 6);
      expect(s.rmseVolPts.merton).toBeCloseTo(r(acc.core.m, acc.core.n), 6);
      // SVI over all quotes is the fit's own RMSE.
      expect(s.rmseAllVolPts.svi).toBeCloseTo(slice.rmseVolPts, 9);
      expect(s.mertonIv.every((v) => v === null || (v > 0.05 && v < 3))).toBe(true);
    }
    // Heston bends more than constant-parameter jumps across 7 days .. 8 months on this smile.
    expect(h.rmseVolPts).toBeLessThan(m.rmseVolPts);
  });

  it('values the book under SVI, Heston and Merton in USD per position', () => {
    const h = result.heston;
    const m = result.merton;
    if (!h || !m) throw new Error('a model failed');
    expect(result.book.map((r) => r.positionId)).toEqual(['c', 'p']);
    for (const [i, o] of book.entries()) {
      const r = result.book[i];
      if (!r) throw new Error('row missing');
      const t = (o.expiryMs - view.asOfMs) / MS_PER_YEAR;
      const F = surface.forward(t);
      const df = o.settlement === 'inverse' ? SPOT / F : Math.exp(-o.rateAnnual * t);
      const scale = o.quantity * o.multiplier * df;
      const vol = surface.iv(Math.log(o.strike / F), t);
      const opt = { type: o.right, forward: F, strike: o.strike, tYears: t };
      const bs = black76Price({ ...opt, rate: 0, volAnnual: vol, discounted: false });
      expect(r.svi.valueUsd).toBeCloseTo(scale * bs, 6);
      expect(r.heston?.valueUsd).toBeCloseTo(scale * hestonPrice(opt, h), 6);
      expect(r.merton?.valueUsd).toBeCloseTo(scale * mertonPrice(opt, m), 6);
      // Vegas have the sign of the quantity and are within a factor 2 of each other.
      for (const v of [r.svi, r.heston, r.merton]) {
        expect(Math.sign(v?.vegaUsdPerVolPt ?? NaN)).toBe(Math.sign(o.quantity));
        expect(Math.abs((v?.vegaUsdPerVolPt ?? NaN) / r.svi.vegaUsdPerVolPt)).toBeGreaterThan(0.5);
        expect(Math.abs((v?.vegaUsdPerVolPt ?? NaN) / r.svi.vegaUsdPerVolPt)).toBeLessThan(2);
      }
    }
    const sum = (f: (i: number) => number) => f(0) + f(1);
    expect(result.totals.heston?.valueUsd).toBeCloseTo(
      sum((i) => result.book[i]?.heston?.valueUsd ?? NaN),
      6,
    );
    expect(result.totals.svi.vegaUsdPerVolPt).toBeCloseTo(
      sum((i) => result.book[i]?.svi.vegaUsdPerVolPt ?? NaN),
      6,
    );
  });

  it('passes the contract schema and throws when cancelled', () => {
    expect(surfaceModelsViewSchema.safeParse(result).success).toBe(true);
    let polls = 0;
    expect(() => runSurfaceModelsJob({ view, book }, { isCancelled: () => ++polls > 5 })).toThrow(
      CalibrationCancelledError,
    );
    expect(() => runSurfaceModelsJob({ view: { ...view, model: 'sabr' }, book })).toThrow(
      /arbitrage-free SVI/,
    );
  });
});
