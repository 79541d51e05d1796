/**
 * Implied total volatility from a normalised out-of-the-money price, after P. Jäckel, "Let's Be
 * Rational" (Wilmott 2015; revised 2016 with the asymptotic normalised Black function).
 *
 * Given x = ln(F/K) <= 0 and beta = OTM call price / sqrt(F K) in (0, exp(x/2)), find s = sigma
 * sqrt(T) with b(x, s) = beta. The curve b(s) has one inflection at s_c = sqrt(2|x|); the tangent
 * there meets b = 0 at s_l and b = b_max at s_u. These split beta into four branches:
 *   - beta < b(s_l): rational cubic in the lower map f_lower(beta), then invert the map;
 *   - b(s_l) <= beta < b(s_c) and b(s_c) <= beta <= b(s_u): rational cubic directly in s(beta),
 *     with zero curvature s''(b_c) = 0 at the inflection;
 *   - beta > b(s_u): rational cubic in the upper map f_upper(beta), then invert.
 * The guess is then refined by two Householder steps of third order on an objective chosen per
 * branch so that it is nearly linear in s: 1/ln b - 1/ln beta (lower), b - beta (middle),
 * ln(b_max - beta) - ln(b_max - b) (upper). Two steps reach machine precision.
 */
import { erfcx, normCdf, INV_SQRT_2PI } from '../math/normal';
import {
  inverseLowerMap,
  inverseUpperMap,
  lowerMap,
  lowerMapCurvature,
  lowerMapSlope,
  upperMapCurvature,
  upperMapSlope,
} from './lbr-maps';
import { SMALL_T, normalisedBlackOtmCore } from './normalised-black';
import {
  convexControlForLeftCurvature,
  convexControlForRightCurvature,
  rationalCubicInterpolation,
} from './rational-cubic';

const DBL_EPSILON = 2 ** -52;
const DBL_MIN = 2.2250738585072014e-308;
const SQRT_3 = Math.sqrt(3);
const SQRT_PI_OVER_2 = Math.sqrt(Math.PI / 2);
const LOWER = 0;
const MIDDLE = 1;
const UPPER = 2;
/** Householder steps taken normally (Jäckel: two suffice for full double precision). */
const HOUSEHOLDER_STEPS = 2;
/** Extra steps allowed only after a safeguard fired (underflow, a step leaving its bracket). */
const RESCUE_STEPS = 40;

/** Householder(3) correction factor: step = newton * factor. */
function householderFactor(newton: number, halley: number, hh3: number): number {
  return (1 + 0.5 * halley * newton) / (1 + newton * (halley + hh3 * newton * (1 / 6)));
}

/**
 * Total implied volatility s for x <= 0 and 0 < beta < exp(x/2). Returns 0 for beta <= 0 and
 * +Infinity for beta >= exp(x/2); callers validate first and report those as errors.
 */
export function normalisedImpliedVolOtm(beta: number, x: number): number {
  const bMax = Math.exp(0.5 * x);
  if (!(beta > 0)) return 0;
  if (!(beta < bMax)) return Infinity;
  // At the inflection s_c = sqrt(2|x|): h = -t, so h + t = 0 and exp(-(h^2 + t^2)/2) = b_max.
  const sC = Math.sqrt(-2 * x);
  // Outside the small-t region the erfcx form reduces to b_max (1 - erfcx(sqrt|x|)) / 2 there.
  const bC =
    0.5 * sC < SMALL_T
      ? normalisedBlackOtmCore(-0.5 * sC, 0.5 * sC, bMax, bMax)
      : 0.5 * bMax * (1 - erfcx(Math.sqrt(-x)));
  const vC = INV_SQRT_2PI * bMax;
  let s: number;
  let sLeft = 0;
  let sRight = Infinity;
  let mode: number;
  if (beta < bC) {
    const sL = sC - bC / vC;
    const hL = x / sL;
    const tL = 0.5 * sL;
    const gL = Math.exp(-0.5 * (hL * hL + tL * tL));
    const bL = normalisedBlackOtmCore(hL, tL, gL, bMax);
    if (beta < bL) {
      const ax = -x;
      const z = ax / (SQRT_3 * sL);
      // Phi(-z) and Phi(-z)/phi(z) from one erfcx (z > 0), sharing a single exponential.
      const millsRatio = SQRT_PI_OVER_2 * erfcx(z * Math.SQRT1_2);
      const expYS = Math.exp(z * z + 0.125 * sL * sL);
      // h_L^2 = 3 z^2, so exp(-z^2/2) = g_L exp(z^2 + s_L^2/8): no further exponential.
      const phiMinusZ = INV_SQRT_2PI * (gL * expYS) * millsRatio;
      const fL = lowerMap(ax, phiMinusZ);
      const dfL = lowerMapSlope(z * z, phiMinusZ, expYS);
      const d2fL = lowerMapCurvature(sL, z, phiMinusZ, millsRatio, expYS);
      const r = convexControlForRightCurvature(0, bL, 0, fL, 1, dfL, d2fL, true);
      let f = rationalCubicInterpolation(beta, 0, bL, 0, fL, 1, dfL, r);
      if (!(f > 0)) {
        // Round-off for extreme |x|: fall back to the quadratic through f(0) = 0, f'(0) = 1, f(b_l).
        const t = beta / bL;
        f = (fL * t + bL * (1 - t)) * t;
      }
      s = inverseLowerMap(ax, f);
      sRight = sL;
      mode = LOWER;
    } else {
      const vL = INV_SQRT_2PI * gL;
      const r = convexControlForRightCurvature(bL, bC, sL, sC, 1 / vL, 1 / vC, 0, false);
      s = rationalCubicInterpolation(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, r);
      sLeft = sL;
      sRight = sC;
      mode = MIDDLE;
    }
  } else {
    const sU = vC > DBL_MIN ? sC + (bMax - bC) / vC : Number.MAX_VALUE;
    const hU = x / sU;
    const tU = 0.5 * sU;
    const gU = Math.exp(-0.5 * (hU * hU + tU * tU));
    const bU = normalisedBlackOtmCore(hU, tU, gU, bMax);
    if (beta <= bU) {
      const vU = INV_SQRT_2PI * gU;
      const r = convexControlForLeftCurvature(bC, bU, sC, sU, 1 / vC, 1 / vU, 0, false);
      s = rationalCubicInterpolation(beta, bC, bU, sC, sU, 1 / vC, 1 / vU, r);
      sLeft = sC;
      sRight = sU;
      mode = MIDDLE;
    } else {
      const fU = normCdf(-0.5 * sU);
      const dfU = upperMapSlope(hU);
      const d2fU = upperMapCurvature(hU, sU);
      let f: number;
      if (Number.isFinite(d2fU) && Number.isFinite(dfU)) {
        const r = convexControlForLeftCurvature(bU, bMax, fU, 0, dfU, -0.5, d2fU, true);
        f = rationalCubicInterpolation(beta, bU, bMax, fU, 0, dfU, -0.5, r);
      } else {
        // Quadratic in d = b_max - beta through f(b_max) = 0, f'(b_max) = -1/2 and f(b_u).
        const dU = bMax - bU;
        const c = (fU - 0.5 * dU) / (dU * dU);
        const d = bMax - beta;
        f = d * (0.5 + c * d);
      }
      s = f > 0 && f < 0.5 ? inverseUpperMap(f) : sU;
      sLeft = sU;
      mode = UPPER;
    }
  }
  if (!(s > sLeft && s < sRight)) s = sRight < Infinity ? 0.5 * (sLeft + sRight) : 2 * sLeft;
  return householderRefine(beta, x, bMax, s, sLeft, sRight, mode);
}

/** Householder(3) steps on the branch's objective, kept inside (sLeft, sRight). */
function householderRefine(
  beta: number,
  x: number,
  bMax: number,
  sStart: number,
  sLeftStart: number,
  sRightStart: number,
  mode: number,
): number {
  let s = sStart;
  let sLeft = sLeftStart;
  let sRight = sRightStart;
  const lnBeta = mode === LOWER ? Math.log(beta) : 0;
  const invLnBeta = 1 / lnBeta;
  let limit = HOUSEHOLDER_STEPS;
  for (let i = 0; i < limit; i++) {
    // Divisions dominate the step's arithmetic: one reciprocal of s serves h and x/s^2.
    const invS = 1 / s;
    const h = x * invS;
    const t = 0.5 * s;
    const gauss = Math.exp(-0.5 * (h * h + t * t));
    const b = normalisedBlackOtmCore(h, t, gauss, bMax);
    const bp = INV_SQRT_2PI * gauss;
    if (!(b > 0 && bp > 0 && b < bMax)) {
      // Underflow / saturation at a poor point: bisect towards the side that holds the root.
      if (!(b > 0) || b < beta) sLeft = s;
      else sRight = s;
      s = sRight < Infinity ? 0.5 * (sLeft + sRight) : 2 * s;
      limit = Math.min(RESCUE_STEPS, i + 1 + HOUSEHOLDER_STEPS);
      continue;
    }
    if (b < beta) sLeft = s;
    else sRight = s;
    const xs2 = h * invS;
    const bHalley = h * xs2 - 0.25 * s;
    const bHh3 = bHalley * bHalley - 3 * xs2 * xs2 - 0.25;
    let newton: number;
    let halley: number;
    let hh3: number;
    if (mode === LOWER) {
      const lnB = Math.log(b);
      const bpob = bp / b;
      const inv = 1 / lnB;
      // (ln beta - ln b) keeps the sign of beta - b exactly, unlike 1 - ln b / ln beta.
      newton = ((lnBeta - lnB) * lnB * invLnBeta) / bpob;
      halley = bHalley - bpob * (1 + 2 * inv);
      hh3 = bHh3 + 2 * bpob * bpob * (1 + 3 * inv * (1 + inv)) - 3 * bHalley * bpob * (1 + 2 * inv);
    } else if (mode === MIDDLE) {
      newton = (beta - b) / bp;
      halley = bHalley;
      hh3 = bHh3;
    } else {
      const gap = bMax - b;
      const gp = bp / gap;
      newton = -Math.log((bMax - beta) / gap) / gp;
      halley = bHalley + gp;
      hh3 = bHh3 + gp * (2 * gp + 3 * bHalley);
    }
    const ds = newton * householderFactor(newton, halley, hh3);
    // At convergence b - beta is rounding noise and may point either way: a step this small is
    // accepted as is, never taken as a bracket violation.
    if (Math.abs(ds) <= 4 * DBL_EPSILON * s) return s + ds;
    let next = s + ds;
    if (!(next > sLeft && next < sRight)) {
      next = sRight < Infinity ? 0.5 * (sLeft + sRight) : Math.max(2 * s, next);
      limit = Math.min(RESCUE_STEPS, i + 1 + HOUSEHOLDER_STEPS);
    }
    s = next;
  }
  return s;
}
