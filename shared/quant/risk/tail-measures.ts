/**
 * VaR and ES of a loss sample, the one definition every method in risk/ reports.
 *
 * Definition (historical, Monte Carlo and the CLI's `var series`): losses are positive numbers
 * (loss = -P&L, or -log return for a price series). At confidence a over n losses,
 *   VaR_a = L_(k), the k-th smallest loss with k = ceil(a n)   (order statistic, no interpolation)
 *   ES_a  = mean of the losses >= VaR_a                         (ties at VaR included)
 * so VaR is the smallest loss exceeded on at most (1 - a) n of the n days. `a n` is rounded
 * down by 1e-9 before the ceiling so that 0.99 * 100 = 99.00000000000001 gives k = 99, not 100.
 *
 * Weighted version (EWMA-weighted historical simulation, Boudoukh, Richardson & Whitelaw 1998):
 * losses carry probabilities w_i (sum 1); VaR is the smallest loss whose cumulative weight from
 * the bottom reaches a, ES the w-weighted mean of the losses >= VaR. With equal weights 1/n this is
 * exactly the order-statistic definition above.
 */

export interface TailMeasure {
  confidence: number;
  /** Loss not exceeded with probability `confidence` (same unit as the losses). */
  var: number;
  /** Expected shortfall: mean loss at or beyond VaR. */
  es: number;
}

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}

/** 1-based rank k = ceil(a n) of the VaR order statistic (at least 1). */
export function varRank(n: number, confidence: number): number {
  checkConfidence(confidence);
  return Math.min(n, Math.max(1, Math.ceil(confidence * n - 1e-9)));
}

function finiteCopy(losses: ArrayLike<number>, what: string): Float64Array {
  if (losses.length === 0) throw new RangeError(`${what}: no losses (empty sample)`);
  const out = Float64Array.from(losses as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i] as number)) {
      throw new RangeError(`${what}: loss at index ${i} is not finite (${out[i]})`);
    }
  }
  return out;
}

/** VaR/ES of losses already sorted ascending (no copy; used by hot paths that sort once). */
export function tailMeasureSorted(sortedAsc: Float64Array, confidence: number): TailMeasure {
  const n = sortedAsc.length;
  if (n === 0) throw new RangeError('tail measure: no losses (empty sample)');
  const k = varRank(n, confidence);
  const v = sortedAsc[k - 1] as number;
  // Walk down to the first index holding VaR so ties at VaR count in ES.
  let first = k - 1;
  while (first > 0 && (sortedAsc[first - 1] as number) >= v) first--;
  let s = 0;
  for (let i = first; i < n; i++) s += sortedAsc[i] as number;
  return { confidence, var: v, es: s / (n - first) };
}

/** Order-statistic VaR and ES at each confidence (losses in any order; input not modified). */
export function varEsFromLosses(
  losses: ArrayLike<number>,
  confidences: readonly number[],
): TailMeasure[] {
  const sorted = finiteCopy(losses, 'varEsFromLosses').sort();
  return confidences.map((a) => tailMeasureSorted(sorted, a));
}

/** VaR/ES from a P&L sample (losses = -P&L). */
export function varEsFromPnl(
  pnl: ArrayLike<number>,
  confidences: readonly number[],
): TailMeasure[] {
  const losses = finiteCopy(pnl, 'varEsFromPnl');
  for (let i = 0; i < losses.length; i++) losses[i] = -(losses[i] as number);
  losses.sort();
  return confidences.map((a) => tailMeasureSorted(losses, a));
}

/**
 * Age weights for EWMA-weighted historical simulation: w_j proportional to lambda^(n-1-j), so
 * index n-1 (the most recent scenario) weighs most; normalised to sum 1.
 */
export function ewmaAgeWeights(n: number, lambda: number): Float64Array {
  if (!(lambda > 0 && lambda <= 1))
    throw new RangeError(`EWMA lambda must be in (0, 1], got ${lambda}`);
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`EWMA weights need n >= 1, got ${n}`);
  const w = new Float64Array(n);
  let s = 0;
  let x = 1;
  for (let j = n - 1; j >= 0; j--) {
    w[j] = x;
    s += x;
    x *= lambda;
  }
  for (let j = 0; j < n; j++) w[j] = (w[j] as number) / s;
  return w;
}

/** Weighted VaR/ES (see header); weights must be non-negative with a positive sum. */
export function weightedVarEs(
  losses: ArrayLike<number>,
  weights: ArrayLike<number>,
  confidences: readonly number[],
): TailMeasure[] {
  const x = finiteCopy(losses, 'weightedVarEs');
  const n = x.length;
  if (weights.length !== n)
    throw new RangeError(`weightedVarEs: ${weights.length} weights for ${n} losses`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`weightedVarEs: weight ${i} is invalid (${w})`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weightedVarEs: weights sum to zero');
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (x[i] as number) - (x[j] as number),
  );
  return confidences.map((a) => {
    checkConfidence(a);
    // Relative tolerance so equal weights reproduce ceil(a n) exactly despite rounding in the sum.
    const target = a * total * (1 - 1e-12);
    let cum = 0;
    let r = 0;
    for (; r < n; r++) {
      cum += weights[order[r] as number] as number;
      if (cum >= target) break;
    }
    r = Math.min(r, n - 1);
    const v = x[order[r] as number] as number;
    while (r > 0 && (x[order[r - 1] as number] as number) >= v) r--;
    let sw = 0;
    let swl = 0;
    for (let q = r; q < n; q++) {
      const i = order[q] as number;
      sw += weights[i] as number;
      swl += (weights[i] as number) * (x[i] as number);
    }
    return { confidence: a, var: v, es: sw > 0 ? swl / sw : v };
  });
}

/**
 * k-th smallest value (1-based) by in-place quickselect (Hoare partition, median-of-three
 * pivot): O(n) on average, for VaR-only recomputations (incremental VaR) on large samples.
 * Reorders `a`.
 */
export function kthSmallestInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  if (target < 0 || target > hi) throw new RangeError(`kthSmallest: k=${k} outside 1..${a.length}`);
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target] as number;
  }
  return a[target] as number;
}
