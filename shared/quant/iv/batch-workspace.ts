/**
 * Per-call scratch of the batch implied-vol solver: one block of rows as structure of arrays.
 *
 * Why passes over arrays rather than a solver call per row: V8 passes doubles to (and returns
 * them from) a function it has not inlined as heap-allocated numbers, and it inlines at most
 * ~920 bytes of bytecode into one function. The solver is far larger than that, so a per-row
 * call tree boxes every argument (measured: +17 ns for one call of the small-t series). Each
 * pass (batch-prepare.ts, batch-black.ts, batch-guess.ts, batch-step.ts) is one monomorphic
 * loop over a block that inlines its few table kernels and keeps its doubles in registers; the
 * rows of a block are independent, so the CPU also overlaps their latency chains.
 */
import { createLogScratch } from './fast-log';

/** Rows per block (a workspace of ~36 KiB; 128 and 512 measured the same). */
export const BLOCK_ROWS = 256;

/** Indices into IvWorkspace.counts. */
export const LOWER_COUNT = 0;
export const OTHER_COUNT = 1;

/** Row states; the last three select the objective of the Householder step. */
export const MODE_DONE = 0; // `s` holds the total volatility, or a negative SOLVE_* code
export const MODE_FALLBACK = 1; // the scalar solver finishes this row (see implied-vol-batch.ts)
export const MODE_LOW_SIDE = 2; // beta < b(s_c): node s_l evaluated, branch not yet chosen
export const MODE_HIGH_SIDE = 3; // beta >= b(s_c): node s_u evaluated
export const MODE_LOWER = 4; // objective 1/ln b - 1/ln beta
export const MODE_MIDDLE = 5; // objective b - beta
export const MODE_UPPER = 6; // objective ln(b_max - beta) - ln(b_max - b)

export interface IvWorkspace {
  /** x = -|ln(F/K)| <= 0. */
  readonly x: Float64Array;
  /** beta = time value / sqrt(F K), the normalised out-of-the-money price. */
  readonly beta: Float64Array;
  readonly lnBeta: Float64Array;
  /** b_max = exp(x/2), the limit of b for s -> infinity. */
  readonly bMax: Float64Array;
  /** b(s_c) at the inflection s_c = sqrt(2|x|). */
  readonly bC: Float64Array;
  /** Current point: node, then guess, then iterates; at the end the result or a code. */
  readonly s: Float64Array;
  /** 1/s (one reciprocal serves h = x/s and the step's x/s^2, as in the scalar solver). */
  readonly invS: Float64Array;
  /** Bracket of the root (lo < s < hi). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** h = x/s, t = s/2, g = exp(-(h^2 + t^2)/2) at s, and b(x, s). */
  readonly h: Float64Array;
  readonly t: Float64Array;
  readonly g: Float64Array;
  readonly b: Float64Array;
  /** Lower branch (batch-guess-lower.ts): the lower map f, df/db, d2f/db2 at s_l, then f(beta). */
  readonly f: Float64Array;
  readonly df: Float64Array;
  readonly d2f: Float64Array;
  readonly mode: Uint8Array;
  /**
   * Rows of the lower branch and of the other two, listed by guessPass (counts in `counts`):
   * the lower-branch passes and the steps walk their own list, so that no per-row branch on a
   * data-dependent mode mispredicts (measured ~8 % of the time on shuffled quotes).
   */
  readonly lowerRows: Int32Array;
  readonly otherRows: Int32Array;
  readonly counts: Int32Array;
  /** Rows whose b needs a call, computed after blackPass's loop (batch-black.ts). */
  readonly deferred: Int32Array;
  /** fastLog's bit scratch. */
  readonly f64: Float64Array;
  readonly i32: Int32Array;
}

export function createIvWorkspace(): IvWorkspace {
  const arr = () => new Float64Array(BLOCK_ROWS);
  const { f64, i32 } = createLogScratch();
  return {
    x: arr(),
    beta: arr(),
    lnBeta: arr(),
    bMax: arr(),
    bC: arr(),
    s: arr(),
    invS: arr(),
    lo: arr(),
    hi: arr(),
    h: arr(),
    t: arr(),
    g: arr(),
    b: arr(),
    f: arr(),
    df: arr(),
    d2f: arr(),
    mode: new Uint8Array(BLOCK_ROWS),
    lowerRows: new Int32Array(BLOCK_ROWS),
    otherRows: new Int32Array(BLOCK_ROWS),
    counts: new Int32Array(2),
    deferred: new Int32Array(BLOCK_ROWS),
    f64,
    i32,
  };
}

/** Largest exponent handed to fastExp (its range ends at 709.7); larger goes to the fallback. */
export const MAX_EXPONENT = 700;
/** Smallest normalised value the fast path takes (fastLog needs normal doubles). */
export const MIN_NORMALISED = 1e-290;
