/**
 * Monte Carlo VaR/ES of a book (single-threaded orchestration of the range kernels; the worker
 * pool runs the same kernels over path ranges and merges the P&L vectors).
 *
 * Steps: simulate factor moves for all paths and horizons (`mc-simulate.ts`); size the P&L grids
 * on the simulated range and build them once for all horizons (VaR is an instantaneous shock by
 * default, so option values do not depend on the horizon); revalue each path (`mc-revalue.ts`);
 * order-statistic VaR/ES and Euler contributions per underlying; then measure the scheme against
 * full revaluation on check paths chosen where VaR and ES are decided (`grid-check.ts`).
 */
import { buildBookGrid, type GridOptions, type GridRange } from './book-grid';
import { eulerContributionsAll, type Contribution } from './contributions';
import {
  gridApprox,
  measureApproximation,
  pickCheckPaths,
  type ApproximationError,
  type ApproxPnl,
} from './grid-check';
import type { Copula, FactorModel } from './factor-model';
import { revalueRange, type RevalEngine, type RevalScheme } from './mc-revalue';
import { simulateFactorsRange, type HorizonFactors, type KernelHooks } from './mc-simulate';
import type { Portfolio } from '../book/portfolio';
import { positionComponentsSampled } from './position-contributions';
import type { RevalBook } from './reval-rows';
import { tailMeasureSorted, type TailMeasure } from './tail-measures';
import { taylorCoefficients, taylorUnderlyingPnl } from './taylor-approx';

export interface McVarOptions {
  paths?: number;
  horizonsDays?: number[];
  confidences?: number[];
  seed?: number;
  scheme?: RevalScheme;
  grid?: GridOptions;
  /** Check paths per VaR rank, in the far tail and spread over the rest (defaults 6, 6, 6). */
  check?: { perRank?: number; tail?: number; spread?: number };
  /** Incremental VaR per underlying (default true). */
  incremental?: boolean;
  keepPnl?: boolean;
  /** Also estimate per-position components on the tail (`position-contributions.ts`). */
  byPosition?: Portfolio;
  hooks?: KernelHooks;
  /** Clock in ms for `timingsMs` (pure code reads no clock itself); without it timings are 0. */
  clock?: () => number;
}

export interface McHorizonResult {
  horizonDays: number;
  results: TailMeasure[];
  contributions: { confidence: number; byUnderlying: Contribution[] }[];
  /** Tail-sampled components per position (incrementalVar not computed: 0). */
  positionContributions?: {
    confidence: number;
    byPosition: Contribution[];
    sampledScenarios: number;
  }[];
  approximationError?: ApproximationError;
  pnl?: Float64Array;
}

export interface McVarResult {
  method: 'montecarlo';
  paths: number;
  seed: number;
  scheme: RevalScheme;
  copula: Copula;
  horizons: McHorizonResult[];
  /** Worst (largest relative bound) approximation error over the horizons; absent for 'full'. */
  approximationError?: ApproximationError;
  modelNotes: string[];
  timingsMs: Record<string, number>;
}

/** Scenario range of each underlying over every horizon, for sizing the grids. */
export function factorRanges(factors: readonly HorizonFactors[], nU: number): GridRange[] {
  return Array.from({ length: nU }, (_, u) => {
    const r = { xMin: 0, xMax: 0, vMin: 0, vMax: 0 };
    for (const f of factors) {
      for (let i = u; i < f.x.length; i += nU) {
        const x = f.x[i] as number;
        const v = f.v[i] as number;
        if (x < r.xMin) r.xMin = x;
        if (x > r.xMax) r.xMax = x;
        if (v < r.vMin) r.vMin = v;
        if (v > r.vMax) r.vMax = v;
      }
    }
    return r;
  });
}

export function monteCarloVar(
  book: RevalBook,
  model: FactorModel,
  options: McVarOptions = {},
): McVarResult {
  const paths = options.paths ?? 100_000;
  const horizons = options.horizonsDays ?? [1, 10];
  const confidences = options.confidences ?? [0.95, 0.99];
  const seed = options.seed ?? 1;
  const scheme = options.scheme ?? 'grid';
  const nU = book.underlyings.length;
  if (model.underlyings.join('|') !== book.underlyings.join('|')) {
    throw new RangeError('factor model and book have different underlyings');
  }
  if (!(Number.isInteger(paths) && paths >= 100))
    throw new RangeError(`paths must be an integer >= 100, got ${paths}`);
  const now = options.clock ?? (() => 0);
  const timingsMs: Record<string, number> = {};
  let t = now();
  const factors = simulateFactorsRange(model, horizons, seed, 0, paths, options.hooks);
  timingsMs.simulate = now() - t;
  t = now();
  let engine: RevalEngine;
  let approx: ApproxPnl | undefined;
  if (scheme === 'grid') {
    const grid = buildBookGrid(book, factorRanges(factors, nU), options.grid);
    engine = { scheme, grid };
    approx = gridApprox(grid);
  } else if (scheme === 'delta-gamma-vega') {
    const taylor = taylorCoefficients(book);
    engine = { scheme, taylor };
    approx = (u, x, v) => taylorUnderlyingPnl(taylor, u, x, v);
  } else {
    engine = { scheme, book, move: { volAddAbs: 0, rateShift: 0, dtYears: 0 } };
  }
  timingsMs.prepare = now() - t;
  timingsMs.revalue = 0;
  timingsMs.measures = 0;
  timingsMs.check = 0;
  const check = options.check ?? {};
  const out: McHorizonResult[] = factors.map((f) => {
    let t0 = now();
    const total = new Float64Array(paths);
    const parts = new Float64Array(paths * nU);
    revalueRange(engine, f, nU, total, parts, options.hooks);
    timingsMs.revalue = (timingsMs.revalue as number) + now() - t0;
    t0 = now();
    const losses = total.map((p) => -p);
    const sorted = losses.slice().sort();
    const results = confidences.map((a) => tailMeasureSorted(sorted, a));
    const res: McHorizonResult = {
      horizonDays: f.horizonDays,
      results,
      contributions: eulerContributionsAll(
        total,
        { names: book.underlyings, pnl: parts },
        confidences,
        undefined,
        options.incremental ?? true,
      ),
    };
    if (options.keepPnl) res.pnl = total;
    if (options.byPosition) {
      res.positionContributions = positionComponentsSampled(
        book,
        options.byPosition,
        f.x,
        f.v,
        total,
        results,
      );
    }
    timingsMs.measures = (timingsMs.measures as number) + now() - t0;
    if (approx) {
      t0 = now();
      const paths = pickCheckPaths(
        losses,
        sorted,
        confidences,
        check.perRank ?? 6,
        check.tail ?? 6,
        check.spread ?? 6,
      );
      const err = measureApproximation(
        book,
        approx,
        scheme === 'grid' ? 'grid-bicubic' : scheme,
        { nU, x: f.x, v: f.v },
        paths,
        {
          volAddAbs: 0,
          rateShift: 0,
          dtYears: 0,
        },
      );
      const minVar = Math.min(...results.map((r) => Math.abs(r.var)));
      res.approximationError = {
        ...err,
        varErrorBoundRelative: minVar > 0 ? err.varErrorBoundUsd / minVar : 0,
      };
      timingsMs.check = (timingsMs.check as number) + now() - t0;
    }
    return res;
  });
  const result: McVarResult = {
    method: 'montecarlo',
    paths,
    seed,
    scheme,
    copula: model.copula,
    horizons: out,
    modelNotes: model.notes,
    timingsMs,
  };
  const worst = out
    .map((h) => h.approximationError)
    .filter((e): e is ApproximationError => e !== undefined)
    .sort((a, b) => b.varErrorBoundRelative - a.varErrorBoundRelative)[0];
  if (worst) result.approximationError = worst;
  return result;
}
