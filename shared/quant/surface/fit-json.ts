import { z } from 'zod';
import type { ChainFit, ExpiryFit } from './fit-chain';
import { sliceMetrics } from './metrics';
import { sabrSmile } from './sabr';
import { sviSmile, type SmileSlice } from './smile-slice';
import { buildSurface, type VolSurface } from './surface';
import { sviRawToJw } from './svi-jw';

/**
 * The JSON form of a chain fit, printed by `cerberus surface fit` and read back by
 * `cerberus surface iv`. Fixed keys: model, expiries[].{expiry, T, forward, params, rmse,
 * insideBidAsk, quotes}, arbitrage.{butterfly_min_g, calendar_violations}; the rest is detail.
 * rmse is in vol points against the fit target (Deribit: mark_iv), insideBidAsk a share 0..1.
 */
const finite = z.number();
const sviParamsSchema = z.object({
  a: finite,
  b: finite.nonnegative(),
  rho: finite.gt(-1).lt(1),
  m: finite,
  sigma: finite.positive(),
});
const sabrParamsSchema = z.object({
  alpha: finite.positive(),
  beta: finite.min(0).max(1),
  rho: finite.gt(-1).lt(1),
  nu: finite.nonnegative(),
});

const expiryBase = {
  expiry: z.string(),
  expiryMs: z.number().int().optional(),
  T: z.number().positive(),
  forward: z.number().positive(),
};

/** What `surface iv` needs from a fit file (extra keys are allowed and ignored). */
export const surfaceParamsSchema = z.discriminatedUnion('model', [
  z.object({
    model: z.literal('svi'),
    spot: z.number().positive().optional(),
    expiries: z.array(z.object({ ...expiryBase, params: sviParamsSchema })).min(1),
  }),
  z.object({
    model: z.literal('sabr'),
    spot: z.number().positive().optional(),
    expiries: z.array(z.object({ ...expiryBase, params: sabrParamsSchema })).min(1),
  }),
]);

export type SurfaceParamsJson = z.infer<typeof surfaceParamsSchema>;

/** Rounds to 10 significant digits so the output is readable but loses nothing that matters. */
function r10(x: number): number {
  return Number(x.toPrecision(10));
}

function roundAll<T>(v: T): T {
  if (typeof v === 'number') return (Number.isFinite(v) ? r10(v) : v) as T;
  if (Array.isArray(v)) return v.map(roundAll) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, roundAll(x)])) as T;
  return v;
}

function expiryJson(e: ExpiryFit): Record<string, unknown> {
  const out: Record<string, unknown> = {
    expiry: e.expiry,
    expiryMs: e.expiryMs,
    T: e.tYears,
    forward: e.forward,
    params: e.fit.params,
    rmse: e.quality.rmseVolPts,
    insideBidAsk: e.quality.insideBidAsk,
    quotes: e.quality.quotes,
  };
  if (e.quality.rmseMarkVolPts !== undefined) out.rmseMark = e.quality.rmseMarkVolPts;
  out.maxAbsErr = e.quality.maxAbsErrVolPts;
  out.twoSided = e.liquidity.twoSided;
  out.medianSpreadVolPts = Number.isFinite(e.liquidity.medianSpreadVolPts)
    ? e.liquidity.medianSpreadVolPts
    : null;
  out.liquid = e.liquidity.liquid;
  out.minG = e.butterfly.minG;
  if (e.arbitrageFeasible !== undefined) out.arbitrageFeasible = e.arbitrageFeasible;
  if (e.fit.model === 'svi') {
    try {
      out.jw = sviRawToJw(e.fit.params, e.tYears);
    } catch {
      // A slice with zero ATM variance has no JW form; the raw parameters still stand.
    }
  }
  try {
    const m = sliceMetrics(e.slice);
    out.metrics = {
      atmVol: m.atmVol,
      skewSlope: m.skewSlope,
      rr25: m.riskReversal,
      bf25: m.butterfly,
      vol25Call: m.callVol,
      vol25Put: m.putVol,
    };
  } catch {
    // No 25-delta strike on a degenerate smile: metrics are left out rather than invented.
  }
  out.skipped = e.skipped;
  return out;
}

export function chainFitToJson(
  fit: ChainFit,
  extra: { underlying?: string; asOfMs?: number; spot?: number } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    model: fit.model,
    expiries: fit.expiries.map(expiryJson),
    arbitrage: {
      butterfly_min_g: fit.butterflyMinG,
      calendar_violations: fit.calendar.length,
      calendar: fit.calendar,
      grid: { kMin: fit.grid[0], kMax: fit.grid[fit.grid.length - 1], points: fit.grid.length },
    },
    arbitrageFree: fit.arbitrageFree,
    unusable: fit.unusable,
  };
  if (extra.underlying !== undefined) out.underlying = extra.underlying;
  if (extra.asOfMs !== undefined) out.asOfMs = extra.asOfMs;
  if (extra.spot !== undefined) out.spot = extra.spot;
  return roundAll(out);
}

/** Rebuilds the surface from a fit file (validated). Throws an Error naming the first problems. */
export function surfaceFromJson(value: unknown): VolSurface {
  const r = surfaceParamsSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid surface params JSON: ${issues.join('; ')}`);
  }
  const j = r.data;
  const slices: SmileSlice[] =
    j.model === 'svi'
      ? j.expiries.map((e) =>
          sviSmile(
            { expiry: e.expiry, expiryMs: e.expiryMs ?? 0, tYears: e.T, forward: e.forward },
            e.params,
          ),
        )
      : j.expiries.map((e) =>
          sabrSmile(
            { expiry: e.expiry, expiryMs: e.expiryMs ?? 0, tYears: e.T, forward: e.forward },
            e.params,
          ),
        );
  return buildSurface(slices, j.spot !== undefined ? { spot: j.spot } : {});
}
