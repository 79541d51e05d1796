/**
 * Standard normal distribution and the complementary error function, to near machine precision
 * in RELATIVE terms also deep in the tails (Phi(-37) ~ 5.7e-300 keeps ~15 digits).
 *
 * erf/erfc/erfcx use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximation for the error function", Math. Comp. 23 (1969); coefficients of his CALERF).
 * Where the Gaussian factor exp(-x^2) is needed, x^2 is split so that the exponent is formed
 * exactly: otherwise the rounding of x*x alone (relative 1e-16, times x^2 ~ 1400) would cost
 * ~1e-13 relative accuracy at x ~ 37. For the same reason normCdf never forms erfc(-x/sqrt2)
 * (the rounded argument x/sqrt2 would be amplified by 2u^2): it multiplies the smooth erfcx(u)
 * by exp(-x^2/2) built from x itself.
 */

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_PI = 0.5641895835477563;
/** 1 / sqrt(2 pi). */
export const INV_SQRT_2PI = 0.3989422804014327;
/** sqrt(2 pi). */
export const SQRT_2PI = 2.5066282746310007;
/** Cody's break point between the erf and erfc(x) rational forms. */
const ERF_BREAK = 0.46875;
/** Same break point in the normal variable: |x| / sqrt2 = 0.46875. */
const NORM_BREAK = ERF_BREAK * Math.SQRT2;

// Polynomials are evaluated by Horner's rule one coefficient per statement: this keeps the
// published coefficient order readable (literals are the shortest decimal forms of the same doubles).

/** erf(x) for |x| <= 0.46875 (Cody, first interval). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = 0.18577770618460315 * z + 3.1611237438705655;
  num = num * z + 113.86415415105016;
  num = num * z + 377.485237685302;
  num = num * z + 3209.3775891384694;
  let den = z + 23.601290952344122;
  den = den * z + 244.02463793444417;
  den = den * z + 1282.6165260773723;
  den = den * z + 2844.236833439171;
  return (x * num) / den;
}

/** erfcx(y) = exp(y^2) erfc(y) for y > 0.46875 (Cody, second and third intervals). */
function erfcxPositive(y: number): number {
  if (y <= 4) {
    let num = 2.1531153547440383e-8 * y + 0.5641884969886701;
    num = num * y + 8.883149794388377;
    num = num * y + 66.11919063714163;
    num = num * y + 298.6351381974001;
    num = num * y + 881.952221241769;
    num = num * y + 1712.0476126340707;
    num = num * y + 2051.0783778260716;
    num = num * y + 1230.3393547979972;
    let den = y + 15.744926110709835;
    den = den * y + 117.6939508913125;
    den = den * y + 537.1811018620099;
    den = den * y + 1621.3895745666903;
    den = den * y + 3290.7992357334597;
    den = den * y + 4362.619090143247;
    den = den * y + 3439.3676741437216;
    den = den * y + 1230.3393548037495;
    return num / den;
  }
  const z = 1 / (y * y);
  let num = 0.016315387137302097 * z + 0.30532663496123236;
  num = num * z + 0.36034489994980445;
  num = num * z + 0.12578172611122926;
  num = num * z + 0.016083785148742275;
  num = num * z + 0.0006587491615298378;
  let den = z + 2.568520192289822;
  den = den * z + 1.8729528499234604;
  den = den * z + 0.5279051029514285;
  den = den * z + 0.06051834131244132;
  den = den * z + 0.0023352049762686918;
  return (INV_SQRT_PI - (z * num) / den) / y;
}

/**
 * exp(-x^2 / 2) with the exponent formed exactly: x = hi + lo with hi a multiple of 1/16, so hi^2/2
 * is exact and the small remainder (lo)(x + hi)/2 carries only its own rounding.
 */
function expNegHalfSquare(x: number): number {
  const hi = Math.trunc(x * 16) / 16;
  const del = ((x - hi) * (x + hi)) / 2;
  return Math.exp((-hi * hi) / 2) * Math.exp(-del);
}

/** exp(-x^2), exponent formed exactly as in expNegHalfSquare. */
function expNegSquare(x: number): number {
  const hi = Math.trunc(x * 16) / 16;
  const del = (x - hi) * (x + hi);
  return Math.exp(-hi * hi) * Math.exp(-del);
}

/** exp(+x^2), exponent formed exactly as in expNegHalfSquare. */
function expSquare(x: number): number {
  const hi = Math.trunc(x * 16) / 16;
  const del = (x - hi) * (x + hi);
  return Math.exp(hi * hi) * Math.exp(del);
}

/** Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi). */
export function normPdf(x: number): number {
  if (Math.abs(x) > 39) return 0; // also keeps +-Infinity away from the hi/lo split
  return INV_SQRT_2PI * expNegHalfSquare(x);
}

/** Scaled complementary error function exp(x^2) erfc(x); +Infinity below x ~ -26.6 (overflow). */
export function erfcx(x: number): number {
  if (x > ERF_BREAK) return erfcxPositive(x);
  if (x >= -ERF_BREAK) return Math.exp(x * x) * (1 - erfSmall(x));
  // erfc(x) = 2 - erfc(-x) for x < 0.
  if (x < -26.7) return Infinity;
  // Rounding x*x costs exp(x^2) only x^2 ulp, harmless for |x| <= 1; beyond, split exactly.
  return 2 * (x >= -1 ? Math.exp(x * x) : expSquare(x)) - erfcxPositive(-x);
}

/** Complementary error function erfc(x) = 1 - erf(x); underflows to 0 above x ~ 27.2. */
export function erfc(x: number): number {
  if (x > ERF_BREAK) {
    if (x > 27.3) return 0;
    return expNegSquare(x) * erfcxPositive(x);
  }
  if (x >= -ERF_BREAK) return 1 - erfSmall(x);
  if (x < -6) return 2;
  return 2 - expNegSquare(x) * erfcxPositive(-x);
}

/** Error function erf(x). */
export function erf(x: number): number {
  if (Math.abs(x) <= ERF_BREAK) return erfSmall(x);
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

/**
 * Standard normal CDF Phi(x), relative accuracy ~1e-15 in the lower tail down to the underflow
 * near x = -38.5 (returns 0 below), and 1 - Phi(x) ulp-accurate for x > 0.
 */
export function normCdf(x: number): number {
  if (x < -NORM_BREAK) {
    if (x < -38.5) return 0;
    return 0.5 * erfcxPositive(-x * SQRT1_2) * expNegHalfSquare(x);
  }
  if (x <= NORM_BREAK) return 0.5 + 0.5 * erfSmall(x * SQRT1_2);
  if (x > 8.3) return 1;
  return 1 - 0.5 * erfcxPositive(x * SQRT1_2) * expNegHalfSquare(x);
}

/** Phi(x) - 1/2 without cancellation near x = 0 (used by the central Halley refinement). */
function normCdfMinusHalf(x: number): number {
  if (Math.abs(x) <= NORM_BREAK) return 0.5 * erfSmall(x * SQRT1_2);
  return normCdf(x) - 0.5;
}

/** Acklam's rational approximation to Phi^-1 (relative error < 1.15e-9), lower half p <= 1/2. */
function acklamLower(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    let num = -0.007784894002430293 * q - 0.3223964580411365;
    num = num * q - 2.400758277161838;
    num = num * q - 2.549732539343734;
    num = num * q + 4.374664141464968;
    num = num * q + 2.938163982698783;
    let den = 0.007784695709041462 * q + 0.3224671290700398;
    den = den * q + 2.445134137142996;
    den = den * q + 3.754408661907416;
    den = den * q + 1;
    return num / den;
  }
  const q = p - 0.5;
  const r = q * q;
  let num = -39.69683028665376 * r + 220.9460984245205;
  num = num * r - 275.9285104469687;
  num = num * r + 138.357751867269;
  num = num * r - 30.66479806614716;
  num = num * r + 2.506628277459239;
  let den = -54.47609879822406 * r + 161.5858368580409;
  den = den * r - 155.6989798598866;
  den = den * r + 66.80131188771972;
  den = den * r - 13.28068155288572;
  den = den * r + 1;
  return (num * q) / den;
}

/**
 * Fast inverse normal CDF: Acklam's approximation alone, relative error below 1.2e-9, for
 * starting points of iterations (implied-vol guesses). Same conventions as normInv at the ends.
 */
export function normInvFast(p: number): number {
  if (!(p > 0)) return p === 0 || p < 0 ? -Infinity : NaN;
  if (!(p < 1)) return p >= 1 ? Infinity : NaN;
  return p > 0.5 ? -acklamLower(1 - p) : acklamLower(p);
}

/**
 * Inverse standard normal CDF Phi^-1(p): Acklam's approximation and one Halley step on
 * f(x) = Phi(x) - p (cubic convergence takes 1e-9 to full double precision). p <= 0 gives
 * -Infinity, p >= 1 gives +Infinity, NaN gives NaN. For p > 1/2 the step works on q = 1 - p,
 * which is exact in double for p >= 1/2, so the upper tail is as accurate as 1 - p allows.
 */
export function normInv(p: number): number {
  if (!(p > 0)) return p === 0 || p < 0 ? -Infinity : NaN;
  if (!(p < 1)) return p >= 1 ? Infinity : NaN;
  if (p > 0.5) return -normInvLowerHalf(1 - p);
  return normInvLowerHalf(p);
}

function normInvLowerHalf(p: number): number {
  const x = acklamLower(p);
  // Central region: compare Phi(x) - 1/2 against p - 1/2 (exact here) so that tiny |x| keeps its
  // relative accuracy; tail: compare against p directly, Phi(x) being relatively accurate there.
  const e = p > 0.25 ? normCdfMinusHalf(x) - (p - 0.5) : normCdf(x) - p;
  const d = normPdf(x);
  if (!(d > 0)) return x;
  const u = e / d;
  return x - u / (1 + 0.5 * x * u);
}
