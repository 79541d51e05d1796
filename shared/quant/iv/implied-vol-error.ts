/** Why an implied volatility does not exist for the given inputs. */
export type ImpliedVolFailure = 'below-intrinsic' | 'above-maximum' | 'invalid-input';

/**
 * Thrown by the scalar implied-volatility functions instead of returning 0 or NaN. `reason`
 * is machine-readable; `message` says which input and value caused it.
 */
export class ImpliedVolError extends Error {
  readonly reason: ImpliedVolFailure;

  constructor(reason: ImpliedVolFailure, message: string) {
    super(message);
    this.name = 'ImpliedVolError';
    this.reason = reason;
  }
}

/**
 * Solver outcome codes shared by the scalar and batch paths: a volatility is >= 0, a failure is
 * one of these negative numbers (the batch API writes -1 for every failure, see its docs).
 */
export const SOLVE_BELOW_INTRINSIC = -1;
export const SOLVE_ABOVE_MAXIMUM = -2;
export const SOLVE_INVALID_INPUT = -3;

/** Maps a negative solver code to its failure reason. */
export function failureOfCode(code: number): ImpliedVolFailure {
  if (code === SOLVE_BELOW_INTRINSIC) return 'below-intrinsic';
  if (code === SOLVE_ABOVE_MAXIMUM) return 'above-maximum';
  return 'invalid-input';
}
