import { median } from './chain';
import type { CleanSlice } from './chain-clean';

/** How well a fitted smile matches the quotes it was fitted to. Vol points: 1 = 0.01 in vol. */
export interface FitQuality {
  /** Root mean square of (model - target) implied vol over the used quotes, in vol points. */
  rmseVolPts: number;
  /** Same against the venue mark vol where the quotes carry one (Deribit's mark_iv). */
  rmseMarkVolPts?: number;
  maxAbsErrVolPts: number;
  /** Share (0..1) of two-sided quotes whose model vol lies within [bidIv, askIv]; 1 when none. */
  insideBidAsk: number;
  /** Number of two-sided quotes behind insideBidAsk. */
  twoSided: number;
  /** Number of quotes used. */
  quotes: number;
}

export function fitQuality(slice: CleanSlice, ivAtK: (k: number) => number): FitQuality {
  let sq = 0;
  let sqMark = 0;
  let nMark = 0;
  let maxAbs = 0;
  let inside = 0;
  let twoSided = 0;
  for (const q of slice.quotes) {
    const model = ivAtK(q.k);
    const err = model - q.targetIv;
    sq += err * err;
    maxAbs = Math.max(maxAbs, Math.abs(err));
    if (q.markIv !== undefined) {
      const em = model - q.markIv;
      sqMark += em * em;
      nMark++;
    }
    if (q.bidIv !== undefined && q.askIv !== undefined) {
      twoSided++;
      if (model >= q.bidIv && model <= q.askIv) inside++;
    }
  }
  const n = slice.quotes.length;
  const out: FitQuality = {
    rmseVolPts: 100 * Math.sqrt(sq / Math.max(n, 1)),
    maxAbsErrVolPts: 100 * maxAbs,
    insideBidAsk: twoSided > 0 ? inside / twoSided : 1,
    twoSided,
    quotes: n,
  };
  if (nMark > 0) out.rmseMarkVolPts = 100 * Math.sqrt(sqMark / nMark);
  return out;
}

export interface SliceLiquidity {
  /** Quotes with a bid and an ask. */
  twoSided: number;
  /** Median ask - bid implied vol over the two-sided quotes, in vol points (Infinity if none). */
  medianSpreadVolPts: number;
  /** At least LIQUID_MIN_TWO_SIDED two-sided strikes with a median spread <= LIQUID_MAX_SPREAD_VOL_PTS. */
  liquid: boolean;
}

export const LIQUID_MIN_TWO_SIDED = 10;
export const LIQUID_MAX_SPREAD_VOL_PTS = 5;

/**
 * A market-based liquidity label: a slice whose typical quote is 15 vol points wide cannot be
 * held to a 1-vol-point fit of anything, so fit-quality targets apply to liquid slices only.
 */
export function sliceLiquidity(slice: CleanSlice): SliceLiquidity {
  const spreads: number[] = [];
  for (const q of slice.quotes)
    if (q.bidIv !== undefined && q.askIv !== undefined) spreads.push(100 * (q.askIv - q.bidIv));
  const n = spreads.length;
  const med = n === 0 ? Infinity : median(spreads);
  return {
    twoSided: n,
    medianSpreadVolPts: med,
    liquid: n >= LIQUID_MIN_TWO_SIDED && med <= LIQUID_MAX_SPREAD_VOL_PTS,
  };
}
