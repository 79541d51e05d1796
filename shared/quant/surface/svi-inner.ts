/**
 * The linear half of the quasi-explicit SVI calibration (Zeliade Systems, "Quasi-explicit
 * calibration of Gatheral's SVI model", 2009). With y = (k - m) / s, raw SVI is
 *   w = a + d*y + c*sqrt(y^2 + 1),   c = b*s, d = rho*b*s,
 * linear in (a, d, c) once (m, s) are fixed, so the weighted least-squares problem is a 3-variable
 * convex QP over a polytope. It is solved exactly by enumerating active sets (at most 3 of the
 * 6 constraints below): each is a tiny KKT system, and the first one that is primal feasible with
 * non-negative multipliers is the optimum.
 *
 * Constraints (A x <= b with x = (a, d, c)):
 *   |d| <= RHO_MAX * c       (|rho| <= RHO_MAX < 1, so the JW form and rho's inverse stay defined)
 *   c + |d| <= slopeMax * s  (wing slopes b(1 +- rho) <= slopeMax; Lee: 2, Rogers-Tehranchi: 4)
 *   a + c - |d| >= 0         (w >= 0: a linear sufficient bound, since sqrt(c^2-d^2) >= c-|d|)
 */

/** Optimal linear parameters for fixed (m, s). */
export interface InnerResult {
  a: number;
  d: number;
  c: number;
  /** Weighted sum of squared total-variance errors (weights as given). */
  sse: number;
}

const RHO_MAX = 0.9999;

const CON_A: readonly (readonly [number, number, number])[] = [
  [0, 1, -RHO_MAX],
  [0, -1, -RHO_MAX],
  [0, 1, 1],
  [0, -1, 1],
  [-1, 1, -1],
  [-1, -1, -1],
];

function activeSets(): number[][] {
  const sets: number[][] = [[]];
  const n = CON_A.length;
  for (let i = 0; i < n; i++) sets.push([i]);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sets.push([i, j]);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) for (let l = j + 1; l < n; l++) sets.push([i, j, l]);
  return sets;
}
const ACTIVE_SETS: readonly (readonly number[])[] = activeSets();

/** Solves M x = r in place (M row-major n x n, partial pivoting). Returns false if singular. */
function solveInPlace(mat: Float64Array, rhs: Float64Array, n: number): boolean {
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) maxAbs = Math.max(maxAbs, Math.abs(mat[i] as number));
  const tiny = 1e-13 * maxAbs;
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(mat[col * n + col] as number);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(mat[r * n + col] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > tiny)) return false;
    if (piv !== col) {
      for (let c = 0; c < n; c++) {
        const t = mat[col * n + c] as number;
        mat[col * n + c] = mat[piv * n + c] as number;
        mat[piv * n + c] = t;
      }
      const t = rhs[col] as number;
      rhs[col] = rhs[piv] as number;
      rhs[piv] = t;
    }
    const d = mat[col * n + col] as number;
    for (let r = col + 1; r < n; r++) {
      const f = (mat[r * n + col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++)
        mat[r * n + c] = (mat[r * n + c] as number) - f * (mat[col * n + c] as number);
      rhs[r] = (rhs[r] as number) - f * (rhs[col] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = rhs[r] as number;
    for (let c = r + 1; c < n; c++) s -= (mat[r * n + c] as number) * (rhs[c] as number);
    rhs[r] = s / (mat[r * n + r] as number);
  }
  return true;
}

/**
 * Solves the inner QP for fixed (m, s). `k`, `w`, `weight` are the slice's log-moneyness, market
 * total variance and (non-negative) weights. Returns undefined when the normal equations are
 * singular on every face (fewer than 3 distinct strikes).
 */
export function solveSviInner(
  m: number,
  s: number,
  k: ArrayLike<number>,
  w: ArrayLike<number>,
  weight: ArrayLike<number>,
  slopeMax: number,
): InnerResult | undefined {
  // Gram matrix of the basis (1, y, z) and the right-hand side.
  let s0 = 0,
    sy = 0,
    sz = 0,
    syy = 0,
    syz = 0,
    szz = 0,
    r0 = 0,
    ry = 0,
    rz = 0,
    rww = 0;
  const invS = 1 / s;
  for (let i = 0; i < k.length; i++) {
    const om = weight[i] as number;
    const y = ((k[i] as number) - m) * invS;
    const z = Math.sqrt(y * y + 1);
    const wi = w[i] as number;
    const oy = om * y;
    const oz = om * z;
    const ow = om * wi;
    s0 += om;
    sy += oy;
    sz += oz;
    syy += oy * y;
    syz += oy * z;
    szz += oz * z;
    r0 += ow;
    ry += ow * y;
    rz += ow * z;
    rww += ow * wi;
  }
  const sseOf = (a: number, d: number, c: number): number => {
    const viaMoments =
      rww -
      2 * (a * r0 + d * ry + c * rz) +
      (a * a * s0 + d * d * syy + c * c * szz + 2 * (a * d * sy + a * c * sz + d * c * syz));
    // The moment form cancels down to ~1e-16 * rww: near an exact fit, sum the residuals instead
    // so that the outer search can still tell better from worse.
    if (viaMoments > 1e-8 * rww) return viaMoments;
    let direct = 0;
    for (let i = 0; i < k.length; i++) {
      const y = ((k[i] as number) - m) * invS;
      const e = a + d * y + c * Math.sqrt(y * y + 1) - (w[i] as number);
      direct += (weight[i] as number) * e * e;
    }
    return direct;
  };
  // Fast path, the common case: the unconstrained optimum (Cramer's rule) is already feasible.
  const c00 = syy * szz - syz * syz;
  const c01 = sz * syz - sy * szz;
  const c02 = sy * syz - syy * sz;
  const det = s0 * c00 + sy * c01 + sz * c02;
  if (Math.abs(det) > 1e-14 * Math.abs(s0 * syy * szz)) {
    const a = (c00 * r0 + c01 * ry + c02 * rz) / det;
    const d =
      ((sz * syz - sy * szz) * r0 + (s0 * szz - sz * sz) * ry + (sy * sz - s0 * syz) * rz) / det;
    const c =
      ((sy * syz - syy * sz) * r0 + (sy * sz - s0 * syz) * ry + (s0 * syy - sy * sy) * rz) / det;
    const tol = 1e-12 * (1 + Math.abs(a) + Math.abs(c) + slopeMax * s);
    const ad = Math.abs(d);
    if (ad - RHO_MAX * c <= tol && c + ad - slopeMax * s <= tol && -a - c + ad <= tol) {
      return { a, d, c, sse: sseOf(a, d, c) };
    }
  }
  const H = [s0, sy, sz, sy, syy, syz, sz, syz, szz];
  const g = [r0, ry, rz];
  const bound = (i: number): number => (i === 2 || i === 3 ? slopeMax * s : 0);
  const mat = new Float64Array(36);
  const rhs = new Float64Array(6);
  let fallback: InnerResult | undefined;
  // The empty set was the fast path above: enumerate faces from one active constraint up.
  for (let si = 1; si < ACTIVE_SETS.length; si++) {
    const set = ACTIVE_SETS[si] as readonly number[];
    const q = set.length;
    const n = 3 + q;
    mat.fill(0);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) mat[r * n + c] = H[r * 3 + c] as number;
      rhs[r] = g[r] as number;
    }
    for (let j = 0; j < q; j++) {
      const row = CON_A[set[j] as number] as readonly [number, number, number];
      for (let c = 0; c < 3; c++) {
        mat[(3 + j) * n + c] = row[c] as number;
        mat[c * n + 3 + j] = row[c] as number;
      }
      rhs[3 + j] = bound(set[j] as number);
    }
    if (!solveInPlace(mat, rhs, n)) continue;
    const a = rhs[0] as number,
      d = rhs[1] as number,
      c = rhs[2] as number;
    const scale = 1e-12 * (1 + Math.abs(a) + Math.abs(c) + slopeMax * s);
    let feasible = true;
    for (let i = 0; i < CON_A.length && feasible; i++) {
      const row = CON_A[i] as readonly [number, number, number];
      if (row[0] * a + row[1] * d + row[2] * c > bound(i) + scale) feasible = false;
    }
    if (!feasible) continue;
    const sse = sseOf(a, d, c);
    let multipliersOk = true;
    for (let j = 0; j < q; j++)
      if ((rhs[3 + j] as number) < -1e-12 * (1 + Math.abs(rww))) multipliersOk = false;
    const result = { a, d, c, sse };
    if (multipliersOk) return result;
    if (fallback === undefined || sse < fallback.sse) fallback = result;
  }
  return fallback;
}
