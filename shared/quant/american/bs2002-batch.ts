/**
 * Structure-of-arrays Bjerksund-Stensland 2002 prices (the batch conventions of
 * pricing/batch.ts: type +1 call / -1 put in an Int8Array, one option per index, invalid rows
 * written as BATCH_INVALID_PRICE and counted in the return value, never NaN).
 *
 * Each valid row gets exactly what priceAmerican(row, 'bs2002') returns (no dividends: escrow
 * the spot first): intrinsic value at expiry, the zero-vol limit, the European value where early
 * exercise is never optimal, BS2002 floored at the European and intrinsic values otherwise, and
 * the accurate method where BS2002 is undefined (negative-rate double-boundary regimes). The
 * European floor skips validation (lognormalPrice on an already checked row); the rest is the
 * allocation-free formula of bjerksund-stensland-2002.ts.
 */
import { BATCH_INVALID_PRICE, checkBatchRange, type BsmBatchInput } from '../pricing/batch';
import { lognormalPrice } from '../pricing/lognormal-core';
import { EXPIRY_T_YEARS, MIN_TOTAL_STD } from '../pricing/validate';
import { americanAccuratePrice } from './alo-american';
import { isValidAmericanRow } from './american-batch-rows';
import { deterministicAmerican, exerciseValue } from './american-limits';
import { bs2002CallValue } from './bjerksund-stensland-2002';

/** priceAmerican(row, 'bs2002') of a valid row (sign = +1 call, -1 put). */
export function bs2002RowPrice(
  sign: number,
  spot: number,
  strike: number,
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
): number {
  const exercise = exerciseValue(sign, spot, strike);
  if (tYears < EXPIRY_T_YEARS) return exercise;
  if (volAnnual * Math.sqrt(tYears) < MIN_TOTAL_STD) {
    return deterministicAmerican(sign, spot, strike, tYears, rate, carryYield);
  }
  const european = lognormalPrice(sign, spot, strike, tYears, rate, carryYield, volAnnual);
  const carry = rate - carryYield;
  // Never optimal to exercise early (as in americanBs2002Price): call with q <= 0, put with r <= 0.
  if (sign > 0 ? carry >= rate : -carry >= carryYield) return Math.max(european, exercise);
  const value =
    sign > 0
      ? bs2002CallValue(spot, strike, tYears, rate, carry, volAnnual)
      : bs2002CallValue(strike, spot, tYears, carryYield, -carry, volAnnual);
  if (Number.isNaN(value)) {
    const type = sign > 0 ? 'call' : 'put';
    const input = { type, spot, strike, tYears, rate, carryYield, volAnnual } as const;
    return Math.max(americanAccuratePrice(input), exercise);
  }
  return Math.max(value, european, exercise);
}

/**
 * BS2002 prices of rows [start, end) of `inp` into `out` (same indices). Returns the number of
 * invalid rows.
 */
export function americanBs2002Batch(
  inp: BsmBatchInput,
  out: Float64Array,
  start = 0,
  end = inp.spot.length,
): number {
  const { type, spot, strike, tYears, rate, carryYield, volAnnual } = inp;
  checkBatchRange([type, spot, strike, tYears, rate, carryYield, volAnnual, out], start, end);
  let invalid = 0;
  for (let i = start; i < end; i++) {
    const sg = type[i] as number;
    const S = spot[i] as number;
    const K = strike[i] as number;
    const T = tYears[i] as number;
    const r = rate[i] as number;
    const q = carryYield[i] as number;
    const v = volAnnual[i] as number;
    if (!isValidAmericanRow(sg, S, K, T, r, q, v)) {
      invalid++;
      out[i] = BATCH_INVALID_PRICE;
      continue;
    }
    out[i] = bs2002RowPrice(sg, S, K, T, r, q, v);
  }
  return invalid;
}
