/**
 * Historical-simulation VaR/ES of a book by revaluation of every position under each past day's
 * moves (`historical-scenarios.ts`): spots move by the day's (h-day) log returns, vols and
 * rates stay (the book history holds closes only; vol risk is in Monte Carlo and stress).
 *
 * Revaluation: 'full' prices every option row at every scenario with the library pricers;
 * 'grid' reads per-underlying 1-D P&L grids over the scenario range (`book-grid.ts`) and then
 * checks a sample of scenarios against full revaluation (`approximationError`).
 * Weighting: 'equal' (order statistic) or 'ewma' (age weights lambda^age on the ordered losses,
 * most recent scenario heaviest; lambda in [0.94, 0.99] is usual).
 * Results are USD losses (positive = loss); contributions split them by underlying.
 */
import type { DailyCloseSeries } from '../../domain/book-file';
import type { Portfolio } from '../book/portfolio';
import { positionContributionsExact } from './position-contributions';
import { buildBookGrid } from './book-grid';
import { eulerContributionsAll, type Contribution } from './contributions';
import {
  pickCheckPaths,
  gridApprox,
  measureApproximation,
  type ApproximationError,
} from './grid-check';
import type { HistoryGap } from './history-align';
import {
  historicalScenarioSet,
  horizonMoves,
  type HistoricalScenarioOptions,
  type HorizonScaling,
} from './historical-scenarios';
import { NO_MOVE, underlyingPnlExact, type RevalBook } from './reval-rows';
import { ewmaAgeWeights, varEsFromPnl, weightedVarEs, type TailMeasure } from './tail-measures';
import type { VolFilter } from './vol-filter';

export interface HistoricalVarOptions extends HistoricalScenarioOptions {
  horizonsDays?: number[];
  confidences?: number[];
  weighting?: 'equal' | 'ewma';
  /** Age-weight decay for `weighting: 'ewma'` (default 0.97). */
  weightLambda?: number;
  revaluation?: 'full' | 'grid';
  /** Spot nodes of the 1-D grids (default 129). */
  gridNodes?: number;
  /** Keep the P&L of every scenario in the result (histograms). */
  keepScenarioPnl?: boolean;
  /** Also split VaR/ES by position (exact: every position revalued on every scenario). */
  byPosition?: Portfolio;
}

export interface HistoricalHorizonResult {
  horizonDays: number;
  scenarios: number;
  results: TailMeasure[];
  contributions: { confidence: number; byUnderlying: Contribution[] }[];
  positionContributions?: { confidence: number; byPosition: Contribution[] }[];
  scenarioPnl?: Float64Array;
  scenarioEndDayMs?: number[];
  approximationError?: ApproximationError;
}

export interface HistoricalVarResult {
  method: 'historical';
  windowDays: number;
  weighting: 'equal' | 'ewma';
  weightLambda?: number;
  filter: VolFilter;
  scaling: HorizonScaling;
  revaluation: 'full' | 'grid';
  fromDayMs: number;
  toDayMs: number;
  horizons: HistoricalHorizonResult[];
  gaps: HistoryGap[];
  droppedDays: Record<string, number>;
}

/** P&L of each underlying in each scenario: out[s * nU + u]. */
function scenarioPnlByUnderlying(
  book: RevalBook,
  x: Float64Array,
  n: number,
  revaluation: 'full' | 'grid',
  gridNodes: number,
): { parts: Float64Array; approx?: (u: number, x: number) => number } {
  const nU = book.underlyings.length;
  const parts = new Float64Array(n * nU);
  if (revaluation === 'full') {
    const move = { ...NO_MOVE };
    for (let s = 0; s < n; s++) {
      for (let u = 0; u < nU; u++) {
        move.x = x[s * nU + u] as number;
        parts[s * nU + u] = underlyingPnlExact(book, u, move);
      }
    }
    return { parts };
  }
  const ranges = book.underlyings.map((_, u) => {
    let lo = 0;
    let hi = 0;
    for (let s = 0; s < n; s++) {
      lo = Math.min(lo, x[s * nU + u] as number);
      hi = Math.max(hi, x[s * nU + u] as number);
    }
    return { xMin: lo, xMax: hi, vMin: 0, vMax: 0 };
  });
  const grid = buildBookGrid(book, ranges, { nXi: gridNodes, nV: 1 });
  const approx = gridApprox(grid);
  for (let s = 0; s < n; s++)
    for (let u = 0; u < nU; u++) parts[s * nU + u] = approx(u, x[s * nU + u] as number, 0);
  return { parts, approx: (u, xu) => approx(u, xu, 0) };
}

export function historicalVar(
  book: RevalBook,
  history: readonly DailyCloseSeries[] | undefined,
  options: HistoricalVarOptions = {},
): HistoricalVarResult {
  const horizons = options.horizonsDays ?? [1];
  const confidences = options.confidences ?? [0.95, 0.99];
  const weighting = options.weighting ?? 'equal';
  const lambda = options.weightLambda ?? 0.97;
  const revaluation = options.revaluation ?? 'full';
  const scaling = options.scaling ?? 'overlapping';
  const set = historicalScenarioSet(history, book.underlyings, options);
  const nU = book.underlyings.length;
  const out: HistoricalHorizonResult[] = horizons.map((h) => {
    const mv = horizonMoves(set, h, scaling);
    const { parts, approx } = scenarioPnlByUnderlying(
      book,
      mv.x,
      mv.n,
      revaluation,
      options.gridNodes ?? 129,
    );
    const total = new Float64Array(mv.n);
    for (let s = 0; s < mv.n; s++) {
      let t = 0;
      for (let u = 0; u < nU; u++) t += parts[s * nU + u] as number;
      total[s] = t;
    }
    const weights = weighting === 'ewma' ? ewmaAgeWeights(mv.n, lambda) : undefined;
    const results = weights
      ? weightedVarEs(
          total.map((p) => -p),
          weights,
          confidences,
        )
      : varEsFromPnl(total, confidences);
    const res: HistoricalHorizonResult = {
      horizonDays: h,
      scenarios: mv.n,
      results,
      contributions: eulerContributionsAll(
        total,
        { names: book.underlyings, pnl: parts },
        confidences,
        weights,
      ),
    };
    if (options.byPosition) {
      res.positionContributions = positionContributionsExact(
        book,
        options.byPosition,
        mv.x,
        mv.n,
        confidences,
        weights,
      );
    }
    if (options.keepScenarioPnl) {
      res.scenarioPnl = total;
      res.scenarioEndDayMs = mv.endDayMs;
    }
    if (approx) {
      // Check scenarios where VaR/ES are decided: around each VaR rank, the worst, a spread.
      const losses = total.map((p) => -p);
      const check = pickCheckPaths(losses, losses.slice().sort(), confidences, 4, 4, 4);
      const err = measureApproximation(
        book,
        (u, x) => approx(u, x),
        'grid-bicubic',
        { nU, x: mv.x, v: new Float64Array(mv.x.length) },
        check,
        NO_MOVE,
      );
      const minVar = Math.min(...results.map((r) => Math.abs(r.var)));
      res.approximationError = {
        ...err,
        varErrorBoundRelative: minVar > 0 ? err.varErrorBoundUsd / minVar : 0,
      };
    }
    return res;
  });
  const result: HistoricalVarResult = {
    method: 'historical',
    windowDays: set.windowDays,
    weighting,
    filter: options.filter ?? 'none',
    scaling,
    revaluation,
    fromDayMs: set.dayMs[0] as number,
    toDayMs: set.dayMs[set.dayMs.length - 1] as number,
    horizons: out,
    gaps: set.gaps,
    droppedDays: set.droppedDays,
  };
  if (weighting === 'ewma') result.weightLambda = lambda;
  return result;
}
