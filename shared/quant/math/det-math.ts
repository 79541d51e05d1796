/**
 * Logarithm and exponential built only from IEEE-754 `+ - * /`, comparisons and exact scaling by
 * powers of two. ECMAScript leaves `Math.log`/`Math.exp` "implementation-approximated", so their
 * last bit may differ between engines; the seeded RNG uses these instead so that a seed yields the
 * same random variates on every platform. Accuracy is about 1 ulp (tested against Math.log/exp),
 * which is all a variate transform needs; pricing code keeps using `Math.*`.
 */

// ln 2 split so that e * LN2_HI is exact for |e| < 2^32 (LN2_HI has 21 significant bits).
const LN2_HI = 0.6931467056274414;
const LN2_LO = 4.7493250390316726e-7;
const SQRT_HALF = 0.7071067811865476;
const SQRT_TWO = 1.4142135623730951;
const POW2_MIN = -1100;
const POW2_MAX = 1023;

/** Exact powers of two 2^k for k in [POW2_MIN, POW2_MAX], built by exact halving/doubling. */
function buildPow2(): Float64Array {
  const table = new Float64Array(POW2_MAX - POW2_MIN + 1);
  let up = 1;
  for (let k = 0; k <= POW2_MAX; k++) {
    table[k - POW2_MIN] = up;
    up *= 2;
  }
  let down = 1;
  for (let k = 0; k >= POW2_MIN; k--) {
    table[k - POW2_MIN] = down;
    down *= 0.5;
  }
  return table;
}

const POW2: Float64Array = buildPow2();

/** 2^k, exact; 0 below the subnormal range and Infinity above the double range. */
export function pow2(k: number): number {
  if (k < POW2_MIN) return 0;
  if (k > POW2_MAX) return Infinity;
  return POW2[k - POW2_MIN] as number;
}

/** Natural logarithm with ~1 ulp error, identical on every IEEE-754 platform. */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  // Any exponent guess is fine: the loops below normalise m into [sqrt(1/2), sqrt(2)) with exact
  // power-of-two scalings, so (m, e) is unique whatever Math.log2 returned in its last bit.
  let e = Math.floor(Math.log2(x));
  let m =
    e > 1000
      ? x * pow2(-1000) * pow2(1000 - e)
      : e < -1000
        ? x * pow2(1000) * pow2(-1000 - e)
        : x * pow2(-e);
  while (m >= SQRT_TWO) {
    m *= 0.5;
    e += 1;
  }
  while (m < SQRT_HALF) {
    m *= 2;
    e -= 1;
  }
  // log(m) = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.1716: the odd series converges fast.
  const f = m - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  let poly = 1 / 23;
  for (let n = 21; n >= 1; n -= 2) poly = 1 / n + s2 * poly;
  const logM = 2 * s * poly;
  return e * LN2_HI + (e * LN2_LO + logM);
}

/** e^x with ~1 ulp error, identical on every IEEE-754 platform. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x / 0.6931471805599453);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor series to r^15 / 15! in nested (Horner) form on |r| <= 0.35: truncation below 1e-19.
  let poly = 1;
  for (let n = 15; n >= 1; n--) poly = 1 + (poly * r) / n;
  return k > POW2_MAX ? poly * pow2(POW2_MAX) * pow2(k - POW2_MAX) : poly * pow2(k);
}
