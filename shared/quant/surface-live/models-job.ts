/**
 * The model-risk job the compute workers run every few minutes per underlying (and on demand):
 * calibrate Heston and Merton to the latest arbitrage-free SVI surface, draw both smiles over
 * SVI's on every fitted expiry with each model's miss against the market, and value the book's
 * options under the three models. One model failing does not lose the other; cancellation is
 * polled inside both calibrations and between stages (it throws CalibrationCancelledError).
 */
import type { SurfaceFitView } from '../../domain/vol-surface';
import type { ModelSmileView, SurfaceModelsView } from '../../domain/vol-models';
import { CalibrationCancelledError, Z_MAX } from '../surface/calibration-points';
import { calibrateHeston } from '../surface/heston-calibrate';
import { calibrateMerton } from '../surface/merton-calibrate';
import { bookSurfaceFromView } from './book-vols';
import { modelRiskRows, modelRiskTotals, type ModelBookOption } from './model-book';
import { hestonSmileVols, marketRmseVolPts, mertonSmileVols } from './model-smiles';

export interface SurfaceModelsJob {
  /** The arbitrage-free SVI fit the models are calibrated to. */
  view: SurfaceFitView;
  /** The book's options on this underlying. */
  book: readonly ModelBookOption[];
  /** Expiries shorter than this are left out of both calibrations (default 2 days). */
  minTYears?: number;
}

export type ModelsStage = 'heston' | 'merton' | 'smiles' | 'book';
export const MODELS_STAGES: readonly ModelsStage[] = ['heston', 'merton', 'smiles', 'book'];

export interface ModelsJobHooks {
  clockMs?: () => number;
  isCancelled?: () => boolean;
  /** Called as each stage starts. */
  onStage?: (stage: ModelsStage) => void;
}

export const DEFAULT_MODELS_MIN_T_YEARS = 2 / 365;

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function runSurfaceModelsJob(
  job: SurfaceModelsJob,
  hooks: ModelsJobHooks = {},
): SurfaceModelsView {
  const clock = hooks.clockMs ?? (() => 0);
  const isCancelled = hooks.isCancelled ?? (() => false);
  const stage = (s: ModelsStage) => {
    if (isCancelled()) throw new CalibrationCancelledError('cancelled');
    hooks.onStage?.(s);
  };
  const { view } = job;
  if (view.model !== 'svi') throw new RangeError('models: calibrate to the arbitrage-free SVI fit');
  const started = clock();
  const minTYears = job.minTYears ?? DEFAULT_MODELS_MIN_T_YEARS;
  const { surface } = bookSurfaceFromView(view);
  const out: SurfaceModelsView = {
    underlying: view.underlying,
    fitAsOfMs: view.asOfMs,
    source: view.source,
    spot: view.spot,
    minTYears,
    slices: [],
    book: [],
    totals: { svi: { valueUsd: 0, vegaUsdPerVolPt: 0 } },
    computeMs: 0,
  };

  stage('heston');
  try {
    const t0 = clock();
    const h = calibrateHeston(surface, { minTYears, isCancelled });
    out.heston = {
      ...h.params,
      fellerRatio: h.feller.ratio,
      fellerSatisfied: h.feller.satisfied,
      rmseVolPts: h.rmseVolPts,
      maxAbsErrVolPts: h.maxAbsErrVolPts,
      points: h.points,
      evals: h.evals,
      calibMs: clock() - t0,
    };
  } catch (err) {
    if (err instanceof CalibrationCancelledError) throw err;
    out.hestonError = message(err);
  }

  stage('merton');
  try {
    const t0 = clock();
    const m = calibrateMerton(surface, { minTYears, isCancelled });
    out.merton = {
      ...m.params,
      rmseVolPts: m.rmseVolPts,
      maxAbsErrVolPts: m.maxAbsErrVolPts,
      points: m.points,
      evals: m.evals,
      calibMs: clock() - t0,
    };
  } catch (err) {
    if (err instanceof CalibrationCancelledError) throw err;
    out.mertonError = message(err);
  }

  stage('smiles');
  const { heston, merton } = out;
  out.slices = view.slices.map((s): ModelSmileView => {
    const marketK = s.market.map((p) => p.k);
    const hAll = heston ? hestonSmileVols(heston, s.tYears, [...s.curve.k, ...marketK]) : [];
    const mAll = merton ? mertonSmileVols(merton, s.tYears, [...s.curve.k, ...marketK]) : [];
    const n = s.curve.k.length;
    const sviVols = s.market.map((p) => p.fitIv);
    // The calibration's domain at this expiry: within Z_MAX ATM standard deviations.
    const kMax = Z_MAX * Math.sqrt(surface.totalVariance(0, s.tYears));
    const core = (p: { k: number }) => Math.abs(p.k) <= kMax;
    const rmse = (keep: (p: { k: number }) => boolean) => ({
      svi: marketRmseVolPts(s.market, sviVols, keep),
      heston: heston ? marketRmseVolPts(s.market, hAll.slice(n), keep) : undefined,
      merton: merton ? marketRmseVolPts(s.market, mAll.slice(n), keep) : undefined,
    });
    return {
      expiry: s.expiry,
      expiryMs: s.expiryMs,
      tYears: s.tYears,
      forward: s.forward,
      calibrated: s.tYears >= minTYears,
      k: s.curve.k,
      strike: s.curve.strike,
      sviIv: s.curve.iv,
      hestonIv: heston ? hAll.slice(0, n) : s.curve.k.map(() => null),
      mertonIv: merton ? mAll.slice(0, n) : s.curve.k.map(() => null),
      rmseVolPts: rmse(core),
      rmseAllVolPts: rmse(() => true),
      quotes: s.market.length,
      quotesCore: s.market.filter(core).length,
    };
  });

  stage('book');
  out.book = modelRiskRows({
    surface,
    asOfMs: view.asOfMs,
    spot: view.spot,
    options: job.book,
    heston,
    merton,
  });
  out.totals = {
    svi: modelRiskTotals(out.book, (r) => r.svi) ?? { valueUsd: 0, vegaUsdPerVolPt: 0 },
    heston: heston ? modelRiskTotals(out.book, (r) => r.heston) : undefined,
    merton: merton ? modelRiskTotals(out.book, (r) => r.merton) : undefined,
  };
  out.computeMs = clock() - started;
  return out;
}
