/**
 * Series for the normalised Black function where its closed form cancels catastrophically.
 *
 * With h = x/s and t = s/2 (x = ln(F/K) <= 0, s = sigma sqrt(T)) the out-of-the-money normalised
 * call price is exactly
 *
 *   b(x, s) = exp(-(h^2 + t^2)/2) / sqrt(2 pi) * [Y(h + t) - Y(h - t)],   Y(z) = Phi(z) / phi(z),
 *
 * (Y is the Mills ratio; exp(x/2) phi(h + t) = exp(-(h^2 + t^2)/2) / sqrt(2 pi)). Both series
 * below return S = Y(h + t) - Y(h - t) > 0; the caller applies the Gaussian factor.
 */
import { erfcx } from '../math/normal';

const SQRT_PI_OVER_2 = 1.2533141373155003;

/**
 * S for large negative h + t (h + t below about -9.8), from the asymptotic series
 * Y(z) ~ -sum_n (-1)^n (2n-1)!! z^-(2n+1). Writing a = h + t, c = h - t, r = a c = h^2 - t^2,
 * the difference a^-k - c^-k is expanded without cancellation:
 *
 *   S = 2 (t / r) sum_n (-1)^n (2n-1)!! q^n A_(2n+1),  q = (h/r)^2,  u = t/|h|,
 *   A_k = ((1+u)^k - (1-u)^k) / (2u) = sum_m C(k, 2m+1) u^(2m),
 *
 * and A_k comes from the all-positive recurrence A_(k+1) = A_k + B_k, B_(k+1) = B_k + u^2 A_k
 * (B_k the even half), so no term is formed by subtraction. Consecutive terms shrink like
 * (2n+1)/(h+t)^2 < 1/4 here, so the loop stops as soon as a term no longer matters.
 */
export function asymptoticBlackSum(h: number, t: number): number {
  const r = (h + t) * (h - t);
  const hr = h / r;
  const q = hr * hr;
  const tOverH = t / h;
  const e = tOverH * tOverH;
  let a = 1;
  let b = 1;
  let oddFactorial = 1;
  let qPower = 1;
  let sum = 1;
  for (let n = 1; n < 40; n++) {
    const a2 = a + b;
    const b2 = b + e * a;
    a = a2 + b2;
    b = b2 + e * a2;
    oddFactorial *= 2 * n - 1;
    qPower *= -q;
    const term = oddFactorial * qPower * a;
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) break;
  }
  return ((2 * t) / r) * sum;
}

/**
 * S for small t (t < ~0.21) by Taylor expansion around h: S = 2 sum_(k odd) Y^(k)(h) t^k / k!.
 * From Y' = 1 + h Y, every odd derivative is Y^(k) = U_k(h^2) + a V_k(h^2) with a = 1 + h Y and
 * integer polynomials U_k, V_k (derived from Y^(n+1) = h Y^(n) + n Y^(n-1) with Y = (a - 1)/h;
 * checked against 60-digit numerical derivatives). Terms up to t^15 keep the truncation below
 * 1e-17 relative for t < 0.22. The independent polynomials evaluate in parallel, which is much
 * faster than the serial recurrence. Near h = -10 the U + aV sums cancel some digits, but there
 * d ln b / d ln s ~ h^2, so the implied volatility loses 1/h^2 times less.
 */
export function smallTBlackSum(h: number, t: number): number {
  return smallTBlackSeries(h, t, 1 + h * SQRT_PI_OVER_2 * erfcx(-h * Math.SQRT1_2));
}

/**
 * The series of smallTBlackSum given a = 1 + h Y(h) (Y(h) = m(-h), the Mills ratio at |h|), so
 * that the batch path can supply Y from its table kernel.
 */
export function smallTBlackSeries(h: number, t: number, a: number): number {
  const h2 = h * h;
  const w = t * t;
  const c1 = (a * (h2 + 3) - 1) * (1 / 6);
  const c2 = (a * ((h2 + 10) * h2 + 15) - (h2 + 7)) * (1 / 120);
  const c3 = (a * (((h2 + 21) * h2 + 105) * h2 + 105) - ((h2 + 18) * h2 + 57)) * (1 / 5040);
  const v4 = (((h2 + 36) * h2 + 378) * h2 + 1260) * h2 + 945;
  const u4 = ((h2 + 33) * h2 + 285) * h2 + 561;
  const c4 = (a * v4 - u4) * (1 / 362880);
  const v5 = ((((h2 + 55) * h2 + 990) * h2 + 6930) * h2 + 17325) * h2 + 10395;
  const u5 = (((h2 + 52) * h2 + 840) * h2 + 4680) * h2 + 6555;
  const c5 = (a * v5 - u5) * (1 / 39916800);
  const v6 = (((((h2 + 78) * h2 + 2145) * h2 + 25740) * h2 + 135135) * h2 + 270270) * h2 + 135135;
  const u6 = ((((h2 + 75) * h2 + 1926) * h2 + 20370) * h2 + 82845) * h2 + 89055;
  const c6 = (a * v6 - u6) * (1 / 6227020800);
  const v7 =
    ((((((h2 + 105) * h2 + 4095) * h2 + 75075) * h2 + 675675) * h2 + 2837835) * h2 + 4729725) * h2 +
    2027025;
  const u7 =
    (((((h2 + 102) * h2 + 3795) * h2 + 64260) * h2 + 501795) * h2 + 1595790) * h2 + 1381905;
  const c7 = (a * v7 - u7) * (1 / 1307674368000);
  return 2 * t * (a + w * (c1 + w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * (c6 + w * c7)))))));
}
