/**
 * Rank statistics: average ranks, pseudo-observations for copula fitting, Spearman's rho and
 * Kendall's tau-b. Kendall uses Knight's (1966) O(n log n) algorithm: sort by (x, y), count ties,
 * and count discordant pairs as the inversions of a merge sort on y.
 */
import { correlation } from './descriptive';

/** 1-based ranks with ties given their average rank. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(xs[i] as number)) throw new RangeError(`ranks: NaN at index ${i}`);
  }
  idx.sort((a, b) => (xs[a] as number) - (xs[b] as number));
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && xs[idx[j + 1] as number] === xs[idx[i] as number]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k] as number] = avg;
    i = j + 1;
  }
  return out;
}

/** Pseudo-observations u_i = rank_i / (n + 1) in (0, 1): the rescaled empirical CDF. */
export function pseudoObservations(xs: ArrayLike<number>): Float64Array {
  const r = ranks(xs);
  const n1 = xs.length + 1;
  return r.map((v) => v / n1);
}

/** Spearman's rank correlation (Pearson correlation of average ranks). */
export function spearmanRho(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length !== ys.length) throw new RangeError('spearmanRho: lengths differ');
  return correlation(ranks(xs), ranks(ys));
}

function tiePairs(sorted: Float64Array): number {
  let pairs = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/** Sorts `a` in place (bottom-up merge sort) and returns the number of strict inversions. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((src[j] as number) < (src[i] as number)) {
          inversions += mid - i;
          dst[k++] = src[j++] as number;
        } else {
          dst[k++] = src[i++] as number;
        }
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return inversions;
}

/** Kendall's tau-b (ties in x and in y corrected); throws when either sample is constant. */
export function kendallTau(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError(`kendallTau: lengths differ (${n} vs ${ys.length})`);
  if (n < 2) throw new RangeError('kendallTau needs at least 2 observations');
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(xs[i] as number) || Number.isNaN(ys[i] as number)) {
      throw new RangeError(`kendallTau: NaN at index ${i}`);
    }
  }
  idx.sort(
    (a, b) => (xs[a] as number) - (xs[b] as number) || (ys[a] as number) - (ys[b] as number),
  );
  const xSorted = new Float64Array(n);
  const ySorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xSorted[i] = xs[idx[i] as number] as number;
    ySorted[i] = ys[idx[i] as number] as number;
  }
  const xTies = tiePairs(xSorted);
  let jointTies = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && xSorted[i] === xSorted[i - 1] && ySorted[i] === ySorted[i - 1]) {
      run++;
    } else {
      jointTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const discordant = countInversions(ySorted); // ySorted is now sorted
  const yTies = tiePairs(ySorted);
  const total = (n * (n - 1)) / 2;
  const denom = Math.sqrt((total - xTies) * (total - yTies));
  if (!(denom > 0)) throw new RangeError('kendallTau: a sample is constant');
  return (total - xTies - yTies + jointTies - 2 * discordant) / denom;
}
