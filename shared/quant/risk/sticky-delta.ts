/**
 * Sticky-delta vol dynamics for every revaluation in risk/ (stress, reverse stress, Monte Carlo
 * grids and their full-revaluation checks, historical simulation, backtests).
 *
 * Sticky-strike (the default, `reval-rows.ts`): a spot shock leaves each option's vol where it is.
 * Sticky-delta (sticky moneyness): the fitted smile moves with the forward, so under a spot move
 * S0 -> S' an option of strike K reads its vol at the same forward log-moneyness the smile had at
 * that point, k' = ln(K / F') with F' = F S'/S0, i.e. k' = k0 - ln(S'/S0):
 *   vol(S') = vol_row + [sigma(k0 - ln(S'/S0), T) - sigma(k0, T)].
 * The bracket is the smile's change, added to the row's own vol: where the row was valued off
 * the surface (the live book's default) vol_row = sigma(k0, T) and vol(S') = sigma(k', T) exactly;
 * where it carries a quote IV the smile's shape still moves it, and at S' = S0 nothing changes
 * (base values are untouched). Vol shocks apply after that (multiplier, added points, floor).
 * On a negative skew (vol falling with k) a spot fall raises k, so every strike's vol falls under
 * sticky-delta, while sticky-strike keeps it: long-vega books lose more on the way down.
 * A flat smile has no bracket, so both rules give identical numbers.
 *
 * The smile is the underlying's arbitrage-free SVI surface as fitted (interpolated in total
 * variance across expiries, `surface/surface.ts`); T counts from the fit to the row's expiry, k0
 * is read at the book's spot (the forward moved with spot since the fit).
 */
import type { VolStickiness } from '../../domain/vol-surface';
import { MS_PER_YEAR } from '../../domain/time';
import { sviSmile } from '../surface/smile-slice';
import { buildSurface, type VolSurface } from '../surface/surface';
import type { RevalBook } from './reval-rows';

/** One fitted expiry of an underlying's raw-SVI surface (the fit's parameters and forward). */
export interface RiskSmileSlice {
  expiryMs: number;
  tYears: number;
  forward: number;
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/** An underlying's fitted smile surface as plain data (what a risk job receives). */
export interface RiskSmile {
  underlying: string;
  /** Fit time and the spot it was fitted at. */
  asOfMs: number;
  spot: number;
  slices: RiskSmileSlice[];
}

/** The vol dynamics a risk job applies to spot moves. */
export interface RiskVolDynamics {
  stickiness: VolStickiness;
  smiles: RiskSmile[];
}

/** Per-row smile data of a sticky-delta book (see `smileVolShift`). */
export interface StickyDeltaRows {
  /** Surface per underlying index; undefined: its rows keep sticky-strike. */
  surfaces: (VolSurface | undefined)[];
  /** ln of each underlying's spot at which k0 was read (the book's spot). */
  lnSpot0: Float64Array;
  /** Each row's forward log-moneyness on its smile at that spot; NaN: no smile for the row. */
  k0: Float64Array;
  /** Years from the fit to the row's expiry. */
  tSmile: Float64Array;
  /** sigma(k0, tSmile). */
  iv0: Float64Array;
}

export interface StickyDeltaResult {
  book: RevalBook;
  /** Underlyings with options whose rows follow their smile. */
  covered: string[];
  /** Underlyings with options but no usable smile (they stay sticky-strike). */
  missing: string[];
}

/** Rebuilds the evaluable surface of a smile (throws on bad data). */
export function riskSmileSurface(s: RiskSmile): VolSurface {
  const slices = s.slices.map((p) =>
    sviSmile(
      { expiry: String(p.expiryMs), expiryMs: p.expiryMs, tYears: p.tYears, forward: p.forward },
      { a: p.a, b: p.b, rho: p.rho, m: p.m, sigma: p.sigma },
    ),
  );
  return buildSurface(slices, s.spot > 0 ? { spot: s.spot } : {});
}

/** The vol change of row r when its underlying trades at `spot` (0 without a smile). */
export function smileVolShift(sd: StickyDeltaRows, r: number, u: number, spot: number): number {
  const k0 = sd.k0[r] as number;
  if (Number.isNaN(k0)) return 0;
  const surface = sd.surfaces[u];
  if (!surface) return 0;
  const k = k0 - (Math.log(spot) - (sd.lnSpot0[u] as number));
  return surface.iv(k, sd.tSmile[r] as number) - (sd.iv0[r] as number);
}

/**
 * The book with sticky-delta rows: each option row is tied to its underlying's smile. Base values
 * are unchanged (the shift is exactly 0 at the book's spot).
 */
export function withStickyDelta(
  book: RevalBook,
  smiles: readonly RiskSmile[],
  asOfMs: number,
): StickyDeltaResult {
  const o = book.options;
  const nU = book.underlyings.length;
  const surfaces: (VolSurface | undefined)[] = new Array<VolSurface | undefined>(nU);
  const fits: (RiskSmile | undefined)[] = new Array<RiskSmile | undefined>(nU);
  book.underlyings.forEach((name, u) => {
    const s = smiles.find((x) => x.underlying === name);
    if (!s || s.slices.length === 0 || !(s.spot > 0)) return;
    try {
      surfaces[u] = riskSmileSurface(s);
      fits[u] = s;
    } catch {
      surfaces[u] = undefined;
    }
  });
  const sd: StickyDeltaRows = {
    surfaces,
    lnSpot0: Float64Array.from(book.spot0, (s) => Math.log(s)),
    k0: new Float64Array(o.n).fill(Number.NaN),
    tSmile: new Float64Array(o.n),
    iv0: new Float64Array(o.n),
  };
  const withOptions = new Set<number>();
  const covered = new Set<number>();
  for (let r = 0; r < o.n; r++) {
    const u = o.underlyingIndex[r] as number;
    withOptions.add(u);
    const surface = surfaces[u];
    const fit = fits[u];
    if (!surface || !fit) continue;
    const tSmile = (o.tYears[r] as number) + (asOfMs - fit.asOfMs) / MS_PER_YEAR;
    if (!(tSmile > 0)) continue;
    // The forward has moved with spot since the fit: read moneyness at the book's spot.
    const k0 =
      Math.log((o.strike[r] as number) / surface.forward(tSmile)) -
      Math.log((book.spot0[u] as number) / fit.spot);
    const iv0 = surface.iv(k0, tSmile);
    if (!Number.isFinite(k0) || !(iv0 > 0)) continue;
    sd.k0[r] = k0;
    sd.tSmile[r] = tSmile;
    sd.iv0[r] = iv0;
    covered.add(u);
  }
  const names = (set: Set<number>) =>
    [...set].sort((a, b) => a - b).map((u) => book.underlyings[u] as string);
  return {
    book: { ...book, options: { ...o, stickyDelta: sd } },
    covered: names(covered),
    missing: names(new Set([...withOptions].filter((u) => !covered.has(u)))),
  };
}

/** One line for a run's notes: which vol dynamics the spot moves used. */
export function volDynamicsNote(
  stickiness: VolStickiness,
  result: Pick<StickyDeltaResult, 'covered' | 'missing'> | undefined,
): string {
  if (stickiness !== 'sticky-delta' || !result)
    return 'sticky-strike: each option keeps its vol under spot moves';
  const parts = [`sticky-delta: option vols move along the fitted smile with the forward`];
  if (result.covered.length > 0) parts.push(`(${result.covered.join(', ')})`);
  if (result.missing.length > 0)
    parts.push(`; no fitted smile for ${result.missing.join(', ')}, kept sticky-strike`);
  return parts.join(' ');
}
