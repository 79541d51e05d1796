/**
 * The limits every American pricer shares: immediate exercise, and the zero-vol value where the
 * asset grows deterministically at r - q and the holder exercises at the best time (now, at
 * expiry, or where d/dt of the discounted payoff vanishes). Scalar arguments, so that the scalar
 * pricers and the batch kernels take the same code path.
 */

/** max(sign (S - K), 0) for sign = +1 call, -1 put. */
export function exerciseValue(sign: number, spot: number, strike: number): number {
  const v = sign * (spot - strike);
  return v > 0 ? v : 0;
}

/** The American value at zero total vol (sign = +1 call, -1 put). */
export function deterministicAmerican(
  sign: number,
  spot: number,
  strike: number,
  tYears: number,
  rate: number,
  carryYield: number,
): number {
  const value = (u: number) =>
    Math.max(sign * (spot * Math.exp(-carryYield * u) - strike * Math.exp(-rate * u)), 0);
  let best = Math.max(value(0), value(tYears));
  if (rate !== carryYield) {
    const u = Math.log((rate * strike) / (carryYield * spot)) / (rate - carryYield);
    if (u > 0 && u < tYears) best = Math.max(best, value(u));
  }
  return best;
}
