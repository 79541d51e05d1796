/**
 * Period returns from a price series in time order (oldest first). A non-positive or non-finite
 * price throws with its index, because a log return through it would silently be NaN or -Infinity.
 */

function checkPrices(prices: ArrayLike<number>, what: string): void {
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i] as number;
    if (!(p > 0) || !Number.isFinite(p)) {
      throw new RangeError(`${what}: price at index ${i} must be a finite number > 0, got ${p}`);
    }
  }
}

/** Log returns r_i = ln(p_{i+1} / p_i); length n - 1. */
export function logReturns(prices: ArrayLike<number>): Float64Array {
  checkPrices(prices, 'logReturns');
  const n = Math.max(0, prices.length - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.log((prices[i + 1] as number) / (prices[i] as number));
  return out;
}

/** Simple returns r_i = p_{i+1} / p_i - 1; length n - 1. */
export function simpleReturns(prices: ArrayLike<number>): Float64Array {
  checkPrices(prices, 'simpleReturns');
  const n = Math.max(0, prices.length - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (prices[i + 1] as number) / (prices[i] as number) - 1;
  return out;
}

/** Element-wise natural log of a positive series (log prices for cointegration tests). */
export function logSeries(values: ArrayLike<number>): Float64Array {
  checkPrices(values, 'logSeries');
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.log(values[i] as number);
  return out;
}
