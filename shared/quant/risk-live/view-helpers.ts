/**
 * Small converters from the risk library's results to the plain views of `risk-views.ts`:
 * VaR cells, contribution sets, P&L histograms and the approximation summary.
 */
import type { Contribution } from '../risk/contributions';
import type { ApproximationError } from '../risk/grid-check';
import { varRank, type TailMeasure } from '../risk/tail-measures';
import type {
  ApproximationView,
  ContributionSet,
  ContributionView,
  PnlHistogram,
  VarCell,
} from './risk-views';

export const HISTOGRAM_BINS = 60;

export function cellsOf(horizonDays: number, measures: readonly TailMeasure[]): VarCell[] {
  return measures.map((m) => ({
    horizonDays,
    confidence: m.confidence,
    varUsd: m.var,
    esUsd: m.es,
  }));
}

export function contributionViews(
  list: readonly Contribution[],
  withIncremental: boolean,
): ContributionView[] {
  return list.map((c) => ({
    name: c.name,
    componentVarUsd: c.componentVar,
    componentEsUsd: c.componentEs,
    incrementalVarUsd: withIncremental ? c.incrementalVar : null,
  }));
}

/** One contribution set per confidence of a horizon (positions matched by confidence order). */
export function contributionSets(
  horizonDays: number,
  byUnderlying: readonly { confidence: number; byUnderlying: Contribution[] }[],
  byPosition: readonly { confidence: number; byPosition: Contribution[] }[] | undefined,
  positionIncremental: boolean,
): ContributionSet[] {
  return byUnderlying.map((c, i) => ({
    horizonDays,
    confidence: c.confidence,
    byUnderlying: contributionViews(c.byUnderlying, true),
    byPosition: contributionViews(byPosition?.[i]?.byPosition ?? [], positionIncremental),
  }));
}

/** Equal-width histogram of a P&L sample over its full range. */
export function pnlHistogram(
  horizonDays: number,
  pnl: ArrayLike<number>,
  bins = HISTOGRAM_BINS,
): PnlHistogram {
  const n = pnl.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = pnl[i] as number;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  if (n === 0) return { horizonDays, loUsd: 0, binWidthUsd: 1, counts: [], scenarios: 0 };
  const width = hi > lo ? (hi - lo) / bins : Math.max(1, Math.abs(lo) * 1e-6);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(((pnl[i] as number) - lo) / width));
    counts[b] = (counts[b] as number) + 1;
  }
  return { horizonDays, loUsd: lo, binWidthUsd: width, counts, scenarios: n };
}

export function approximationView(e: ApproximationError | undefined): ApproximationView | null {
  if (!e) return null;
  return {
    scheme: e.scheme,
    checkedScenarios: e.checkedScenarios,
    maxAbsPnlErrorUsd: e.maxAbsPnlErrorUsd,
    varErrorBoundUsd: e.varErrorBoundUsd,
    varErrorBoundRelative: e.varErrorBoundRelative,
  };
}

/** The one with the largest relative bound (the headline error of a multi-horizon run). */
export function worstApproximation(
  list: readonly (ApproximationView | null)[],
): ApproximationView | null {
  let worst: ApproximationView | null = null;
  for (const a of list)
    if (a && (!worst || a.varErrorBoundRelative > worst.varErrorBoundRelative)) worst = a;
  return worst;
}

/** Order-statistic VaR at `confidence` of losses (ceil(a n)-th smallest); 0 for no losses. */
export function lossQuantile(losses: Float64Array, confidence: number): number {
  const n = losses.length;
  if (n === 0) return 0;
  const sorted = losses.slice().sort();
  return sorted[varRank(n, confidence) - 1] as number;
}
