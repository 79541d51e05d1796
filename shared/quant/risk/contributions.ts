/**
 * What drives VaR/ES: component (Euler) and incremental contributions of parts of the book
 * (underlyings or positions) from scenario P&L.
 *
 * Euler allocation through the tail scenarios (Tasche 2000; Hallerbach 2003):
 * - ES component of part i = mean over the tail scenarios (total loss >= VaR) of part i's loss;
 *   the components add up to ES exactly.
 * - VaR component of part i = mean of part i's loss over the scenarios whose total loss lies in a
 *   small band around VaR (between the order statistics k-m and k+m, m = max(2, 0.1% of n)),
 *   rescaled so the components add up to VaR exactly. With one scenario (m = 0) the VaR split would be the noise
 *   of a single day; the band averages it out.
 * - Incremental VaR of part i = VaR(book) - VaR(book without part i), recomputed exactly on the
 *   same scenarios (positive: removing the part lowers VaR).
 * Scenario weights (EWMA historical simulation) are honoured in all three.
 */
import { kthSmallestInPlace, tailMeasureSorted, varRank, weightedVarEs } from './tail-measures';

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

/** VaR of `losses` (reordered in place when unweighted). */
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

function lossesVar(losses: Float64Array, confidence: number, weights?: Float64Array): number {
  if (weights) return (weightedVarEs(losses, weights, [confidence])[0] as { var: number }).var;
  return kthSmallestInPlace(losses, varRank(losses.length, confidence));
}

export function eulerContributions(
  totalPnl: Float64Array,
  parts: PartsPnl,
  confidence: number,
  weights?: Float64Array,
  incremental = true,
): Contribution[] {
  const n = totalPnl.length;
  const nP = parts.names.length;
  if (parts.pnl.length !== n * nP)
    throw new RangeError(`contributions: ${parts.pnl.length} part values for ${n} x ${nP}`);
  const w = weights ?? new Float64Array(n).fill(1 / n);
  const losses = new Float64Array(n);
  for (let s = 0; s < n; s++) losses[s] = -(totalPnl[s] as number);
  const sorted = losses.slice().sort();
  const total = weights
    ? (weightedVarEs(losses, weights, [confidence])[0] as { var: number; es: number })
    : tailMeasureSorted(sorted, confidence);
  // Rank of the VaR scenario in the sorted losses (first occurrence of the VaR value).
  let k = varRank(n, confidence) - 1;
  if (weights) k = lowerBound(sorted, total.var);
  const m = Math.max(2, Math.round(0.001 * n));
  const bandLo = sorted[Math.max(0, k - m)] as number;
  const bandHi = sorted[Math.min(n - 1, k + m)] as number;
  // One pass: ES tail (loss >= VaR, ties included) and the VaR band (loss within the band).
  const esSum = new Float64Array(nP);
  const varSum = new Float64Array(nP);
  let esW = 0;
  for (let s = 0; s < n; s++) {
    const l = losses[s] as number;
    const ws = w[s] as number;
    if (l >= total.var) {
      esW += ws;
      for (let p = 0; p < nP; p++)
        esSum[p] = (esSum[p] as number) - ws * (parts.pnl[s * nP + p] as number);
    }
    if (l >= bandLo && l <= bandHi) {
      for (let p = 0; p < nP; p++)
        varSum[p] = (varSum[p] as number) - ws * (parts.pnl[s * nP + p] as number);
    }
  }
  let bandTotal = 0;
  for (let p = 0; p < nP; p++) bandTotal += varSum[p] as number;
  const without = new Float64Array(n);
  return parts.names.map((name, p) => {
    let inc = 0;
    if (incremental) {
      for (let s = 0; s < n; s++)
        without[s] = (losses[s] as number) + (parts.pnl[s * nP + p] as number);
      inc = total.var - lossesVar(without, confidence, weights);
    }
    const share = bandTotal !== 0 ? (varSum[p] as number) / bandTotal : 1 / nP;
    return {
      name,
      componentVar: share * total.var,
      componentEs: esW > 0 ? (esSum[p] as number) / esW : 0,
      incrementalVar: inc,
    };
  });
}
