/**
 * Newton steps on the ALO collocation system H = G(H) (n Chebyshev node values, n <= ~30): the
 * matrix I - G'(H) is LU-factorised in place with partial pivoting (n^3/3 flops, less than one
 * kernel sweep), then each step solves (I - G') dH = G(H) - H and takes H + dH. A factorisation
 * may serve later sweeps too (chord steps). Where a step is not usable (a singular matrix, a
 * non-finite or negative value) the plain fixed-point value G(H) is kept, and so it is at any
 * node where the Newton value is not within a factor 2 of it.
 *
 * All arrays live in one workspace Float64Array `ws`, addressed by offsets (alo-engine.ts).
 */

/** Replaces the Jacobian at `jac` by the LU factors of I - J (pivots at `piv`); false if singular. */
export function factorNewtonMatrix(ws: Float64Array, jac: number, piv: number, n: number): boolean {
  for (let i = 0; i < n * n; i++) ws[jac + i] = -(ws[jac + i] as number);
  for (let i = 0; i < n; i++) ws[jac + i * n + i] = 1 + (ws[jac + i * n + i] as number);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let best = Math.abs(ws[jac + col * n + col] as number);
    for (let row = col + 1; row < n; row++) {
      const v = Math.abs(ws[jac + row * n + col] as number);
      if (v > best) {
        best = v;
        pivot = row;
      }
    }
    if (!(best > 1e-300)) return false;
    ws[piv + col] = pivot;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const tmp = ws[jac + col * n + k] as number;
        ws[jac + col * n + k] = ws[jac + pivot * n + k] as number;
        ws[jac + pivot * n + k] = tmp;
      }
    }
    const inv = 1 / (ws[jac + col * n + col] as number);
    for (let row = col + 1; row < n; row++) {
      const f = (ws[jac + row * n + col] as number) * inv;
      ws[jac + row * n + col] = f;
      if (f === 0) continue;
      for (let k = col + 1; k < n; k++) {
        ws[jac + row * n + k] =
          (ws[jac + row * n + k] as number) - f * (ws[jac + col * n + k] as number);
      }
    }
  }
  return true;
}

/**
 * h = H, next = G(H) on entry; next = H + dH on exit, with (I - J) dH = G(H) - H solved by the
 * factors at `jac` / `piv`; `rhs` is scratch.
 */
export function newtonStep(
  ws: Float64Array,
  h: number,
  next: number,
  jac: number,
  piv: number,
  rhs: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) ws[rhs + i] = (ws[next + i] as number) - (ws[h + i] as number);
  // P b (the row interchanges of the factorisation, in order), then L y = P b, then U x = y.
  for (let col = 0; col < n; col++) {
    const p = ws[piv + col] as number;
    if (p !== col) {
      const tmp = ws[rhs + col] as number;
      ws[rhs + col] = ws[rhs + p] as number;
      ws[rhs + p] = tmp;
    }
  }
  for (let row = 1; row < n; row++) {
    let acc = ws[rhs + row] as number;
    for (let k = 0; k < row; k++)
      acc -= (ws[jac + row * n + k] as number) * (ws[rhs + k] as number);
    ws[rhs + row] = acc;
  }
  for (let row = n - 1; row >= 0; row--) {
    let acc = ws[rhs + row] as number;
    for (let k = row + 1; k < n; k++)
      acc -= (ws[jac + row * n + k] as number) * (ws[rhs + k] as number);
    ws[rhs + row] = acc / (ws[jac + row * n + row] as number);
  }
  for (let i = 0; i < n; i++) {
    const x = (ws[h + i] as number) + (ws[rhs + i] as number);
    if (!(x >= 0 && Number.isFinite(x))) return;
  }
  // Near tau = 0 the node values are tiny and dG/dH ~ 1/sqrt(H) is steep: far from the solution
  // a Newton step can overshoot there. Such a node keeps its fixed-point value (a Newton step
  // within a factor 2 of it is accepted: near the solution both agree far more closely).
  for (let i = 0; i < n; i++) {
    const x = (ws[h + i] as number) + (ws[rhs + i] as number);
    const g = ws[next + i] as number;
    if (x <= 2 * g && 2 * x >= g) ws[next + i] = x;
  }
}
