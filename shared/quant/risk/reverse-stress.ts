/**
 * Reverse stress: the smallest shock along a direction that loses a given amount.
 *
 * A direction is a move per underlying in factor coordinates, (dx_u, dv_u) for log spot and log
 * vol; the shock of size t is x = t dx, v = t dv. The loss L(t) = -P&L(t) is computed by full
 * revaluation; the smallest t in (0, tMax] with L(t) = target is found by scanning t on a grid
 * (losses need not be monotone: options can gain then lose) until the first bracket, then Brent's
 * method inside it. Directions:
 * - `proportionalDirection`: every spot moves by the same relative amount (down or up), vols
 *   fixed (or tied by `volPerSpot`, e.g. -1: vols +1% per 1% spot drop);
 * - `tailDirection`: the mean factor move of the Monte Carlo scenarios beyond VaR (the book's
 *   worst direction as the model sees it), scaled to unit length.
 */
import { brentRoot } from '../stats/optimize';
import { underlyingPnlExact, type RevalBook } from './reval-rows';

export interface ShockDirection {
  name: string;
  dx: Float64Array;
  dv: Float64Array;
}

export interface ReverseStressResult {
  direction: string;
  targetLossUsd: number;
  found: boolean;
  /** Shock size t (for proportional directions: log spot move of every underlying). */
  t?: number;
  /** Relative spot and vol changes at t, per underlying. */
  moves?: { underlying: string; spot: number; vol: number }[];
  lossUsd?: number;
  byUnderlying?: { underlying: string; pnlUsd: number }[];
  /** Largest loss seen along the direction up to tMax (when not found). */
  maxLossUsd: number;
}

export function bookPnlAlong(book: RevalBook, dir: ShockDirection, t: number): Float64Array {
  return Float64Array.from(book.underlyings, (_, u) =>
    underlyingPnlExact(book, u, {
      x: t * (dir.dx[u] as number),
      volMultiplier: Math.exp(t * (dir.dv[u] as number)),
      volAddAbs: 0,
      rateShift: 0,
      dtYears: 0,
    }),
  );
}

function total(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

export function proportionalDirection(nU: number, sign: -1 | 1, volPerSpot = 0): ShockDirection {
  return {
    name: `all spots ${sign < 0 ? 'down' : 'up'} proportionally${volPerSpot !== 0 ? `, vol ${volPerSpot} per unit spot move` : ''}`,
    dx: new Float64Array(nU).fill(sign),
    dv: new Float64Array(nU).fill(sign * volPerSpot),
  };
}

/** Mean factor move over the scenarios whose P&L is at or below -VaR, normalised to length 1. */
export function tailDirection(
  x: Float64Array,
  v: Float64Array,
  pnl: Float64Array,
  varUsd: number,
  nU: number,
): ShockDirection {
  const dx = new Float64Array(nU);
  const dv = new Float64Array(nU);
  let count = 0;
  for (let p = 0; p < pnl.length; p++) {
    if (-(pnl[p] as number) < varUsd) continue;
    count++;
    for (let u = 0; u < nU; u++) {
      dx[u] = (dx[u] as number) + (x[p * nU + u] as number);
      dv[u] = (dv[u] as number) + (v[p * nU + u] as number);
    }
  }
  if (count === 0) throw new RangeError('tailDirection: no scenario beyond VaR');
  let norm = 0;
  for (let u = 0; u < nU; u++) norm += (dx[u] as number) ** 2 + (dv[u] as number) ** 2;
  norm = Math.sqrt(norm);
  if (!(norm > 0)) throw new RangeError('tailDirection: the tail has no mean move');
  return {
    name: 'Monte Carlo tail (mean move beyond VaR)',
    dx: dx.map((d) => d / norm),
    dv: dv.map((d) => d / norm),
  };
}

export function reverseStress(
  book: RevalBook,
  targetLossUsd: number,
  dir: ShockDirection,
  options: { tMax?: number; steps?: number } = {},
): ReverseStressResult {
  if (!(targetLossUsd > 0))
    throw new RangeError(`target loss must be > 0 USD, got ${targetLossUsd}`);
  // Default tMax: log move of 3 (spot x 0.05 or x 20) along a unit direction.
  const tMax = options.tMax ?? 3;
  const steps = options.steps ?? 60;
  const loss = (t: number) => -total(bookPnlAlong(book, dir, t));
  let prevT = 0;
  let prevL = loss(0);
  let maxLoss = prevL;
  for (let i = 1; i <= steps; i++) {
    const t = (tMax * i) / steps;
    const l = loss(t);
    maxLoss = Math.max(maxLoss, l);
    if (prevL < targetLossUsd && l >= targetLossUsd) {
      const root = brentRoot((s) => loss(s) - targetLossUsd, prevT, t, { tol: 1e-10 });
      const parts = bookPnlAlong(book, dir, root);
      return {
        direction: dir.name,
        targetLossUsd,
        found: true,
        t: root,
        moves: book.underlyings.map((u, k) => ({
          underlying: u,
          spot: Math.expm1(root * (dir.dx[k] as number)),
          vol: Math.expm1(root * (dir.dv[k] as number)),
        })),
        lossUsd: -total(parts),
        byUnderlying: book.underlyings.map((u, k) => ({
          underlying: u,
          pnlUsd: parts[k] as number,
        })),
        maxLossUsd: maxLoss,
      };
    }
    prevT = t;
    prevL = l;
  }
  return { direction: dir.name, targetLossUsd, found: false, maxLossUsd: maxLoss };
}
