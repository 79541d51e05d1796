/**
 * Fast kernels for the batch pricers: e^x from a 2^(j/64) table and a short polynomial, and the
 * normal Mills ratio m(t) = N(-t) / phi(t) from piecewise polynomials (tables in
 * batch-tables.ts). Both are small enough for V8 to inline into the batch loops, unlike
 * `Math.exp`, a ~10 ns call into the C library here. Polynomials use Estrin's scheme so that
 * their multiplications run in parallel rather than as one long dependency chain (JS has no FMA).
 *
 * Accuracy (checked in test/quant/pricing/batch-math.test.ts):
 * - fastExp: within 2 ulp of Math.exp on [-745.2, 709.7]; arguments outside are outside its
 *   contract (the kernels clamp the Gaussian exponent; |rT| <= 500 by validation).
 * - fastMills: within 2.5 ulp of 30-digit values of m(t) (interpolation error < 1e-17, the rest
 *   is rounding), within 6 ulp of sqrt(pi/2) erfcx(t / sqrt2) from math/normal.ts; t is capped
 *   at 60, harmless since phi(t) underflows to 0 beyond 38.5.
 */
import { EXP2_FRAC, MILLS_COEFFS } from './batch-tables';

const POW2_OFFSET = 1100;

/** Exact 2^m for m in [-1100, 1023] at index m + POW2_OFFSET (0 below the subnormals). */
function buildPow2(): Float64Array {
  const table = new Float64Array(POW2_OFFSET + 1024);
  let up = 1;
  for (let m = 0; m <= 1023; m++) {
    table[m + POW2_OFFSET] = up;
    up *= 2;
  }
  let down = 1;
  for (let m = 0; m >= -POW2_OFFSET; m--) {
    table[m + POW2_OFFSET] = down;
    down *= 0.5;
  }
  return table;
}

const POW2 = buildPow2();

const INV_LN2_64 = 92.33248261689366; // 64 / ln 2
const LN2_64_HI = 0.010830424667801708; // ln2 / 64 to 29 bits: k * HI is exact for |k| < 2^24
const LN2_64_LO = 2.8447437476627285e-11;

/** e^x for x in [-745.2, 709.7] (callers clamp below: no range handling here). */
export function fastExp(x: number): number {
  const kf = Math.floor(x * INV_LN2_64 + 0.5);
  const k = kf | 0;
  const r = x - kf * LN2_64_HI - kf * LN2_64_LO; // |r| <= ln2 / 128
  const r2 = r * r;
  // Degree-5 Taylor polynomial (truncation r^6 / 720 < 4e-17), Estrin form.
  const p = 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  return (EXP2_FRAC[k & 63] as number) * p * (POW2[(k >> 6) + POW2_OFFSET] as number);
}

/** Mills ratio m(t) = N(-t) / phi(t) for t >= 0. */
export function fastMills(t: number): number {
  const inv = 1 / (2 + Math.min(t, 60));
  const u = 128 * inv; // 64 y with y = 2 / (2 + t)
  const piece = u | 0;
  const z = 2 * (u - piece) - 1;
  const c = piece * 7;
  const z2 = z * z;
  const lo = (MILLS_COEFFS[c] as number) + z * (MILLS_COEFFS[c + 1] as number);
  const mid = (MILLS_COEFFS[c + 2] as number) + z * (MILLS_COEFFS[c + 3] as number);
  const hi =
    (MILLS_COEFFS[c + 4] as number) +
    z * (MILLS_COEFFS[c + 5] as number) +
    z2 * (MILLS_COEFFS[c + 6] as number);
  return (lo + z2 * (mid + z2 * hi)) * inv;
}
