/**
 * Constant-maturity smile metrics: ATM vol, 25-delta risk reversal and butterfly and the ATM skew
 * slope at fixed tenors (7d, 30d, ...), read off the surface interpolated in total variance. Fixed
 * tenors make a history comparable across days even though listed expiries roll.
 */
import type { SurfaceTenorMetrics } from '../../domain/vol-surface';
import { sliceMetrics } from '../surface/metrics';
import type { SmileSlice } from '../surface/smile-slice';
import type { VolSurface } from '../surface/surface';

export const DEFAULT_TENORS_DAYS: readonly number[] = [7, 30, 60, 90, 180, 365];

/** The surface at one fixed maturity, seen as a smile slice. */
export function surfaceSliceAt(surface: VolSurface, tYears: number, label: string): SmileSlice {
  return {
    expiry: label,
    expiryMs: 0,
    tYears,
    forward: surface.forward(tYears),
    totalVariance: (k) => surface.totalVariance(k, tYears),
    derivs: (k) => {
      const p = surface.point(k, tYears);
      return { w: p.w, dw: p.dw, d2w: p.d2w };
    },
  };
}

/**
 * Metrics at each tenor that lies within the fitted expiries (no extrapolated tenors: a 1-year
 * number from a 5-month chain would be a guess). Tenors where the smile is degenerate are left out.
 */
export function tenorMetrics(
  surface: VolSurface,
  tenorsDays: readonly number[] = DEFAULT_TENORS_DAYS,
): SurfaceTenorMetrics[] {
  const slices = surface.slices;
  const first = slices[0];
  const last = slices[slices.length - 1];
  if (!first || !last) return [];
  const out: SurfaceTenorMetrics[] = [];
  for (const days of tenorsDays) {
    const t = days / 365;
    // Half a day of slack so that a 7-day tenor survives a first expiry 7.2 days out.
    if (t < first.tYears - 0.5 / 365 || t > last.tYears + 0.5 / 365) continue;
    try {
      const m = sliceMetrics(surfaceSliceAt(surface, t, `${days}d`));
      const row = {
        tenorDays: days,
        atmVol: m.atmVol,
        rr25: m.riskReversal,
        bf25: m.butterfly,
        skewSlope: m.skewSlope,
      };
      if (Object.values(row).every(Number.isFinite) && row.atmVol > 0) out.push(row);
    } catch {
      // No 25-delta strike at this tenor: the tenor is skipped, never filled with NaN.
    }
  }
  return out;
}
