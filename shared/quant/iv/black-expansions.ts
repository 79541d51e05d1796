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
 * Y' = 1 + h Y gives the recurrence Y^(n+1) = h Y^(n) + n Y^(n-1). Terms up to t^15 keep the
 * truncation below 1e-16 relative for t < 0.22 (the t^17 term is ~16!! t^17/17!). The recurrence
 * loses some digits for h near -10, but there d ln b / d ln s ~ h^2, so the implied volatility
 * is hurt 1/h^2 times less than b.
 */
export function smallTBlackSum(h: number, t: number): number {
  const y0 = SQRT_PI_OVER_2 * erfcx(-h * Math.SQRT1_2);
  const t2 = t * t;
  let prev = y0; // Y^(k-1)
  let cur = 1 + h * y0; // Y^(k), k = 1
  let power = t; // t^k / k!
  let sum = cur * power;
  for (let k = 1; k < 15; k += 2) {
    // Two recurrence steps take Y^(k) to Y^(k+2).
    const next = h * cur + k * prev;
    const next2 = h * next + (k + 1) * cur;
    prev = next;
    cur = next2;
    power *= t2 / ((k + 1) * (k + 2));
    sum += cur * power;
  }
  return 2 * sum;
}
