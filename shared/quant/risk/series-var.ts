/**
 * Historical VaR/ES of one price series (`cerberus var series`): daily log returns
 * r_t = ln(P_t / P_{t-1}), losses L_t = -r_t, of the last `window` returns, then the
 * order-statistic definition of `tail-measures.ts` (VaR_a = ceil(a n)-th smallest loss, no
 * interpolation; ES = mean of losses >= VaR). Results are fractions of the position value in
 * log-return units (0.05 = a 5% log loss), not currency.
 */
import { logReturns } from '../stats/returns';
import { varEsFromLosses, type TailMeasure } from './tail-measures';

export interface SeriesVarResult {
  /** Number of returns used. */
  n: number;
  results: TailMeasure[];
}

export type WindowSpec = number | 'all';

/** Losses (-log returns) of the last `window` daily returns of `closes` (oldest first). */
export function seriesLosses(closes: ArrayLike<number>, window: WindowSpec = 'all'): Float64Array {
  if (closes.length < 2) {
    throw new RangeError(`need at least 2 prices for a return, got ${closes.length}`);
  }
  const r = logReturns(closes);
  let start = 0;
  if (window !== 'all') {
    if (!(Number.isInteger(window) && window >= 1)) {
      throw new RangeError(`window must be a positive integer or "all", got ${window}`);
    }
    if (window > r.length) {
      throw new RangeError(`window ${window} is longer than the ${r.length} returns available`);
    }
    start = r.length - window;
  }
  const losses = new Float64Array(r.length - start);
  for (let i = start; i < r.length; i++) losses[i - start] = -(r[i] as number);
  return losses;
}

export function historicalSeriesVar(
  closes: ArrayLike<number>,
  confidences: readonly number[],
  window: WindowSpec = 'all',
): SeriesVarResult {
  const losses = seriesLosses(closes, window);
  return { n: losses.length, results: varEsFromLosses(losses, confidences) };
}
