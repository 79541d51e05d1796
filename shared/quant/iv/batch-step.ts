/**
 * One Householder(3) step per row on its branch's objective (lets-be-rational.ts
 * householderRefine): 1/ln b - 1/ln beta (lower), b - beta (middle), ln(b_max - beta) -
 * ln(b_max - b) (upper), from b at the current s (batch-black.ts). Two steps as in the scalar
 * solver, the first on guess-quality b. The bracket is the branch's interval; where the scalar
 * solver would bisect (a step leaving the bracket, b underflowing or saturating) or the last
 * correction is too large to prove convergence, the row goes to the fallback instead, which
 * reruns it on the scalar path.
 */
import { tableExp as fastExp } from './batch-kernels';
import { fastLog } from './fast-log';
import type { IvWorkspace } from './batch-workspace';
import {
  LOWER_COUNT,
  MAX_EXPONENT,
  MIN_NORMALISED,
  MODE_DONE,
  MODE_FALLBACK,
  MODE_LOWER,
  MODE_MIDDLE,
  OTHER_COUNT,
} from './batch-workspace';

const DBL_EPSILON = 2 ** -52;
const DBL_MIN = 2 ** -1022;
const INV_SQRT_2PI = 0.3989422804014327;
/**
 * Largest accepted last correction, relative to s (2^-17). The corrections seen on the benchmark
 * set stay below 1e-6; the error left after one of 2^-17 is ~C 2^-68 with C <= 2.4 measured.
 */
const FINAL_STEP_MAX = 2 ** -17;

/**
 * Steps the active rows of the lower branch (`lowerBranch`) or of the other two. The first step
 * prepares h, t and g at the new s; the `final` one finishes every row (MODE_DONE or, where it
 * did not converge, MODE_FALLBACK).
 */
export function stepPass(ws: IvWorkspace, lowerBranch: boolean, final: boolean): void {
  const { x: xs, beta: betas, lnBeta, bMax: bMaxs, s: ss, lo, hi, h: hs, t: ts, g: gs } = ws;
  const { invS, b: bs, mode, f64, i32 } = ws;
  const minNormalised = MIN_NORMALISED;
  const maxExponent = MAX_EXPONENT;
  const ulp4 = 4 * DBL_EPSILON;
  const rows = lowerBranch ? ws.lowerRows : ws.otherRows;
  const n = ws.counts[lowerBranch ? LOWER_COUNT : OTHER_COUNT] as number;
  for (let k = 0; k < n; k++) {
    const j = rows[k] as number;
    const m = mode[j] as number;
    if (m < MODE_LOWER) continue;
    const s = ss[j] as number;
    const b = bs[j] as number;
    const beta = betas[j] as number;
    const bMax = bMaxs[j] as number;
    const bp = INV_SQRT_2PI * (gs[j] as number);
    if (!(b >= minNormalised && b < bMax && bp > 0)) {
      mode[j] = MODE_FALLBACK;
      continue;
    }
    const h = hs[j] as number;
    const xs2 = h * (invS[j] as number);
    const bHalley = h * xs2 - 0.25 * s;
    const bHh3 = bHalley * bHalley - 3 * xs2 * xs2 - 0.25;
    let newton: number;
    let halley: number;
    let hh3: number;
    if (lowerBranch) {
      const lnB = fastLog(b, f64, i32);
      const lnBetaJ = lnBeta[j] as number;
      const bpob = bp / b;
      // One reciprocal serves 1/ln b and the Newton step (divisions dominate this arithmetic);
      // (ln beta - ln b) keeps the sign of beta - b exactly, unlike 1 - ln b / ln beta.
      const rec = 1 / (lnB * lnBetaJ * bpob);
      const inv = lnBetaJ * bpob * rec;
      newton = (lnBetaJ - lnB) * lnB * lnB * rec;
      halley = bHalley - bpob * (1 + 2 * inv);
      hh3 = bHh3 + 2 * bpob * bpob * (1 + 3 * inv * (1 + inv)) - 3 * bHalley * bpob * (1 + 2 * inv);
    } else if (m === MODE_MIDDLE) {
      newton = (beta - b) / bp;
      halley = bHalley;
      hh3 = bHh3;
    } else {
      const gap = bMax - b;
      const gp = bp / gap;
      const ratio = (bMax - beta) / gap;
      if (!(ratio >= DBL_MIN && ratio < Infinity)) {
        mode[j] = MODE_FALLBACK;
        continue;
      }
      // fastLog is within an ulp also next to 1, where this ratio ends up.
      newton = -fastLog(ratio, f64, i32) / gp;
      halley = bHalley + gp;
      hh3 = bHh3 + gp * (2 * gp + 3 * bHalley);
    }
    const ds =
      (newton * (1 + 0.5 * halley * newton)) / (1 + newton * (halley + hh3 * newton * (1 / 6)));
    const next = s + ds;
    const inBracket = next > (lo[j] as number) && next < (hi[j] as number);
    if (final) {
      const step = Math.abs(ds);
      // Converged: within 4 ulp (b - beta is then rounding noise of either sign, so the
      // bracket is not asked), or a last correction small enough that the error it leaves,
      // ~C step^4 (order four; C <= 2.4 measured), is far below an ulp. Anything else means
      // the steps did not converge from this guess: the scalar solver redoes the row.
      if (step <= ulp4 * s || (step <= FINAL_STEP_MAX * s && inBracket)) {
        ss[j] = next;
        mode[j] = MODE_DONE;
      } else {
        mode[j] = MODE_FALLBACK;
      }
    } else if (inBracket) {
      // No early finish here: this step's b may be of guess quality (batch-black.ts).
      ss[j] = next;
      // The next point for batch-black.ts (as pointPass in batch-prepare.ts).
      const invNext = 1 / next;
      const hNext = (xs[j] as number) * invNext;
      const tNext = 0.5 * next;
      const q = 0.5 * (hNext * hNext + tNext * tNext);
      invS[j] = invNext;
      hs[j] = hNext;
      ts[j] = tNext;
      if (q < maxExponent) gs[j] = fastExp(-q);
      else mode[j] = MODE_FALLBACK;
    } else {
      mode[j] = MODE_FALLBACK;
    }
  }
}
