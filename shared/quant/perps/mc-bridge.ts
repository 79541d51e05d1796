/**
 * Probability that a margin surplus X touches 0 between two observations, for the liquidation
 * Monte Carlo (`mc-path.ts`).
 *
 * X is driven by the log prices, dX = sum_k c_k dB_k (c_k: sensitivity times hourly vol, B
 * correlated Brownian motions), so its local standard deviation per sqrt(hour) is
 * sd = sqrt(c' R c). Between two observations X is treated as a one-dimensional diffusion whose
 * sd is affine in X, sd(X) = alpha + beta X, with beta the covariation slope
 *
 *   beta = d<sd, X> / d<X> = sum_j a_j c_j (R c)_j^2 / sd^3     (a_j: hourly vol of price j;
 *                                                                 -a_j for 1/price),
 *
 * i.e. how sd moves when X moves (moves of the prices that leave X unchanged do not count: a
 * slope fitted through the two end values would pick those up as noise and bias the estimate
 * upwards when steps are short). The Lamperti transform Z = ln(alpha + beta X) / beta makes X a
 * unit-variance Brownian motion, whose bridge over `len` hours touches the barrier with
 * probability exp(-2 dA dB / len), dA and dB the end distances to it in Z. For one linear (or
 * inverse) position this is exactly the log-price bridge of the GBM, so long steps lose nothing;
 * with beta = 0 it is the usual exp(-2 xA xB / (sd^2 len)).
 */

/** Touch probability for the line sd(X) = alpha + beta X; plain bridge with `sdPlain` if invalid. */
function lampertiHit(
  xa: number,
  xb: number,
  alpha: number,
  beta: number,
  sdPlain: number,
  len: number,
): number {
  const flat = Math.abs(beta) * Math.max(xa, xb) < 1e-9 * Math.abs(alpha);
  if (!(alpha > 0) || flat || alpha + beta * xa <= 0 || alpha + beta * xb <= 0) {
    // Straight Brownian bridge (also when the line would put a zero sd between an end and 0).
    const v = sdPlain * sdPlain * len;
    return v > 0 ? Math.exp((-2 * xa * xb) / v) : 0;
  }
  const za = (beta * xa) / alpha;
  const zb = (beta * xb) / alpha;
  const da = (xa / alpha) * (Math.log1p(za) / za);
  const db = (xb / alpha) * (Math.log1p(zb) / zb);
  return Math.exp((-2 * da * db) / len);
}

/**
 * Touch probability for ends xa, xb (> 0 means solvent), end sds sa, sb and covariation slopes
 * ba, bb, over `len` hours: the line through both ends' information (mean slope, mean of the two
 * sd-at-the-barrier estimates). Returns 1 when an end is already at or below 0.
 */
export function surplusTouchProbability(
  xa: number,
  xb: number,
  sa: number,
  sb: number,
  ba: number,
  bb: number,
  len: number,
): number {
  if (xa <= 0 || xb <= 0) return 1;
  const beta = 0.5 * (ba + bb);
  const alpha = 0.5 * (sa - beta * xa + (sb - beta * xb));
  return lampertiHit(xa, xb, alpha, beta, Math.sqrt(0.5 * (sa * sa + sb * sb)), len);
}

/**
 * The same probability from one end's line alone (sd s and slope beta at X = xRef). The gap
 * between the two ends' answers measures how far X is from a one-dimensional diffusion over the
 * step: the Monte Carlo subdivides a step while it is larger than its tolerance.
 */
export function surplusTouchOneSided(
  xa: number,
  xb: number,
  s: number,
  beta: number,
  xRef: number,
  len: number,
): number {
  if (xa <= 0 || xb <= 0) return 1;
  return lampertiHit(xa, xb, s - beta * xRef, beta, s, len);
}
