/**
 * Batch Black-76 implied volatility over structure-of-arrays inputs, for throughput (no
 * allocation, no exceptions in the loop).
 */
import { solveBlack76Undiscounted } from './black76-solve';
import { ImpliedVolError, SOLVE_INVALID_INPUT } from './implied-vol-error';

/** Written to `out` where no implied volatility exists (never NaN). */
export const IV_FAILED = -1;

/** Per-case outcome written to `status` when given. */
export const IV_STATUS_OK = 0;
export const IV_STATUS_BELOW_INTRINSIC = 1;
export const IV_STATUS_ABOVE_MAXIMUM = 2;
export const IV_STATUS_INVALID_INPUT = 3;

export interface ImpliedVolBatchOptions {
  /** Per-case discount factors; when given, `price` holds discounted prices. */
  discountFactor?: Float64Array;
  /** Receives IV_STATUS_* per case (same length as `out`). */
  status?: Uint8Array;
}

/**
 * Annualised Black-76 implied volatilities for `out.length` cases.
 * - `types[i]`: 1 = call; 0 or -1 = put (-1 reads 255 in a Uint8Array and is accepted too);
 *   any other code fails with IV_STATUS_INVALID_INPUT.
 * - `price[i]`: undiscounted price unless `options.discountFactor` is given.
 * - `out[i]`: the volatility (0 at intrinsic value) or IV_FAILED (-1) where none exists.
 * Returns the number of failed cases. Throws ImpliedVolError('invalid-input') only when an input
 * array is shorter than `out` (a programming error, not a market-data one).
 */
export function impliedVolBlack76Batch(
  types: Uint8Array | Int8Array,
  forward: Float64Array,
  strike: Float64Array,
  tYears: Float64Array,
  price: Float64Array,
  out: Float64Array,
  options: ImpliedVolBatchOptions = {},
): number {
  const n = out.length;
  const { discountFactor, status } = options;
  const short = [types, forward, strike, tYears, price, discountFactor ?? out, status ?? out].some(
    (a) => a.length < n,
  );
  if (short)
    throw new ImpliedVolError(
      'invalid-input',
      `invalid input: every input array needs ${n} entries`,
    );
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const code = types[i] as number;
    const isCall = code === 1;
    const known = isCall || code === 0 || code === -1 || code === 255;
    const undiscounted =
      discountFactor === undefined
        ? (price[i] as number)
        : (price[i] as number) / (discountFactor[i] as number);
    const vol = known
      ? solveBlack76Undiscounted(
          isCall,
          forward[i] as number,
          strike[i] as number,
          tYears[i] as number,
          undiscounted,
        )
      : SOLVE_INVALID_INPUT;
    if (vol >= 0) {
      out[i] = vol;
      if (status) status[i] = IV_STATUS_OK;
    } else {
      out[i] = IV_FAILED;
      failures++;
      if (status) status[i] = -vol; // solver codes -1, -2, -3 map to statuses 1, 2, 3
    }
  }
  return failures;
}
