/**
 * Initial guesses of the batch solver, the four branches of lets-be-rational.ts: with b at the
 * node (s_l or s_u) known, each row picks its branch, its bracket and its Householder objective.
 * The middle branches interpolate s(beta) here; the lower branch is left to
 * batch-guess-lower.ts; the upper branch (rare on quotes) to upperGuessPass, per row.
 *
 * Both middle branches share one call of each interpolation helper, so that V8 inlines them
 * (a second call site would exceed its inlining budget and box eight arguments per call): the
 * right-end curvature control of the lower middle branch is the left-end control of the data
 * mirrored in b (x -> -x, slopes negated, ends swapped), which gives the same double.
 */
import { normCdf, normInvFast } from '../math/normal';
import { upperMapCurvature, upperMapSlope } from './lbr-maps';
import { convexControlForLeftCurvature, rationalCubicInterpolation } from './rational-cubic';
import { tableExp as fastExp } from './batch-kernels';
import type { IvWorkspace } from './batch-workspace';
import {
  LOWER_COUNT,
  MAX_EXPONENT,
  MODE_FALLBACK,
  OTHER_COUNT,
  MODE_HIGH_SIDE,
  MODE_LOW_SIDE,
  MODE_LOWER,
  MODE_MIDDLE,
  MODE_UPPER,
} from './batch-workspace';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Branch and bracket of every row at a node, and the row lists by branch; for the middle
 * branches the guess s with h, t and g there.
 */
export function guessPass(ws: IvWorkspace, n: number): void {
  const { x: xs, beta: betas, bMax: bMaxs, bC: bCs, s: ss, lo, hi, b: bs } = ws;
  const { invS, h: hs, t: ts, g: gs, mode, lowerRows, otherRows, counts } = ws;
  const maxExponent = MAX_EXPONENT;
  let nLower = 0;
  let nOther = 0;
  for (let j = 0; j < n; j++) {
    const m = mode[j] as number;
    if (m !== MODE_LOW_SIDE && m !== MODE_HIGH_SIDE) continue;
    const beta = betas[j] as number;
    const x = xs[j] as number;
    const node = ss[j] as number;
    const bNode = bs[j] as number;
    const low = m === MODE_LOW_SIDE;
    if (low && beta < bNode) {
      lo[j] = 0;
      hi[j] = node;
      mode[j] = MODE_LOWER;
      lowerRows[nLower++] = j;
      continue;
    }
    if (!low && beta > bNode) {
      // Upper branch (rare on quotes): guessed by upperGuessPass, whose calls stay out of here.
      lo[j] = node;
      hi[j] = Infinity;
      mode[j] = MODE_UPPER;
      otherRows[nOther++] = j;
      continue;
    }
    const bMax = bMaxs[j] as number;
    // s(beta) through (b_l, s_l)-(b_c, s_c) or (b_c, s_c)-(b_u, s_u), slopes 1/vega, zero
    // curvature at the inflection s_c.
    const bC = bCs[j] as number;
    const sC = Math.sqrt(-2 * x);
    const dC = 1 / (INV_SQRT_2PI * bMax);
    const dNode = 1 / (INV_SQRT_2PI * (gs[j] as number));
    const bLeft = low ? bNode : bC;
    const bRight = low ? bC : bNode;
    const sLeft = low ? node : sC;
    const sRight = low ? sC : node;
    const dLeft = low ? dNode : dC;
    const dRight = low ? dC : dNode;
    // Curvature 0 at the right end (lower middle) is the left-end control of the mirrored data.
    const r = convexControlForLeftCurvature(
      low ? -bRight : bLeft,
      low ? -bLeft : bRight,
      low ? sRight : sLeft,
      low ? sLeft : sRight,
      low ? -dRight : dLeft,
      low ? -dLeft : dRight,
      0,
      false,
    );
    const guess = rationalCubicInterpolation(beta, bLeft, bRight, sLeft, sRight, dLeft, dRight, r);
    const s = guess > sLeft && guess < sRight ? guess : 0.5 * (sLeft + sRight);
    mode[j] = MODE_MIDDLE;
    ss[j] = s;
    lo[j] = sLeft;
    hi[j] = sRight;
    otherRows[nOther++] = j;
    // h, t and g at the guess for batch-black.ts (as pointPass in batch-prepare.ts).
    const inv = 1 / s;
    const h = x * inv;
    const t = 0.5 * s;
    const q = 0.5 * (h * h + t * t);
    invS[j] = inv;
    hs[j] = h;
    ts[j] = t;
    if (q < maxExponent) gs[j] = fastExp(-q);
    else mode[j] = MODE_FALLBACK;
  }
  counts[LOWER_COUNT] = nLower;
  counts[OTHER_COUNT] = nOther;
}

/** Guess s of the upper-branch rows (node s_u in `lo`, b_u in `b`), with h, t and g there. */
export function upperGuessPass(ws: IvWorkspace): void {
  const { x: xs, beta, bMax, s: ss, lo, invS, h: hs, t: ts, g: gs, b: bs, mode, otherRows } = ws;
  const n = ws.counts[OTHER_COUNT] as number;
  const maxExponent = MAX_EXPONENT;
  for (let k = 0; k < n; k++) {
    const j = otherRows[k] as number;
    if (mode[j] !== MODE_UPPER) continue;
    const s = upperGuess(
      beta[j] as number,
      bMax[j] as number,
      lo[j] as number,
      hs[j] as number,
      bs[j] as number,
    );
    ss[j] = s;
    const inv = 1 / s;
    const h = (xs[j] as number) * inv;
    const t = 0.5 * s;
    const q = 0.5 * (h * h + t * t);
    invS[j] = inv;
    hs[j] = h;
    ts[j] = t;
    if (q < maxExponent) gs[j] = fastExp(-q);
    else mode[j] = MODE_FALLBACK;
  }
}

/** Upper map f = Phi(-s/2): rational cubic in f(beta) from (b_u, f_u) to (b_max, 0), inverted. */
function upperGuess(beta: number, bMax: number, sU: number, hU: number, bU: number): number {
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
  const s = f > 0 && f < 0.5 ? -2 * normInvFast(f) : sU;
  return s > sU && s < Infinity ? s : 2 * sU;
}
