/**
 * The two variable transformations "Let's Be Rational" interpolates in for the outer branches of
 * its initial guess. In the transformed variable f the normalised price b is nearly linear in f,
 * so a rational cubic in (b, f) is accurate across many orders of magnitude of b.
 *
 * Lower map (small s): f(s) = 2 pi |x| / sqrt(27) * Phi(-z)^3, z = |x| / (sqrt3 s). It matches
 * the leading small-s behaviour of b, so df/db -> 1 as b -> 0.
 * Upper map (large s): f(s) = Phi(-s/2), with f -> 0 and df/db -> -1/2 as b -> b_max.
 *
 * Derivatives with respect to b follow from df/db = (df/ds) / (db/ds) with
 * db/ds = exp(-(h^2 + t^2)/2) / sqrt(2 pi), h = x/s, t = s/2; the Gaussian factors are combined
 * into single exponentials to postpone overflow. The inverses use the fast (1e-9) inverse normal:
 * they only seed the Householder steps, which are insensitive to errors that small.
 */
import { normInvFast } from '../math/normal';

const TWO_PI = 2 * Math.PI;
const TWO_PI_OVER_SQRT_27 = TWO_PI / Math.sqrt(27);
const SQRT_3 = Math.sqrt(3);
const SQRT_PI_OVER_2 = Math.sqrt(Math.PI / 2);

/** f_lower at s given z = |x|/(sqrt3 s) and phiMinusZ = Phi(-z). */
export function lowerMap(ax: number, phiMinusZ: number): number {
  return TWO_PI_OVER_SQRT_27 * ax * phiMinusZ * phiMinusZ * phiMinusZ;
}

/** df_lower/db = 2 pi y Phi(-z)^2 exp(y + s^2/8), y = z^2; `expYS` = exp(y + s^2/8). */
export function lowerMapSlope(y: number, phiMinusZ: number, expYS: number): number {
  return TWO_PI * y * phiMinusZ * phiMinusZ * expYS;
}

/**
 * d2f_lower/db2 = 2 pi (y/s) Phi(-z) exp(2y + s^2/4) [2z + (s^2/4 - 2 - 2y) Phi(-z)/phi(z)],
 * from (f_ss - f_s b_ss/b_s) / b_s^2 with b_ss/b_s = h^2/s - s/4; millsRatio = Phi(-z)/phi(z).
 */
export function lowerMapCurvature(
  s: number,
  z: number,
  phiMinusZ: number,
  millsRatio: number,
  expYS: number,
): number {
  const y = z * z;
  const bracket = 2 * z + (0.25 * s * s - 2 - 2 * y) * millsRatio;
  return ((TWO_PI * y) / s) * phiMinusZ * (expYS * expYS) * bracket;
}

/** s with f_lower(s) = f: Phi(-z) = sqrt3 (f / (2 pi |x|))^(1/3). */
export function inverseLowerMap(ax: number, f: number): number {
  if (!(f > 0)) return 0;
  const z = -normInvFast(SQRT_3 * Math.cbrt(f / (TWO_PI * ax)));
  return ax / (SQRT_3 * z);
}

/** df_upper/db = -exp(h^2/2) / 2. */
export function upperMapSlope(h: number): number {
  return -0.5 * Math.exp(0.5 * h * h);
}

/** d2f_upper/db2 = sqrt(pi/2) exp(h^2 + s^2/8) h^2 / s. */
export function upperMapCurvature(h: number, s: number): number {
  const w = h * h;
  return SQRT_PI_OVER_2 * Math.exp(w + 0.125 * s * s) * (w / s);
}

/** s with Phi(-s/2) = f. */
export function inverseUpperMap(f: number): number {
  return -2 * normInvFast(f);
}
