/**
 * Gauss-Legendre quadrature rules on [-1, 1], computed once per order by Newton iteration on the
 * Legendre recurrence (Golub-Welsch would need an eigen-solver; Newton from Tricomi's initial
 * guess converges quadratically and reaches ~1e-16 for orders up to a few hundred).
 */

export interface QuadratureRule {
  /** Abscissae in (-1, 1), ascending. */
  readonly nodes: Float64Array;
  /** Weights, summing to 2. */
  readonly weights: Float64Array;
}

/** P_n(x) and its derivative by the three-term recurrence. */
function legendreWithDerivative(n: number, x: number): [number, number] {
  let p0 = 1;
  let p1 = x;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  const pn = n === 0 ? 1 : p1;
  const pnm1 = n === 0 ? 0 : p0;
  const dp = (n * (x * pn - pnm1)) / (x * x - 1);
  return [pn, dp];
}

/** The n-point Gauss-Legendre rule on [-1, 1] (n >= 1). */
export function gaussLegendreRule(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new RangeError(`gaussLegendreRule: order must be an integer in [1, 1000], got ${n}`);
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) {
    nodes[0] = 0;
    weights[0] = 2;
    return { nodes, weights };
  }
  const half = Math.floor(n / 2);
  for (let i = 0; i < half; i++) {
    // Tricomi's approximation to the i-th largest root.
    const theta = (Math.PI * (4 * i + 3)) / (4 * n + 2);
    let x = (1 - (n - 1) / (8 * n * n * n)) * Math.cos(theta);
    for (let it = 0; it < 100; it++) {
      const [pn, d] = legendreWithDerivative(n, x);
      const dx = pn / d;
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    const dp = legendreWithDerivative(n, x)[1];
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) {
    const mid = half;
    nodes[mid] = 0;
    const dp = legendreWithDerivative(n, 0)[1];
    weights[mid] = 2 / (dp * dp);
  }
  return { nodes, weights };
}
