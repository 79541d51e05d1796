import { impliedVolBlack76 } from '../iv/implied-vol';
import { black76Greeks } from '../pricing/black76';
import type { OptionType } from './chain';
import type { VolSurface } from './surface';

/**
 * The points a parametric model (Heston, Merton) is calibrated to on a fitted implied-vol surface:
 * per slice, out-of-the-money options at k = z * sqrt(w_ATM) for z in Z_GRID, on a unit forward
 * (prices per unit of forward, so slices are comparable). Calibrators compare model prices with
 * these by vega-scaled price errors (vol errors to first order, no implied-vol inversion inside
 * the loop), and report the final misfit in vol points by inverting the model prices once.
 */
export const Z_GRID: readonly number[] = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
/** The calibration's domain: |k| <= Z_MAX ATM standard deviations. */
export const Z_MAX = 2;

export interface SlicePoints {
  tYears: number;
  strikes: Float64Array;
  types: OptionType[];
  /** Black-76 prices at the surface's vols (undiscounted, unit forward). */
  price: Float64Array;
  /** Black-76 vegas per 1.00 vol, floored at 1e-8 so a deep wing cannot dominate. */
  vega: Float64Array;
  vol: Float64Array;
}

export class CalibrationCancelledError extends Error {
  override name = 'CalibrationCancelledError';
}

export function samplePoints(surface: VolSurface, minTYears: number): SlicePoints[] {
  const out: SlicePoints[] = [];
  for (const s of surface.slices) {
    if (s.tYears < minTYears) continue;
    const sd = Math.sqrt(s.totalVariance(0));
    const n = Z_GRID.length;
    const sp: SlicePoints = {
      tYears: s.tYears,
      strikes: new Float64Array(n),
      types: [],
      price: new Float64Array(n),
      vega: new Float64Array(n),
      vol: new Float64Array(n),
    };
    Z_GRID.forEach((z, j) => {
      const k = z * sd;
      const strike = Math.exp(k);
      const type: OptionType = k < 0 ? 'put' : 'call';
      const vol = Math.sqrt(s.totalVariance(k) / s.tYears);
      const g = black76Greeks({
        type,
        forward: 1,
        strike,
        tYears: s.tYears,
        rate: 0,
        volAnnual: vol,
        discounted: false,
      });
      sp.strikes[j] = strike;
      sp.types.push(type);
      sp.price[j] = g.price;
      sp.vega[j] = Math.max(g.vega, 1e-8);
      sp.vol[j] = vol;
    });
    out.push(sp);
  }
  if (out.length === 0) throw new RangeError('calibration: no slice at or beyond minTYears');
  return out;
}

/** Mean squared vega-scaled price error of model prices over every slice (1e6 if not finite). */
export function vegaScaledError(
  pts: readonly SlicePoints[],
  modelPrices: (sp: SlicePoints) => ArrayLike<number>,
): number {
  let s = 0;
  let n = 0;
  for (const sp of pts) {
    const model = modelPrices(sp);
    for (let j = 0; j < sp.strikes.length; j++) {
      const e = ((model[j] as number) - (sp.price[j] as number)) / (sp.vega[j] as number);
      s += e * e;
      n++;
    }
  }
  return Number.isFinite(s) && n > 0 ? s / n : 1e6;
}

export interface VolMisfit {
  rmseVolPts: number;
  maxAbsErrVolPts: number;
  points: number;
}

/**
 * Misfit in vol points after inverting the model prices to Black vols. A model price outside
 * Black's range counts as a miss by its whole target vol.
 */
export function volMisfit(
  pts: readonly SlicePoints[],
  modelPrices: (sp: SlicePoints) => ArrayLike<number>,
): VolMisfit {
  let sq = 0;
  let maxAbs = 0;
  let n = 0;
  for (const sp of pts) {
    const model = modelPrices(sp);
    for (let j = 0; j < sp.strikes.length; j++) {
      let iv: number;
      try {
        iv = impliedVolBlack76({
          type: sp.types[j] as OptionType,
          forward: 1,
          strike: sp.strikes[j] as number,
          tYears: sp.tYears,
          price: model[j] as number,
        });
      } catch {
        iv = 0;
      }
      const e = iv - (sp.vol[j] as number);
      sq += e * e;
      maxAbs = Math.max(maxAbs, Math.abs(e));
      n++;
    }
  }
  return { rmseVolPts: 100 * Math.sqrt(sq / n), maxAbsErrVolPts: 100 * maxAbs, points: n };
}

/**
 * Wraps an objective so that it throws CalibrationCancelledError once `isCancelled` says so
 * (polled every `every` evaluations; the poll is an atomic load, cheap but not free).
 */
export function cancellable(
  objective: (x: ArrayLike<number>) => number,
  isCancelled: (() => boolean) | undefined,
  every = 16,
): (x: ArrayLike<number>) => number {
  if (!isCancelled) return objective;
  let calls = 0;
  return (x) => {
    if (++calls % every === 0 && isCancelled()) throw new CalibrationCancelledError('cancelled');
    return objective(x);
  };
}
