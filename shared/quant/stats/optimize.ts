/**
 * Derivative-free optimisation for small maximum-likelihood problems: Nelder-Mead simplex
 * (Lagarias, Reeds, Wright & Wright 1998 conventions, with the dimension-adaptive coefficients of
 * Gao & Han 2012), Brent's 1-D minimiser (golden section + parabolic steps, Brent 1973 ch. 5) and
 * the Brent-Dekker bracketing root finder. Objectives returning NaN or +-Infinity are treated as
 * +Infinity, so a constraint can be expressed by returning Infinity outside the feasible set.
 */

export interface MinimizeResult {
  x: Float64Array;
  fx: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface NelderMeadOptions {
  /** Initial simplex edge, one number or one per coordinate (default 5% of |x0_i|, 0.00025 at 0). */
  initialStep?: number | readonly number[];
  /** Stop when the simplex's function values span <= tolF ... */
  tolF?: number;
  /** ... and its vertices lie within tolX of the best one in every coordinate. */
  tolX?: number;
  maxIterations?: number;
  /** Stop once this many objective evaluations were spent (default: no cap). */
  maxEvaluations?: number;
  /**
   * Dimension-adaptive coefficients (Gao & Han; default true). false keeps the classic
   * (1, 2, 1/2, 1/2) at every dimension, which suits penalty-constrained fits that rely on
   * full contractions.
   */
  adaptive?: boolean;
}

function finiteOrInf(v: number): number {
  return Number.isFinite(v) ? v : Infinity;
}

/** Minimises f over R^n starting from x0. */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('nelderMead: empty starting point');
  const tolF = options.tolF ?? 1e-10;
  const tolX = options.tolX ?? 1e-8;
  const maxIterations = options.maxIterations ?? 200 * n;
  const maxEvaluations = options.maxEvaluations ?? Infinity;
  // Gao & Han coefficients reduce to the classic (1, 2, 1/2, 1/2) at n = 2; n = 1 keeps the classic.
  const d = options.adaptive === false ? 2 : Math.max(n, 2);
  const alpha = 1;
  const gamma = 1 + 2 / d;
  const rho = 0.75 - 1 / (2 * d);
  const sigma = 1 - 1 / d;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    return finiteOrInf(f(x));
  };
  const simplex: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    const step = options.initialStep;
    const h =
      typeof step === 'number'
        ? step
        : step !== undefined
          ? (step[i] ?? 0.1)
          : (v[i] as number) !== 0
            ? 0.05 * (v[i] as number)
            : 0.00025;
    v[i] = (v[i] as number) + h;
    simplex.push(v);
  }
  const values = simplex.map(evaluate);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++)
      out[j] = (centroid[j] as number) + t * ((from[j] as number) - (centroid[j] as number));
    return out;
  };
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && evaluations < maxEvaluations; iterations++) {
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const bestX = simplex[best] as Float64Array;
    let spanF = 0;
    let spanX = 0;
    for (let i = 1; i <= n; i++) {
      const idx = order[i] as number;
      spanF = Math.max(spanF, Math.abs((values[idx] as number) - (values[best] as number)));
      const xi = simplex[idx] as Float64Array;
      for (let j = 0; j < n; j++)
        spanX = Math.max(spanX, Math.abs((xi[j] as number) - (bestX[j] as number)));
    }
    if (spanF <= tolF && spanX <= tolX) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = simplex[order[i] as number] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (xi[j] as number) / n;
    }
    const worstX = simplex[worst] as Float64Array;
    const fBest = values[best] as number;
    const fSecondWorst = values[order[n - 1] as number] as number;
    const fWorst = values[worst] as number;
    const xr = trial(worstX, -alpha);
    const fr = evaluate(xr);
    if (fr < fBest) {
      const xe = trial(worstX, -alpha * gamma);
      const fe = evaluate(xe);
      simplex[worst] = fe < fr ? xe : xr;
      values[worst] = fe < fr ? fe : fr;
      continue;
    }
    if (fr < fSecondWorst) {
      simplex[worst] = xr;
      values[worst] = fr;
      continue;
    }
    // Outside contraction when the reflection improved on the worst point, inside otherwise.
    const outside = fr < fWorst;
    const xc = trial(worstX, outside ? -alpha * rho : rho);
    const fc = evaluate(xc);
    if (fc < (outside ? fr : fWorst)) {
      simplex[worst] = xc;
      values[worst] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const idx = order[i] as number;
      const xi = simplex[idx] as Float64Array;
      for (let j = 0; j < n; j++)
        xi[j] = (bestX[j] as number) + sigma * ((xi[j] as number) - (bestX[j] as number));
      values[idx] = evaluate(xi);
    }
  }
  let bestIdx = 0;
  for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[bestIdx] as number)) bestIdx = i;
  return {
    x: Float64Array.from(simplex[bestIdx] as Float64Array),
    fx: values[bestIdx] as number,
    iterations,
    evaluations,
    converged,
  };
}

export interface ScalarMinimizeResult {
  x: number;
  fx: number;
  iterations: number;
  converged: boolean;
}

const GOLDEN = 0.3819660112501051; // (3 - sqrt 5) / 2

/** Minimises f on [a, b] (Brent 1973): converges to a local minimum to within ~tol. */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  options: { tol?: number; maxIterations?: number } = {},
): ScalarMinimizeResult {
  if (!(a < b)) throw new RangeError(`brentMinimize: need a < b, got [${a}, ${b}]`);
  const tol = options.tol ?? 1e-8;
  const maxIterations = options.maxIterations ?? 200;
  const g = (x: number): number => finiteOrInf(f(x));
  let lo = a;
  let hi = b;
  let x = lo + GOLDEN * (hi - lo);
  let w = x;
  let v = x;
  let fx = g(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    const mid = 0.5 * (lo + hi);
    const tol1 = tol * Math.abs(x) + 1e-12;
    const tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (hi - lo))
      return { x, fx, iterations: iter, converged: true };
    let useGolden = true;
    if (Math.abs(e) > tol1 && Number.isFinite(fx) && Number.isFinite(fw) && Number.isFinite(fv)) {
      // Parabola through (v, fv), (w, fw), (x, fx).
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (lo - x) && p < q * (hi - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = mid >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= mid ? lo - x : hi - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u >= x) lo = x;
      else hi = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, iterations: maxIterations, converged: false };
}

/** Root of f in [a, b] where f(a) and f(b) differ in sign (Brent-Dekker: bisection, secant, IQI). */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  options: {
    tol?: number;
    maxIterations?: number;
    /** Stop as soon as |f| <= fTol (default 0: only an exact zero). */
    fTol?: number;
    /** f(a) and f(b) when the caller already has them (saves two evaluations). */
    fa?: number;
    fb?: number;
  } = {},
): number {
  const tol = options.tol ?? 1e-12;
  const fTol = options.fTol ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  let fa = options.fa ?? f(a);
  let fb = options.fb ?? f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) throw new RangeError(`brentRoot: f(${a}) and f(${b}) do not bracket a root`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol1 || Math.abs(fb) <= fTol) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return b;
}
