/**
 * Row checks shared by the American batch kernels (bs2002-batch.ts, alo-batch.ts): the same
 * accepted domain as the scalar validation (pricing/validate.ts) and the BSM batch
 * (pricing/batch.ts), so a row is either priced exactly as the scalar path would price it or
 * written as the sentinel BATCH_INVALID_PRICE, never NaN.
 */
import {
  MAX_ABS_RATE,
  MAX_PRICE_LEVEL,
  MAX_T_YEARS,
  MAX_VOL_ANNUAL,
  MIN_PRICE_LEVEL,
} from '../pricing/validate';

/** True if the row is inside the validated domain (sign must be exactly +1 or -1). */
export function isValidAmericanRow(
  sign: number,
  spot: number,
  strike: number,
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
): boolean {
  return (
    (sign === 1 || sign === -1) &&
    spot >= MIN_PRICE_LEVEL &&
    spot <= MAX_PRICE_LEVEL &&
    strike >= MIN_PRICE_LEVEL &&
    strike <= MAX_PRICE_LEVEL &&
    tYears >= 0 &&
    tYears <= MAX_T_YEARS &&
    volAnnual >= 0 &&
    volAnnual <= MAX_VOL_ANNUAL &&
    rate >= -MAX_ABS_RATE &&
    rate <= MAX_ABS_RATE &&
    carryYield >= -MAX_ABS_RATE &&
    carryYield <= MAX_ABS_RATE
  );
}
