/**
 * Liquidation price of one symbol's legs against one margin balance, for every venue formula.
 *
 * In u (= price for linear, 1/price for inverse; see `position-math.ts`) the margin surplus is
 *
 *   f(u) = B + sum_i s_i q_i (u - e_i) - sum_i MM_i(q_i u) - sum_i fee_i q_i u - sum_i K_i
 *
 * with B the balance backing the legs (isolated margin, or for cross: wallet balance minus the
 * other symbols' maintenance plus their unrealised P&L, Binance's WB - TMM1 + UPNL1), s_i the
 * u-space side, e_i the u-space entry, MM_i the tiered maintenance margin (continuous thanks to
 * the maintenance amounts) and K_i constants (MM valued at entry, fee at the bankruptcy price).
 * f is continuous and piecewise linear: its kinks are the tier boundaries u = floor / q_i. Inside
 * each stretch between kinks every leg's tier is fixed, f = A + S u and the root is -A/S; a root
 * is accepted only when it lies in the stretch it was solved for. This is the venues' "recompute
 * with the tier of the liquidation price" rule made exhaustive: every stretch is tried, so the
 * returned price always lies in the tier used, and a hedge (long + short legs, whose f need not be
 * monotone) gets its nearest root on each side of the mark.
 */
import type { ContractType } from './types';
import { tierIndexForNotional } from './tiers';
import { priceToU, uToPrice } from './position-math';
import type { SurplusLeg } from './surplus-curve';
import { buildSurplusCurve, evalSurplusCurve } from './surplus-curve';

export type LiqLeg = SurplusLeg;

export interface LiqProblem {
  type: ContractType;
  balance: number;
  legs: readonly LiqLeg[];
  /** Current mark: roots are searched on each side of it. */
  referencePrice: number;
}

export interface LiqSolution {
  /** Root on the adverse side of the net exposure; null if the legs cannot be liquidated there. */
  liquidationPrice: number | null;
  /** Nearest liquidation price below / above the reference price (null: none). */
  priceBelow: number | null;
  priceAbove: number | null;
  /** f at the reference price: margin balance minus requirement. */
  surplusAtReference: number;
  alreadyLiquidated: boolean;
  /** Tier index of each leg at `liquidationPrice` (its notional lies in that tier). */
  tierIndices: number[] | null;
}

/** Margin surplus f(u) (balance minus requirement) at a price. */
export function surplusAtPrice(problem: LiqProblem, price: number): number {
  return (
    problem.balance +
    evalSurplusCurve(buildSurplusCurve(problem.legs), priceToU(problem.type, price))
  );
}

export function solveLiquidation(problem: LiqProblem): LiqSolution {
  const uRef = priceToU(problem.type, problem.referencePrice);
  const curve = buildSurplusCurve(problem.legs);
  const roots: number[] = [];
  let slopeAtRef = 0;
  for (let j = 0; j < curve.slope.length; j++) {
    const lo = curve.edges[j] as number;
    const hi = curve.edges[j + 1] as number;
    const a = problem.balance + (curve.intercept[j] as number);
    const s = curve.slope[j] as number;
    if (uRef >= lo && uRef < hi) slopeAtRef = s;
    if (s === 0) continue;
    const u = -a / s;
    const tol = 1e-12 * Math.max(1, Math.abs(u));
    if (u > 0 && u >= lo - tol && u <= hi + tol && Number.isFinite(u)) roots.push(u);
  }
  roots.sort((x, y) => x - y);
  const surplus = problem.balance + evalSurplusCurve(curve, uRef);
  let uBelow: number | null = null;
  let uAbove: number | null = null;
  for (const u of roots) {
    if (u < uRef) uBelow = u;
    else if (u > uRef && uAbove === null) uAbove = u;
  }
  const toPrice = (u: number | null): number | null =>
    u === null ? null : uToPrice(problem.type, u);
  const pBelowU = toPrice(uBelow);
  const pAboveU = toPrice(uAbove);
  // For inverse contracts u falls as the price rises, so the sides swap.
  const priceBelow = problem.type === 'linear' ? pBelowU : pAboveU;
  const priceAbove = problem.type === 'linear' ? pAboveU : pBelowU;
  let adverseU: number | null;
  if (slopeAtRef > 0) adverseU = uBelow;
  else if (slopeAtRef < 0) adverseU = uAbove;
  else adverseU = nearest(uRef, uBelow, uAbove);
  const alreadyLiquidated = surplus <= 0;
  const liquidationPrice = alreadyLiquidated ? problem.referencePrice : toPrice(adverseU);
  const uAt = alreadyLiquidated ? uRef : adverseU;
  const tierIndices =
    uAt === null ? null : problem.legs.map((leg) => tierIndexForNotional(leg.tiers, leg.q * uAt));
  return {
    liquidationPrice,
    priceBelow,
    priceAbove,
    surplusAtReference: surplus,
    alreadyLiquidated,
    tierIndices,
  };
}

function nearest(ref: number, below: number | null, above: number | null): number | null {
  if (below === null) return above;
  if (above === null) return below;
  return ref / below <= above / ref ? below : above;
}
