/**
 * Batch Black-76 implied volatility over structure-of-arrays inputs, for throughput (no
 * allocation per row, no exceptions in the loop).
 *
 * Same method and conventions as the scalar solver (lets-be-rational.ts via black76-solve.ts),
 * run in blocks of rows through passes (batch-workspace.ts says why): prepare -> b at the node
 * -> guess -> (b at s, Householder step) x 2, on table kernels (fastExp, fastMills, fastLog)
 * instead of C-library exp/log and Cody's erfcx. Rows the fast path declines (subnormal or
 * saturated values, exponents out of the kernels' range, a step leaving its bracket) are solved
 * by the scalar normalisedImpliedVolOtm. The results differ from the scalar API's by a few ulp
 * times the price's condition number (see the README's implied-volatility section).
 */
import { nodePass, pointPass, prepareBlock } from './batch-prepare';
import type { Black76Columns } from './batch-prepare';
import { blackPass } from './batch-black';
import { guessPass, upperGuessPass } from './batch-guess';
import { lowerInterpolationPass, lowerInversePass, lowerNodePass } from './batch-guess-lower';
import { stepPass } from './batch-step';
import { BLOCK_ROWS, LOWER_COUNT, MODE_FALLBACK, createIvWorkspace } from './batch-workspace';
import type { IvWorkspace } from './batch-workspace';
import { solveBlack76Undiscounted } from './black76-solve';
import { ImpliedVolError } from './implied-vol-error';

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
  const cols: Black76Columns = { types, forward, strike, tYears, price, discountFactor };
  const ws = createIvWorkspace();
  let failures = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, n - i0);
    solveBlock(cols, ws, i0, rows);
    failures += writeBlock(cols, ws, out, status, i0, rows);
  }
  return failures;
}

function solveBlock(cols: Black76Columns, ws: IvWorkspace, i0: number, rows: number): void {
  prepareBlock(cols, ws, i0, rows);
  nodePass(ws, rows);
  pointPass(ws, rows, null);
  blackPass(ws, rows, false);
  guessPass(ws, rows);
  upperGuessPass(ws);
  lowerNodePass(ws);
  lowerInterpolationPass(ws);
  lowerInversePass(ws);
  pointPass(ws, ws.counts[LOWER_COUNT] as number, ws.lowerRows);
  // The first step only has to bring s within ~1e-5: guess-quality b (see GUESS_SERIES_T).
  blackPass(ws, rows, false);
  stepPass(ws, true, false);
  stepPass(ws, false, false);
  blackPass(ws, rows, true);
  stepPass(ws, true, true);
  stepPass(ws, false, true);
}

/**
 * Volatilities and statuses of a block; returns its failures. Fallback rows are solved here by
 * the scalar API's own routine on the row's inputs, so their results are the scalar ones bit for
 * bit (statuses included, e.g. a price within an ulp of the upper bound).
 */
function writeBlock(
  cols: Black76Columns,
  ws: IvWorkspace,
  out: Float64Array,
  status: Uint8Array | undefined,
  i0: number,
  rows: number,
): number {
  const { types, forward, strike, tYears, price, discountFactor } = cols;
  const { s: ss, mode } = ws;
  let failures = 0;
  for (let j = 0; j < rows; j++) {
    const i = i0 + j;
    const T = tYears[i] as number;
    let vol: number;
    if (mode[j] === MODE_FALLBACK) {
      const p = price[i] as number;
      vol = solveBlack76Undiscounted(
        types[i] === 1,
        forward[i] as number,
        strike[i] as number,
        T,
        discountFactor === undefined ? p : p / (discountFactor[i] as number),
      );
    } else {
      const s = ss[j] as number;
      vol = s >= 0 ? s / Math.sqrt(T) : s; // s < 0: a SOLVE_* code from prepareBlock
    }
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
