/**
 * Normalised Black function (Jäckel, "Let's Be Rational", 2013/2016):
 *
 *   b(x, s) = Black-76 undiscounted call price / sqrt(F K)
 *           = exp(x/2) Phi(x/s + s/2) - exp(-x/2) Phi(x/s - s/2),
 *
 * x = ln(F/K) (log-moneyness), s = sigma sqrt(T) (total volatility, dimensionless). Put prices
 * follow from b(x, s, put) = b(-x, s, call). Evaluated to near machine precision in RELATIVE
 * terms everywhere (down to the double underflow) by switching between four forms, each exact
 * or convergent where it is used; with h = x/s and t = s/2:
 *   - h < -10 and h + t < -9.79: asymptotic series of the Mills ratio (black-expansions.ts);
 *   - t < 0.21: Taylor series in t (black-expansions.ts);
 *   - h + t > 0.85: the two terms directly (b is then dominated by the first);
 *   - otherwise: b = exp(-(h^2+t^2)/2)/2 [erfcx(-(h+t)/sqrt2) - erfcx(-(h-t)/sqrt2)].
 * The break points are those of Jäckel's 2016 reference design.
 */
import { erfcx, INV_SQRT_2PI } from '../math/normal';
import { asymptoticBlackSum, smallTBlackSum } from './black-expansions';

/** Asymptotic-series region: h below this and h + t below this plus SMALL_T. */
const ASYMPTOTIC_H = -10;
/** Small-t series region: t = s/2 below 2 * DBL_EPSILON^(1/16). */
export const SMALL_T = 2 * Math.pow(2 ** -52, 1 / 16);
/** Above this h + t the first term dominates and the plain formula keeps full accuracy. */
const DIRECT_H_PLUS_T = 0.85;

/**
 * Normalised out-of-the-money call b(x, s) for x <= 0 (the only case the solver needs).
 * s <= 0 gives 0 (the intrinsic value).
 */
export function normalisedBlackOtm(x: number, s: number): number {
  if (!(s > 0)) return 0;
  const h = x / s;
  const t = 0.5 * s;
  return normalisedBlackOtmCore(h, t, Math.exp(-0.5 * (h * h + t * t)), Math.exp(0.5 * x));
}

/**
 * b(x, s) for x <= 0 from h = x/s, t = s/2, gauss = exp(-(h^2 + t^2)/2) and bMax = exp(x/2):
 * the solver computes gauss once per point and gets the vega gauss / sqrt(2 pi) for free.
 * Uses exp(x/2) phi(h + t) = gauss / sqrt(2 pi) and Phi(z) = erfcx(-z/sqrt2) exp(-z^2/2) / 2, so
 * no branch needs another exponential.
 */
export function normalisedBlackOtmCore(h: number, t: number, gauss: number, bMax: number): number {
  if (h < ASYMPTOTIC_H && h + t < ASYMPTOTIC_H + SMALL_T) {
    return Math.max(INV_SQRT_2PI * gauss * asymptoticBlackSum(h, t), 0);
  }
  if (t < SMALL_T) return Math.max(INV_SQRT_2PI * gauss * smallTBlackSum(h, t), 0);
  // exp(-x/2) Phi(h - t), never overflowing against a vanishing Phi for extreme x.
  const second = erfcx((t - h) * Math.SQRT1_2);
  if (h + t > DIRECT_H_PLUS_T) {
    // exp(x/2) (1 - Phi(-(h + t))) - exp(-x/2) Phi(h - t): b is most of b_max here.
    return Math.max(bMax - 0.5 * gauss * (erfcx((h + t) * Math.SQRT1_2) + second), 0);
  }
  return Math.max(0.5 * gauss * (erfcx(-(h + t) * Math.SQRT1_2) - second), 0);
}

/** Normalised call b(x, s) for any x: intrinsic 2 sinh(x/2) plus the out-of-the-money part. */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return 2 * Math.sinh(0.5 * x) + normalisedBlackOtm(-x, s);
  return normalisedBlackOtm(x, s);
}

/** Normalised vega db/ds = exp(-(h^2 + t^2)/2) / sqrt(2 pi); the same for calls and puts. */
export function normalisedVega(x: number, s: number): number {
  // At s = 0 the vega is 0 except at the money, where it tends to 1/sqrt(2 pi).
  if (!(s > 0)) return x === 0 ? INV_SQRT_2PI : 0;
  const h = x / s;
  const t = 0.5 * s;
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t));
}
