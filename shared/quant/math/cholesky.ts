/**
 * Cholesky factorisation of a symmetric positive-definite matrix (row-major, n x n), used to
 * correlate normal shocks (market simulator, Monte Carlo VaR, liquidation paths).
 */
export class NotPositiveDefiniteError extends Error {
  override name = 'NotPositiveDefiniteError';
}

/** Returns lower-triangular L (row-major Float64Array, n*n) with L L^T = a. */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length !== n * n)
    throw new RangeError(`cholesky: expected ${n * n} entries, got ${a.length}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) {
          throw new NotPositiveDefiniteError(
            `matrix is not positive definite (pivot ${i} = ${sum})`,
          );
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / (l[j * n + j] as number);
      }
    }
  }
  return l;
}

/** out = L z for lower-triangular L (row-major); `out` and `z` must not alias. */
export function lowerTriMul(
  l: Float64Array,
  z: ArrayLike<number>,
  out: Float64Array,
  n: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += (l[i * n + k] as number) * (z[k] as number);
    out[i] = s;
  }
  return out;
}
