/**
 * Black-76 implied volatility without exceptions or allocation: the common core of the scalar
 * and batch APIs. Reduces any call or put to the normalised out-of-the-money problem of
 * lets-be-rational.ts through put-call parity on the time value.
 */
import { normalisedImpliedVolOtm } from './lets-be-rational';
import {
  SOLVE_ABOVE_MAXIMUM,
  SOLVE_BELOW_INTRINSIC,
  SOLVE_INVALID_INPUT,
} from './implied-vol-error';

const DBL_EPSILON = 2 ** -52;
/** A price this close below intrinsic (relative to max(F, K)) counts as at intrinsic: rounding. */
const INTRINSIC_TOLERANCE = 4 * DBL_EPSILON;

function isPositiveFinite(v: number): boolean {
  return v > 0 && v < Infinity;
}

/**
 * Annualised implied volatility of an UNDISCOUNTED Black-76 price, or a negative code
 * (SOLVE_BELOW_INTRINSIC, SOLVE_ABOVE_MAXIMUM, SOLVE_INVALID_INPUT). Returns exactly 0 when the
 * price equals the intrinsic value max(+-(F - K), 0) to within 4 ulp of max(F, K).
 */
export function solveBlack76Undiscounted(
  isCall: boolean,
  forward: number,
  strike: number,
  tYears: number,
  price: number,
): number {
  if (!(isPositiveFinite(forward) && isPositiveFinite(strike) && isPositiveFinite(tYears))) {
    return SOLVE_INVALID_INPUT;
  }
  if (!isPositiveFinite(price)) return SOLVE_INVALID_INPUT;
  const intrinsic = isCall ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
  const upper = isCall ? forward : strike;
  if (price >= upper) return SOLVE_ABOVE_MAXIMUM;
  // Time value is the same for the call and the put (parity), and equals the OTM option's price.
  const timeValue = price - intrinsic;
  if (!(timeValue > 0)) {
    return timeValue >= -INTRINSIC_TOLERANCE * Math.max(forward, strike)
      ? 0
      : SOLVE_BELOW_INTRINSIC;
  }
  const ratio = forward / strike;
  const x = ratio > 0 && ratio < Infinity ? Math.log(ratio) : Math.log(forward) - Math.log(strike);
  // One square root unless F K would leave the normal double range.
  const fk = forward * strike;
  const rootFK = fk > 1e-300 && fk < 1e300 ? Math.sqrt(fk) : Math.sqrt(forward) * Math.sqrt(strike);
  const beta = timeValue / rootFK;
  const s = normalisedImpliedVolOtm(beta, -Math.abs(x));
  if (s === Infinity) return SOLVE_ABOVE_MAXIMUM;
  if (!(s >= 0 && s < Infinity)) return SOLVE_INVALID_INPUT;
  return s / Math.sqrt(tYears);
}
