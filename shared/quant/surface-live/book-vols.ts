/**
 * The book's option vols read off the latest fitted surfaces (the per-instrument override map of
 * `revalueBook`).
 *
 * A surface is fitted at time t0 with spot S0 and forwards F0(T). Between refits spot moves to S:
 * - sticky-strike: the vol of strike K stays sigma(ln(K / F0(T)), T). The option's delta is the
 *   Black-Scholes delta at that vol; a spot shock leaves every strike's vol where it is.
 * - sticky-delta (sticky moneyness): the smile moves with the forward, sigma(ln(K / F(T)), T) with
 *   F = F0 S / S0, so a strike's vol changes as spot moves: d sigma / dS = -(d sigma / dk) / S.
 *   The delta then includes the smile term vega x d sigma / dS (reported as dVolDSpot).
 * T is measured from the fit time to the instrument's own expiry, so an option on a fitted
 * expiry gets exactly that slice's vol at the fit.
 */
import type { Instrument } from '../../domain/instrument';
import type { UnderlyingState } from '../../domain/quote';
import { MS_PER_YEAR } from '../../domain/time';
import type { SurfaceFitView, VolStickiness } from '../../domain/vol-surface';
import type { VolOverride } from '../book/revalue-book';
import { sabrSmile } from '../surface/sabr';
import { sviSmile, type SmileSlice } from '../surface/smile-slice';
import { buildSurface, type VolSurface } from '../surface/surface';

export interface BookSurface {
  underlying: string;
  model: SurfaceFitView['model'];
  asOfMs: number;
  spot: number;
  surface: VolSurface;
}

function num(params: Record<string, number>, key: string): number {
  const v = params[key];
  if (v === undefined || !Number.isFinite(v)) throw new RangeError(`fit parameter ${key} missing`);
  return v;
}

/** Rebuilds an evaluable surface from a fit view (parameters, forwards, expiries). */
export function bookSurfaceFromView(view: SurfaceFitView): BookSurface {
  const slices: SmileSlice[] = view.slices.map((s) => {
    const meta = { expiry: s.expiry, expiryMs: s.expiryMs, tYears: s.tYears, forward: s.forward };
    const p = s.params;
    return view.model !== 'sabr'
      ? sviSmile(meta, {
          a: num(p, 'a'),
          b: num(p, 'b'),
          rho: num(p, 'rho'),
          m: num(p, 'm'),
          sigma: num(p, 'sigma'),
        })
      : sabrSmile(meta, {
          alpha: num(p, 'alpha'),
          beta: num(p, 'beta'),
          rho: num(p, 'rho'),
          nu: num(p, 'nu'),
        });
  });
  return {
    underlying: view.underlying,
    model: view.model,
    asOfMs: view.asOfMs,
    spot: view.spot,
    surface: buildSurface(slices, view.spot > 0 ? { spot: view.spot } : {}),
  };
}

/** The vol of one option on a fitted surface under the stickiness rule, or undefined. */
export function surfaceVol(
  s: BookSurface,
  strike: number,
  expiryMs: number,
  spotNow: number,
  stickiness: VolStickiness,
): VolOverride | undefined {
  const tYears = (expiryMs - s.asOfMs) / MS_PER_YEAR;
  if (!(tYears > 0) || !(strike > 0) || !(spotNow > 0) || !(s.spot > 0)) return undefined;
  const sticky = stickiness === 'sticky-delta';
  const k =
    Math.log(strike / s.surface.forward(tYears)) - (sticky ? Math.log(spotNow / s.spot) : 0);
  const p = s.surface.point(k, tYears);
  if (!(p.w > 0)) return undefined;
  const volAnnual = Math.sqrt(p.w / tYears);
  const dVolDk = p.dw / (2 * volAnnual * tYears);
  const dVolDSpot = sticky ? -dVolDk / spotNow : 0;
  if (!Number.isFinite(volAnnual) || !Number.isFinite(dVolDSpot)) return undefined;
  return { volAnnual, dVolDSpot, source: `${s.model} ${stickiness}` };
}

/**
 * Overrides for every unexpired option of the book whose underlying has a surface. Options past
 * the surface's last expiry use its extrapolation (w linear in T, never decreasing).
 */
export function surfaceVolOverrides(
  surfaces: ReadonlyMap<string, BookSurface>,
  instruments: readonly Instrument[],
  underlyings: readonly UnderlyingState[],
  stickiness: VolStickiness,
): Record<string, VolOverride> {
  const spots = new Map(underlyings.map((u) => [u.underlying, u.spot]));
  const out: Record<string, VolOverride> = {};
  for (const inst of instruments) {
    if (inst.kind !== 'option') continue;
    const s = surfaces.get(inst.underlying);
    const spot = spots.get(inst.underlying);
    if (!s || spot === undefined) continue;
    const v = surfaceVol(s, inst.strike, inst.expiryMs, spot, stickiness);
    if (v) out[inst.id] = v;
  }
  return out;
}
