import type { CleanSlice } from './chain-clean';

/** A cleaned slice in total-variance space, the space the SVI fits work in. */
export interface TotalVarianceTargets {
  k: Float64Array;
  /** Market total variance sigma^2 * T. */
  w: Float64Array;
  /**
   * Weights on squared total-variance errors chosen so that the sum approximates the weighted
   * squared VOL errors: d(w) = 2 sigma T d(sigma), hence weight_w = weight_vol / (2 sigma T)^2,
   * renormalised to sum to 1.
   */
  weight: Float64Array;
}

export function totalVarianceTargets(slice: CleanSlice): TotalVarianceTargets {
  const n = slice.quotes.length;
  const k = new Float64Array(n);
  const w = new Float64Array(n);
  const weight = new Float64Array(n);
  const T = slice.tYears;
  let total = 0;
  slice.quotes.forEach((q, i) => {
    k[i] = q.k;
    w[i] = q.targetIv * q.targetIv * T;
    const dwds = 2 * q.targetIv * T;
    const om = q.weight / (dwds * dwds);
    weight[i] = om;
    total += om;
  });
  for (let i = 0; i < n; i++) weight[i] = (weight[i] as number) / total;
  return { k, w, weight };
}
