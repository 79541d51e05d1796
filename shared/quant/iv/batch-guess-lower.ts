/**
 * Lower-branch guess of the batch solver (beta < b(s_l)), as in lets-be-rational.ts: a rational
 * cubic from (0, 0) to (b_l, f_l) in the lower map f = 2 pi |x| Phi(-z)^3 / sqrt 27,
 * z = |x| / (sqrt3 s), matching f's curvature at b_l, then the map inverted. Three passes over
 * the MODE_LOWER rows, each within V8's inlining budget (see batch-workspace.ts).
 */
import { tableExp as fastExp, tableMills as fastMills } from './batch-kernels';
import { normInvFast } from '../math/normal';
import { fastLog } from './fast-log';
import { lowerMap, lowerMapCurvature, lowerMapSlope } from './lbr-maps';
import { convexControlForLeftCurvature, rationalCubicInterpolation } from './rational-cubic';
import type { IvWorkspace } from './batch-workspace';
import {
  LOWER_COUNT,
  MAX_EXPONENT,
  MIN_NORMALISED,
  MODE_FALLBACK,
  MODE_LOWER,
} from './batch-workspace';

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_3 = Math.sqrt(3);
const TWO_PI = 2 * Math.PI;

/** f, df/db and d2f/db2 of the lower map at the node s_l (held in `hi`); ln beta. */
export function lowerNodePass(ws: IvWorkspace): void {
  const { x: xs, beta, lnBeta, hi, g: gs, f: fs, df: dfs, d2f: d2fs, mode, f64, i32 } = ws;
  const maxExponent = MAX_EXPONENT;
  const { lowerRows } = ws;
  const n = ws.counts[LOWER_COUNT] as number;
  for (let k = 0; k < n; k++) {
    const j = lowerRows[k] as number;
    if (mode[j] !== MODE_LOWER) continue;
    const ax = -(xs[j] as number);
    const sL = hi[j] as number;
    const z = ax / (SQRT_3 * sL);
    const ys = z * z + 0.125 * sL * sL;
    if (!(ys < maxExponent)) {
      mode[j] = MODE_FALLBACK;
      continue;
    }
    // Phi(-z) from the Mills ratio, with exp(-z^2/2) = g_l exp(z^2 + s_l^2/8) (h_l^2 = 3 z^2).
    const millsRatio = fastMills(z);
    const expYS = fastExp(ys);
    const phiMinusZ = INV_SQRT_2PI * ((gs[j] as number) * expYS) * millsRatio;
    fs[j] = lowerMap(ax, phiMinusZ);
    dfs[j] = lowerMapSlope(z * z, phiMinusZ, expYS);
    d2fs[j] = lowerMapCurvature(sL, z, phiMinusZ, millsRatio, expYS);
    lnBeta[j] = fastLog(beta[j] as number, f64, i32); // for the objective 1/ln b - 1/ln beta
  }
}

/** f(beta) from the rational cubic through (0, 0) with slope 1 and (b_l, f_l) (b_l in `b`). */
export function lowerInterpolationPass(ws: IvWorkspace): void {
  const { beta: betas, b: bs, f: fs, df: dfs, d2f: d2fs, mode } = ws;
  const { lowerRows } = ws;
  const n = ws.counts[LOWER_COUNT] as number;
  for (let k = 0; k < n; k++) {
    const j = lowerRows[k] as number;
    if (mode[j] !== MODE_LOWER) continue;
    const beta = betas[j] as number;
    const bL = bs[j] as number;
    const fL = fs[j] as number;
    const dfL = dfs[j] as number;
    // Right-end curvature control = left-end control of the data mirrored in b (batch-guess.ts).
    const r = convexControlForLeftCurvature(-bL, -0, fL, 0, -dfL, -1, d2fs[j] as number, true);
    let f = rationalCubicInterpolation(beta, 0, bL, 0, fL, 1, dfL, r);
    if (!(f > 0)) {
      // Round-off for extreme |x|: the quadratic through f(0) = 0, f'(0) = 1 and f(b_l).
      const u = beta / bL;
      f = (fL * u + bL * (1 - u)) * u;
    }
    fs[j] = f;
  }
}

/** s from f: Phi(-z) = sqrt3 (f / (2 pi |x|))^(1/3); outside (0, s_l) the midpoint. */
export function lowerInversePass(ws: IvWorkspace): void {
  const { x: xs, s: ss, hi, f: fs, mode, f64, i32 } = ws;
  const minNormalised = MIN_NORMALISED;
  const { lowerRows } = ws;
  const n = ws.counts[LOWER_COUNT] as number;
  for (let k = 0; k < n; k++) {
    const j = lowerRows[k] as number;
    if (mode[j] !== MODE_LOWER) continue;
    const ax = -(xs[j] as number);
    const y = (fs[j] as number) / (TWO_PI * ax);
    const sL = hi[j] as number;
    let s = 0.5 * sL;
    if (y >= minNormalised && y < 1) {
      // The cube root only seeds the steps: exp(ln(y)/3) to ~1e-15 is plenty.
      const z = -normInvFast(SQRT_3 * fastExp((1 / 3) * fastLog(y, f64, i32)));
      const guess = ax / (SQRT_3 * z);
      if (guess > 0 && guess < sL) s = guess;
    }
    ss[j] = s;
  }
}
