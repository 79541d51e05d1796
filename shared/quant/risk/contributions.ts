/**
 * What drives VaR/ES: component (Euler) and incremental contributions of parts of the book
 * (underlyings or positions) from scenario P&L.
 *
 * Euler allocation through the tail scenarios (Tasche 2000; Hallerbach 2003):
 * - ES component of part i = mean over the tail scenarios (total loss >= VaR) of part i's loss;
 *   the components add up to ES exactly.
 * - VaR component of part i = mean of part i's loss over the scenarios whose total loss lies in a
 *   small band around VaR (between the order statistics k-m and k+m, m = max(2, 0.1% of n)),
 *   rescaled so the components add up to VaR exactly. With one scenario (m = 0) the VaR split
 *   would be the noise of a single day; the band averages it out.
 * - Incremental VaR of part i = VaR(book) - VaR(book without part i), recomputed exactly on the
 *   same scenarios (positive: removing the part lowers VaR).
 * Scenario weights (EWMA historical simulation) are honoured in all three. All confidences are
 * done in one pass: one sort of the losses, one "book without part i" vector per part.
 */
import {
  kthSmallestInPlace,
  tailMeasureSorted,
  varRank,
  weightedVarEs,
  type TailMeasure,
} from './tail-measures';

export interface Contribution {
  name: string;
  componentVar: number;
  componentEs: number;
  incrementalVar: number;
}

/** Parts' P&L: part p in scenario s at s * nParts + p. */
export interface PartsPnl {
  names: string[];
  pnl: Float64Array;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Component and incremental contributions at each confidence (same order as `confidences`). */
export function eulerContributionsAll(
  totalPnl: Float64Array,
  parts: PartsPnl,
  confidences: readonly number[],
  weights?: Float64Array,
  incremental = true,
): { confidence: number; byUnderlying: Contribution[] }[] {
  const n = totalPnl.length;
  const nP = parts.names.length;
  if (parts.pnl.length !== n * nP) {
    throw new RangeError(`contributions: ${parts.pnl.length} part values for ${n} x ${nP}`);
  }
  const losses = new Float64Array(n);
  for (let s = 0; s < n; s++) losses[s] = -(totalPnl[s] as number);
  const sorted = losses.slice().sort();
  const totals: TailMeasure[] = weights
    ? weightedVarEs(losses, weights, confidences)
    : confidences.map((a) => tailMeasureSorted(sorted, a));
  const uniform = 1 / n;
  const out = confidences.map((a, c) => {
    const total = totals[c] as TailMeasure;
    const k = weights ? lowerBound(sorted, total.var) : varRank(n, a) - 1;
    const m = Math.max(2, Math.round(0.001 * n));
    const bandLo = sorted[Math.max(0, k - m)] as number;
    const bandHi = sorted[Math.min(n - 1, k + m)] as number;
    const esSum = new Float64Array(nP);
    const varSum = new Float64Array(nP);
    let esW = 0;
    for (let s = 0; s < n; s++) {
      const l = losses[s] as number;
      const inTail = l >= total.var;
      const inBand = l >= bandLo && l <= bandHi;
      if (!inTail && !inBand) continue;
      const ws = weights ? (weights[s] as number) : uniform;
      if (inTail) esW += ws;
      for (let p = 0; p < nP; p++) {
        const lp = -ws * (parts.pnl[s * nP + p] as number);
        if (inTail) esSum[p] = (esSum[p] as number) + lp;
        if (inBand) varSum[p] = (varSum[p] as number) + lp;
      }
    }
    let bandTotal = 0;
    for (let p = 0; p < nP; p++) bandTotal += varSum[p] as number;
    return parts.names.map((name, p): Contribution => ({
      name,
      componentVar: (bandTotal !== 0 ? (varSum[p] as number) / bandTotal : 1 / nP) * total.var,
      componentEs: esW > 0 ? (esSum[p] as number) / esW : 0,
      incrementalVar: 0,
    }));
  });
  if (incremental) {
    const without = new Float64Array(n);
    for (let p = 0; p < nP; p++) {
      for (let s = 0; s < n; s++)
        without[s] = (losses[s] as number) + (parts.pnl[s * nP + p] as number);
      const vars = weights
        ? weightedVarEs(without, weights, confidences).map((t) => t.var)
        : confidences.map((a) => kthSmallestInPlace(without, varRank(n, a)));
      confidences.forEach((_, c) => {
        const row = out[c] as Contribution[];
        (row[p] as Contribution).incrementalVar =
          (totals[c] as TailMeasure).var - (vars[c] as number);
      });
    }
  }
  return confidences.map((confidence, c) => ({
    confidence,
    byUnderlying: out[c] as Contribution[],
  }));
}

/** Contributions at one confidence. */
export function eulerContributions(
  totalPnl: Float64Array,
  parts: PartsPnl,
  confidence: number,
  weights?: Float64Array,
  incremental = true,
): Contribution[] {
  return (
    eulerContributionsAll(totalPnl, parts, [confidence], weights, incremental)[0] as {
      byUnderlying: Contribution[];
    }
  ).byUnderlying;
}
