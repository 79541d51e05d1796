/**
 * Closed forms for one price under geometric Brownian motion, dS = mu S dt + sigma S dW:
 * the probability of touching a liquidation barrier before a horizon, the Brownian-bridge
 * probability of touching it between two observed points, and the distance in sigmas.
 *
 * With x = ln(S0), b = ln(L), nu = mu - sigma^2 / 2, for a barrier below (L < S0):
 *   P(min_{t<=T} S_t <= L) = Phi((b - x - nu T) / (sigma sqrt T))
 *                          + exp(2 nu (b - x) / sigma^2) Phi((b - x + nu T) / (sigma sqrt T)),
 * and by symmetry (S -> 1/S, nu -> -nu) for a barrier above.
 * Bridge: given ln S at both ends of a step of variance v = sigma^2 dt, both on the safe side,
 *   P(touch) = exp(-2 (x0 - b)(x1 - b) / v).
 */
import { normCdf } from '../math/normal';

export function gbmBarrierHitProbability(
  spot: number,
  barrier: number,
  driftAnnual: number,
  volAnnual: number,
  tYears: number,
): number {
  if (!(spot > 0 && barrier > 0 && volAnnual > 0 && tYears > 0)) {
    throw new RangeError('gbmBarrierHitProbability: spot, barrier, vol and time must be > 0');
  }
  const below = barrier < spot;
  const nu = (below ? 1 : -1) * (driftAnnual - 0.5 * volAnnual * volAnnual);
  const d = below ? Math.log(barrier / spot) : Math.log(spot / barrier); // <= 0
  if (d >= 0) return 1;
  const sd = volAnnual * Math.sqrt(tYears);
  const p =
    normCdf((d - nu * tYears) / sd) +
    Math.exp((2 * nu * d) / (volAnnual * volAnnual)) * normCdf((d + nu * tYears) / sd);
  return Math.min(1, Math.max(0, p));
}

/** Bridge touch probability for log-distances d0, d1 > 0 from the barrier and step variance v. */
export function bridgeHitProbability(d0: number, d1: number, variance: number): number {
  if (d0 <= 0 || d1 <= 0) return 1;
  if (!(variance > 0)) return 0;
  return Math.exp((-2 * d0 * d1) / variance);
}

/** |ln(L / S)| / (sigma sqrt T): how many horizon standard deviations the barrier is away. */
export function distanceInSigmas(
  spot: number,
  barrier: number,
  volAnnual: number,
  tYears: number,
): number {
  return Math.abs(Math.log(barrier / spot)) / (volAnnual * Math.sqrt(tYears));
}
