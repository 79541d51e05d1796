import { normInv } from '../math/normal';
import type { SmileSlice } from './smile-slice';

/**
 * Smile metrics a desk reads off each expiry. ATM means at the forward (k = 0). Deltas are
 * Black-76 forward deltas on the slice's own vol: call delta N(d1), put delta N(d1) - 1 with
 * d1 = (-k + w/2) / sqrt(w).
 */
export interface SliceMetrics {
  expiry: string;
  tYears: number;
  atmVol: number;
  /** d sigma / dk at k = 0 (vol per unit log-moneyness). */
  skewSlope: number;
  /** Vol of the call with forward delta +delta and of the put with delta -delta. */
  callVol: number;
  putVol: number;
  callK: number;
  putK: number;
  /** Risk reversal callVol - putVol and butterfly (callVol + putVol)/2 - atmVol. */
  riskReversal: number;
  butterfly: number;
}

function d1At(slice: SmileSlice, k: number): number {
  const w = slice.totalVariance(k);
  const sd = Math.sqrt(Math.max(w, 1e-300));
  return -k / sd + sd / 2;
}

/** The k where d1(k) = target, found by bracketing from k = 0 and bisection. */
function solveD1(slice: SmileSlice, target: number): number {
  const h = (k: number): number => d1At(slice, k) - target;
  const sd0 = Math.sqrt(Math.max(slice.totalVariance(0), 1e-12));
  // d1 falls as k rises on any smile without butterfly arbitrage: walk outwards until bracketed.
  const dir = h(0) > 0 ? 1 : -1;
  let lo = 0;
  let hi = dir * sd0;
  for (let i = 0; i < 60 && Math.sign(h(hi)) === Math.sign(h(lo)); i++) {
    lo = hi;
    hi *= 2;
  }
  if (Math.sign(h(hi)) === Math.sign(h(lo)))
    throw new RangeError(`solveD1: no strike with d1 = ${target} on ${slice.expiry}`);
  for (let i = 0; i < 200 && Math.abs(hi - lo) > 1e-13 * (1 + Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (Math.sign(h(mid)) === Math.sign(h(lo))) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function volAt(slice: SmileSlice, k: number): number {
  return Math.sqrt(Math.max(slice.totalVariance(k), 0) / slice.tYears);
}

export function sliceMetrics(slice: SmileSlice, delta = 0.25): SliceMetrics {
  if (!(delta > 0 && delta < 0.5)) throw new RangeError('sliceMetrics: delta must be in (0, 0.5)');
  const d = slice.derivs(0);
  const atmVol = Math.sqrt(Math.max(d.w, 0) / slice.tYears);
  const callK = solveD1(slice, normInv(delta));
  const putK = solveD1(slice, normInv(1 - delta));
  const callVol = volAt(slice, callK);
  const putVol = volAt(slice, putK);
  return {
    expiry: slice.expiry,
    tYears: slice.tYears,
    atmVol,
    skewSlope: d.w > 0 ? d.dw / (2 * Math.sqrt(d.w * slice.tYears)) : 0,
    callVol,
    putVol,
    callK,
    putK,
    riskReversal: callVol - putVol,
    butterfly: (callVol + putVol) / 2 - atmVol,
  };
}

export interface AtmPoint {
  expiry: string;
  tYears: number;
  atmVol: number;
}

export function atmTermStructure(slices: readonly SmileSlice[]): AtmPoint[] {
  return [...slices]
    .sort((x, y) => x.tYears - y.tYears)
    .map((s) => ({ expiry: s.expiry, tYears: s.tYears, atmVol: volAt(s, 0) }));
}
