/**
 * Poisson variates for large means by Hörmann's PTRS transformed rejection ("The transformed
 * rejection method for generating Poisson random variables", Insurance: Mathematics and Economics
 * 12, 1993), valid for lambda >= 10: about 1.1 pairs of uniforms per variate whatever lambda is.
 * Uses the engine-independent `detLog` so variates are bit-identical across platforms.
 */
import { detLog } from './det-math';

const HALF_LOG_TWO_PI = 0.9189385332046728;

function buildLogFactorials(): Float64Array {
  const table = new Float64Array(19);
  let f = 1;
  for (let k = 0; k <= 18; k++) {
    if (k > 0) f *= k; // exact: 18! < 2^53
    table[k] = detLog(f);
  }
  return table;
}

const SMALL_LOG_FACTORIALS: Float64Array = buildLogFactorials();

/** ln(k!) for integer k >= 0: exact table up to 18, Stirling series (error < 1e-16 rel) above. */
export function logFactorial(k: number): number {
  if (k <= 18) return SMALL_LOG_FACTORIALS[k] as number;
  const n = k + 1;
  const inv = 1 / n;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return (n - 0.5) * detLog(n) - n + HALF_LOG_TWO_PI + series;
}

/** One Poisson(lambda) variate, lambda >= 10, drawing uniforms in (0, 1) from `uniform`. */
export function poissonPtrs(lambda: number, uniform: () => number): number {
  const sqrtLambda = Math.sqrt(lambda);
  const logLambda = detLog(lambda);
  const b = 0.931 + 2.53 * sqrtLambda;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = detLog(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = detLog(v) + logInvAlpha - detLog(a / (us * us) + b);
    if (lhs <= -lambda + k * logLambda - logFactorial(k)) return k;
  }
}
