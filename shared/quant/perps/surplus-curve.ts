/**
 * The margin-surplus contribution of a set of legs on one price, as a continuous piecewise-linear
 * function of u (= price, or 1/price for inverse contracts; see `position-math.ts`):
 *
 *   c(u) = sum_i [ s_i q_i (u - e_i) - MM_i(q_i u) - fee_i q_i u - K_i ].
 *
 * Kinks sit at the tier boundaries u = floor / q_i; between kinks every leg's tier is fixed and
 * c = intercept + slope * u. Shared by the liquidation solver (roots of balance + c) and the
 * Monte Carlo (surplus along simulated paths).
 */
import type { ResolvedTier } from './types';
import { tierIndexForNotional } from './tiers';

export interface SurplusLeg {
  /** Side sign in u-space (`uSideSign`). */
  su: 1 | -1;
  /** Exposure q: coins (linear) or USD face value (inverse); > 0. */
  q: number;
  /** Entry in u-space (`priceToU(type, entryPrice)`). */
  eu: number;
  tiers: readonly ResolvedTier[];
  /** When set, the maintenance margin is this constant (valued at entry) instead of MM(q u). */
  fixedMaintenance?: number;
  /** Fee rate charged on the notional q u (OKX close fee); 0 if none. */
  feeRate: number;
  /** Constant added to the requirement (Bybit's fee to close at the bankruptcy price); 0 if none. */
  fixedFee: number;
}

/** Pieces [edges[j], edges[j+1]) with c(u) = intercept[j] + slope[j] * u; edges[0] = 0. */
export interface SurplusCurve {
  edges: Float64Array;
  intercept: Float64Array;
  slope: Float64Array;
}

function pieceAt(legs: readonly SurplusLeg[], probe: number): { a: number; s: number } {
  let a = 0;
  let s = 0;
  for (const leg of legs) {
    a -= leg.su * leg.q * leg.eu + leg.fixedFee;
    s += leg.su * leg.q - leg.feeRate * leg.q;
    if (leg.fixedMaintenance !== undefined) {
      a -= leg.fixedMaintenance;
    } else {
      const t = leg.tiers[tierIndexForNotional(leg.tiers, leg.q * probe)] as ResolvedTier;
      a += t.maintAmount;
      s -= t.mmr * leg.q;
    }
  }
  return { a, s };
}

export function buildSurplusCurve(legs: readonly SurplusLeg[]): SurplusCurve {
  const kinks = new Set<number>();
  for (const leg of legs) {
    if (leg.fixedMaintenance !== undefined) continue;
    for (const t of leg.tiers) if (t.floor > 0) kinks.add(t.floor / leg.q);
  }
  const inner = [...kinks].sort((x, y) => x - y);
  const edges = Float64Array.from([0, ...inner, Infinity]);
  const m = edges.length - 1;
  const intercept = new Float64Array(m);
  const slope = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const lo = edges[j] as number;
    const hi = edges[j + 1] as number;
    const { a, s } = pieceAt(legs, Number.isFinite(hi) ? 0.5 * (lo + hi) : lo + 1);
    intercept[j] = a;
    slope[j] = s;
  }
  return { edges, intercept, slope };
}

/** Index of the piece holding u (binary search over the edges). */
export function pieceIndex(curve: SurplusCurve, u: number): number {
  const e = curve.edges;
  let lo = 0;
  let hi = e.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (u >= (e[mid] as number)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function evalSurplusCurve(curve: SurplusCurve, u: number): number {
  const j = pieceIndex(curve, u);
  return (curve.intercept[j] as number) + (curve.slope[j] as number) * u;
}
