import {
  sviDerivs,
  sviTotalVariance,
  type SviRawParams,
  type TotalVarianceDerivs,
} from './svi-raw';

/**
 * One fitted expiry seen through its total-variance function w(k), k = ln(K / forward). The
 * surface, the arbitrage checks, local vol and the metrics only need this view, so SVI and SABR
 * slices are interchangeable.
 */
export interface SmileSlice {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
  totalVariance(k: number): number;
  derivs(k: number): TotalVarianceDerivs;
}

export interface SliceMeta {
  expiry: string;
  expiryMs: number;
  tYears: number;
  forward: number;
}

export function sviSmile(meta: SliceMeta, params: SviRawParams): SmileSlice {
  return {
    expiry: meta.expiry,
    expiryMs: meta.expiryMs,
    tYears: meta.tYears,
    forward: meta.forward,
    totalVariance: (k) => sviTotalVariance(params, k),
    derivs: (k) => sviDerivs(params, k),
  };
}

/**
 * Central finite differences of w for smiles without closed-form derivatives. The step is relative
 * to the slice's ATM standard deviation so that short expiries are not blurred.
 */
export function numericDerivs(
  w: (k: number) => number,
  k: number,
  hK: number,
): TotalVarianceDerivs {
  const w0 = w(k);
  const wp = w(k + hK);
  const wm = w(k - hK);
  return { w: w0, dw: (wp - wm) / (2 * hK), d2w: (wp - 2 * w0 + wm) / (hK * hK) };
}

/** Implied vol (annual, decimal) of a slice at log-moneyness k; 0 where w <= 0. */
export function sliceIv(slice: SmileSlice, k: number): number {
  const w = slice.totalVariance(k);
  return w > 0 ? Math.sqrt(w / slice.tYears) : 0;
}
