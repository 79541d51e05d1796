/**
 * Small dense linear algebra for regressions with a handful of regressors: Householder QR least
 * squares (never forms X'X, so a trend column next to a constant stays well conditioned) and
 * Gaussian elimination with partial pivoting. Matrices are row-major Float64Arrays.
 */

export class SingularMatrixError extends RangeError {
  override name = 'SingularMatrixError';
}

export interface LeastSquaresSolution {
  /** Minimiser b of |y - X b|^2, one per column of X. */
  coefficients: Float64Array;
  /** (X'X)^-1 as a k x k row-major matrix; times sigma^2 it is the OLS covariance. */
  inverseGram: Float64Array;
}

/**
 * Least squares by Householder QR. `columns` are the k regressors (each of length n >= k).
 * Throws SingularMatrixError when a column is (numerically) a combination of the others.
 */
export function leastSquaresQr(
  columns: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
): LeastSquaresSolution {
  const k = columns.length;
  const n = y.length;
  if (k === 0) throw new RangeError('leastSquaresQr: no regressors');
  if (n < k) throw new RangeError(`leastSquaresQr: ${n} observations for ${k} regressors`);
  // Column-major copy: column j occupies a[j n .. j n + n).
  const a = new Float64Array(k * n);
  columns.forEach((c, j) => {
    if (c.length !== n)
      throw new RangeError(`leastSquaresQr: column ${j} has length ${c.length}, not ${n}`);
    for (let i = 0; i < n; i++) a[j * n + i] = c[i] as number;
  });
  const qty = Float64Array.from(y);
  const rDiag = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const off = j * n;
    let colScale = 0;
    for (let i = 0; i < n; i++) colScale = Math.max(colScale, Math.abs(a[off + i] as number));
    let tail2 = 0;
    for (let i = j + 1; i < n; i++) tail2 += (a[off + i] as number) ** 2;
    const ajj = a[off + j] as number;
    const norm = Math.sqrt(tail2 + ajj * ajj);
    if (colScale === 0 || !(norm > 1e-12 * colScale)) {
      throw new SingularMatrixError(`leastSquaresQr: regressor ${j} is collinear with the others`);
    }
    const alpha = ajj > 0 ? -norm : norm;
    a[off + j] = ajj - alpha; // a[off + j .. off + n) now holds the Householder vector v
    const vtv = tail2 + (ajj - alpha) ** 2;
    for (let c = j + 1; c < k; c++) {
      const offC = c * n;
      let dot = 0;
      for (let i = j; i < n; i++) dot += (a[off + i] as number) * (a[offC + i] as number);
      const f = (2 * dot) / vtv;
      for (let i = j; i < n; i++)
        a[offC + i] = (a[offC + i] as number) - f * (a[off + i] as number);
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += (a[off + i] as number) * (qty[i] as number);
    const f = (2 * dot) / vtv;
    for (let i = j; i < n; i++) qty[i] = (qty[i] as number) - f * (a[off + i] as number);
    rDiag[j] = alpha;
  }
  // R[i][j] (i < j) sits in a[j n + i]; R[j][j] in rDiag[j].
  const rAt = (i: number, j: number): number =>
    i === j ? (rDiag[j] as number) : (a[j * n + i] as number);
  const coefficients = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = qty[i] as number;
    for (let j = i + 1; j < k; j++) s -= rAt(i, j) * (coefficients[j] as number);
    coefficients[i] = s / rAt(i, i);
  }
  // R^-1 (upper triangular) column by column, then (X'X)^-1 = R^-1 R^-T.
  const rInv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0;
      for (let j = i + 1; j <= c; j++) s -= rAt(i, j) * (rInv[j * k + c] as number);
      rInv[i * k + c] = s / rAt(i, i);
    }
  }
  const inverseGram = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += (rInv[i * k + m] as number) * (rInv[j * k + m] as number);
      inverseGram[i * k + j] = s;
      inverseGram[j * k + i] = s;
    }
  }
  return { coefficients, inverseGram };
}

/** Solves A x = b for a square row-major `matrix` (n x n) by Gaussian elimination with pivoting. */
export function solveLinearSystem(matrix: ArrayLike<number>, rhs: ArrayLike<number>): Float64Array {
  const n = rhs.length;
  if (matrix.length !== n * n) {
    throw new RangeError(
      `solveLinearSystem: matrix has ${matrix.length} entries, expected ${n * n}`,
    );
  }
  const m = Float64Array.from(matrix);
  const x = Float64Array.from(rhs);
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i] as number));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs(m[r * n + c] as number) > Math.abs(m[pivot * n + c] as number)) pivot = r;
    }
    const pv = m[pivot * n + c] as number;
    if (!(Math.abs(pv) > 1e-14 * scale))
      throw new SingularMatrixError('solveLinearSystem: singular matrix');
    if (pivot !== c) {
      for (let j = 0; j < n; j++) {
        const t = m[c * n + j] as number;
        m[c * n + j] = m[pivot * n + j] as number;
        m[pivot * n + j] = t;
      }
      const t = x[c] as number;
      x[c] = x[pivot] as number;
      x[pivot] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = (m[r * n + c] as number) / pv;
      if (f === 0) continue;
      for (let j = c; j < n; j++)
        m[r * n + j] = (m[r * n + j] as number) - f * (m[c * n + j] as number);
      x[r] = (x[r] as number) - f * (x[c] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let j = r + 1; j < n; j++) s -= (m[r * n + j] as number) * (x[j] as number);
    x[r] = s / (m[r * n + r] as number);
  }
  return x;
}
