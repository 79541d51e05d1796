import { durrlemanG } from './svi-raw';
import type { SmileSlice } from './smile-slice';

/**
 * Static-arbitrage checks on fitted slices, on a dense log-moneyness grid:
 * - butterfly: Durrleman's g(k) >= 0 (a non-negative risk-neutral density);
 * - calendar: total variance w(k) non-decreasing in expiry at every k.
 * A grid check cannot see beyond its ends; the default grid reaches well past the quoted strikes.
 */

/** Total-variance tolerance of the calendar check (absolute; w of a 1-day 50% vol is ~7e-4). */
export const CALENDAR_TOLERANCE = 1e-10;

/** k grid from -halfWidth to +halfWidth with the given spacing. */
export function kGrid(halfWidth: number, step = 0.01): Float64Array {
  const n = Math.max(2, Math.round((2 * halfWidth) / step) + 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -halfWidth + (2 * halfWidth * i) / (n - 1);
  return out;
}

/**
 * The grid the arbitrage checks use for a chain: at least [-2, 2] (strikes 0.14x to 7.4x the
 * forward), widened to 1.25 times the farthest quoted |k|.
 */
export function arbitrageGrid(maxAbsQuotedK: number): Float64Array {
  return kGrid(Math.max(2, 1.25 * maxAbsQuotedK));
}

export interface ButterflyReport {
  minG: number;
  kAtMinG: number;
  /** Grid points with g < 0. */
  negativePoints: number;
  /** [from, to] k ranges where g < 0. */
  negativeRanges: [number, number][];
}

export function butterflyReport(slice: SmileSlice, grid: ArrayLike<number>): ButterflyReport {
  let minG = Infinity;
  let kAtMinG = 0;
  let negativePoints = 0;
  const negativeRanges: [number, number][] = [];
  let open: [number, number] | undefined;
  for (let i = 0; i < grid.length; i++) {
    const k = grid[i] as number;
    const g = durrlemanG(k, slice.derivs(k));
    if (g < minG) {
      minG = g;
      kAtMinG = k;
    }
    if (g < 0) {
      negativePoints++;
      if (open) open[1] = k;
      else open = [k, k];
    } else if (open) {
      negativeRanges.push(open);
      open = undefined;
    }
  }
  if (open) negativeRanges.push(open);
  return { minG, kAtMinG, negativePoints, negativeRanges };
}

export interface CalendarViolation {
  /** Expiry labels of the shorter and the longer slice. */
  from: string;
  to: string;
  kMin: number;
  kMax: number;
  /** Largest w(shorter) - w(longer) on the grid (> 0). */
  worstExcess: number;
}

/**
 * One entry per pair of consecutive slices (by tYears) whose total variances cross on the grid.
 * Slices need not be sorted.
 */
export function calendarViolations(
  slices: readonly SmileSlice[],
  grid: ArrayLike<number>,
): CalendarViolation[] {
  const sorted = [...slices].sort((x, y) => x.tYears - y.tYears);
  const out: CalendarViolation[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const lo = sorted[i - 1] as SmileSlice;
    const hi = sorted[i] as SmileSlice;
    let kMin = Infinity;
    let kMax = -Infinity;
    let worst = 0;
    for (let j = 0; j < grid.length; j++) {
      const k = grid[j] as number;
      const excess = lo.totalVariance(k) - hi.totalVariance(k);
      if (excess > CALENDAR_TOLERANCE) {
        kMin = Math.min(kMin, k);
        kMax = Math.max(kMax, k);
        worst = Math.max(worst, excess);
      }
    }
    if (worst > 0) out.push({ from: lo.expiry, to: hi.expiry, kMin, kMax, worstExcess: worst });
  }
  return out;
}
