/**
 * American put by the integral-equation method of Andersen, Lake & Offengenden ("High-performance
 * American option pricing", J. Comput. Finance 20(1), 2016). The exercise boundary B(tau) solves
 * the smooth-pasting fixed point (ALO's FP-B)
 *   B(tau) = K e^{-(r-q) tau} N(tau, B) / D(tau, B),
 *   N = phi(d-(tau, B/K)) / (v sqrt(tau)) + r int_0^tau e^{ru} phi(d-(tau-u, B(tau)/B(u))) / (v sqrt(tau-u)) du,
 *   D = phi(d+(tau, B/K)) / (v sqrt(tau)) + Phi(d+(tau, B/K))
 *       + q int_0^tau e^{qu} [phi(d+(..)) / (v sqrt(tau-u)) + Phi(d+(..))] du,
 * or the value-matching one (FP-A: N = Phi(d-) + r int e^{ru} Phi(d-) du, D = Phi(d+) + q int e^{qu} Phi(d+) du),
 * iterated on Chebyshev nodes of H(sqrt tau) = ln(B/X)^2, X = K min(1, r/q); the price then is
 *   P = p_European + int_0^T [r K e^{-r(T-u)} Phi(-d-(T-u, S/B(u))) - q S e^{-q(T-u)} Phi(-d+(..))] du
 * (alo-price.ts).
 *
 * Everything is per unit strike (K = 1): the boundary then serves every spot, which the Greeks,
 * the batch (many strikes per expiry and vol) and the call (McDonald-Schroder symmetry) exploit.
 * Preconditions (checked by the caller): r > 0, T > 0, vol > 0.
 *
 * Iteration: two full Newton sweeps from Li's QD+ start (qd-plus.ts; Newton on the collocated
 * system, alo-newton.ts, converges quadratically and does not diverge where the plain FP-B
 * iteration does: low vol with long maturity). Sweep kernels: alo-sweep.ts. The spot-independent
 * price tables are built once per boundary (alo-price.ts).
 */
import type { AloScheme } from './alo-scheme';
import { buildPriceTables, type AloPriceTables } from './alo-price';
import { factorNewtonMatrix, newtonStep } from './alo-newton';
import { qdPlusBoundary } from './qd-plus';
import {
  createAloWorkspace,
  layout,
  sweep,
  workspaceSize,
  type AloWorkspace,
  type Layout,
} from './alo-sweep';
import { fastExp } from '../pricing/batch-math';

export { createAloWorkspace, type AloWorkspace };

const INV_SQRT_2PI = 0.3989422804014327;

export interface AloPutBoundary extends AloPriceTables {
  readonly scheme: AloScheme;
  readonly tYears: number;
  readonly rate: number;
  readonly carryYield: number;
  readonly volAnnual: number;
  /** ln X, the boundary at expiry per unit strike. */
  readonly logX: number;
  /** H at the Chebyshev nodes j = 0..n-1 (H = 0 at tau = 0). */
  readonly nodeH: Float64Array;
}

/**
 * Starting H from QD+ at the scheme's coarse start nodes (from short to long tau, each Newton
 * solve started from its neighbour's root), interpolated to the n nodes when coarser.
 */
function qdPlusStart(
  scheme: AloScheme,
  tYears: number,
  r: number,
  q: number,
  vol: number,
  logX: number,
  xMax: number,
  ws: Float64Array,
  ly: Layout,
): void {
  const { chebyshevNodes: n, startNodes: m, startZ, startInterp } = scheme;
  const coarse = m < n ? ly.rhs : ly.h;
  // Newton starts: the neighbour's root, or (from the third node on) ln x extrapolated linearly
  // in sqrt(tau) from the two previous roots, which saves about one Newton step per node.
  let lnPrev = logX;
  let lnPrev2 = logX;
  let halfPrev = 0;
  let halfPrev2 = 0;
  for (let j = m - 1; j >= 0; j--) {
    const half = 0.5 * (1 + (startZ[j] as number));
    let start = lnPrev;
    if (j < m - 2) start += ((lnPrev - lnPrev2) * (half - halfPrev)) / (halfPrev - halfPrev2);
    const x = qdPlusBoundary(tYears * half * half, r, q, vol, xMax, Math.exp(start));
    lnPrev2 = lnPrev;
    halfPrev2 = halfPrev;
    lnPrev = Math.log(x);
    halfPrev = half;
    const lnb = lnPrev - logX;
    ws[coarse + j] = lnb < 0 ? lnb * lnb : 0;
  }
  if (m === n) return;
  for (let j = 0; j < n; j++) {
    let h = 0;
    for (let i = 0; i < m; i++)
      h += (startInterp[j * m + i] as number) * (ws[coarse + i] as number);
    ws[ly.h + j] = h > 0 ? h : 0;
  }
}

export interface AloSolveOptions {
  /** Scratch memory (createAloWorkspace) shared by successive solves. */
  workspace?: AloWorkspace;
  /**
   * Node values H of a solved boundary with the same scheme (e.g. the unbumped option of a finite
   * difference): they replace the QD+ start, so the sweeps start next to the solution.
   */
  warmStart?: Float64Array;
  /**
   * With `warmStart` and the `workspace` of the solve that produced it: every sweep is a chord
   * step with the LU factors that solve left in the workspace (the Jacobian of a problem a bump
   * away), so no Jacobian is built or factorised. For finite-difference bumps of ~1e-5.
   */
  reuseFactors?: boolean;
}

/**
 * Solves the exercise boundary of the unit-strike put. Sweeps: the first `newtonSweeps` build
 * and factor a fresh Jacobian (Newton steps); later ones reuse the last factorisation (chord
 * steps, nearly as fast to converge at the cost of a plain sweep); without Newton sweeps, plain
 * fixed point. See AloSolveOptions for warm starts.
 */
export function aloPutBoundary(
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
  scheme: AloScheme,
  options: AloSolveOptions = {},
): AloPutBoundary {
  const { chebyshevNodes: n, fixedPointOrder: l, nodeZ, fpSin, fpCos, fpWeight } = scheme;
  const { workspace, warmStart } = options;
  const ws =
    workspace !== undefined && workspace.length >= workspaceSize(scheme)
      ? workspace
      : createAloWorkspace(scheme);
  const ly = layout(n, l);
  const r = rate;
  const q = carryYield;
  const vol = volAnnual;
  const logX = q > r ? Math.log(r / q) : 0;
  const valueMatching = scheme.equation === 'value-matching';
  const xMax = Math.exp(logX);
  const warm = warmStart !== undefined && warmStart.length === n;
  if (warm) ws.set(warmStart, ly.h);
  else qdPlusStart(scheme, tYears, r, q, vol, logX, xMax, ws, ly);
  const chordOnly = warm && options.reuseFactors === true && ws[ly.factored] === 1;
  // Per (node, abscissa): 1/(v sqrt(tau - u)), the drift part of d+, the Phi weight, and the phi
  // (FP-B) or e^{ru} Phi(d-) (FP-A) weight.
  for (let j = 0; j < n; j++) {
    const half = 0.5 * (1 + (nodeZ[j] as number));
    const t = tYears * half * half;
    ws[ly.tau + j] = t;
    const sqT = Math.sqrt(t);
    const sv = vol * sqT;
    for (let k = 0; k < l; k++) {
      const sinT = fpSin[k] as number;
      const cosT = fpCos[k] as number;
      const w = fpWeight[k] as number;
      const u = t * sinT * sinT;
      const vs = sv * cosT;
      const du = 2 * t * sinT * cosT;
      const eq = fastExp(q * u);
      const c = ly.tab + (j * l + k) * 4;
      ws[c] = 1 / vs;
      ws[c + 1] = ((r - q) * t * cosT * cosT) / vs + 0.5 * vs;
      ws[c + 2] = w * eq * du;
      // du / (v sqrt(tau - u)) = 2 sqrt(tau) sin(theta) / v dtheta.
      ws[c + 3] = valueMatching
        ? w * fastExp(r * u) * du
        : (w * eq * INV_SQRT_2PI * 2 * sqT * sinT) / vol;
    }
  }
  let factored = chordOnly;
  if (!chordOnly) ws[ly.factored] = 0;
  for (let iter = 0; iter < scheme.iterations; iter++) {
    const fresh = !chordOnly && iter < scheme.newtonSweeps;
    sweep(scheme, r, q, vol, logX, ws, ly, fresh);
    if (fresh) {
      factored = factorNewtonMatrix(ws, ly.jac, ly.piv, n);
      ws[ly.factored] = factored ? 1 : 0;
    }
    if (factored) newtonStep(ws, ly.h, ly.next, ly.jac, ly.piv, ly.rhs, n);
    ws.copyWithin(ly.h, ly.next, ly.next + n);
  }
  const nodeH = ws.slice(ly.h, ly.h + n);
  const prices = buildPriceTables(scheme, tYears, r, q, vol, logX, nodeH);
  return { ...prices, scheme, tYears, rate, carryYield, volAnnual, logX, nodeH };
}

/** Exercise boundary B(tau) per unit strike at time to expiry tau in [0, T]. */
export function aloBoundaryAt(boundary: AloPutBoundary, tauYears: number): number {
  const { scheme, tYears, nodeH, logX } = boundary;
  // H(0) = 0 exactly (the node z = -1); the sum below would leave ~1e-17, i.e. ~1e-9 after sqrt.
  if (!(tauYears > 0)) return Math.exp(logX);
  const n = scheme.chebyshevNodes;
  const z = 2 * Math.sqrt(Math.min(Math.max(tauYears / tYears, 0), 1)) - 1;
  // Direct Chebyshev sum (not hot): coefficients from node values, then the series at z.
  let h = 0;
  for (let m = 0; m <= n; m++) {
    let a = 0;
    for (let i = 0; i < n; i++)
      a += (i === 0 ? 0.5 : 1) * (nodeH[i] as number) * Math.cos((m * i * Math.PI) / n);
    a *= 2 / n;
    h += (m === 0 || m === n ? 0.5 : 1) * a * Math.cos(m * Math.acos(Math.max(-1, Math.min(1, z))));
  }
  return Math.exp(logX - Math.sqrt(Math.max(h, 0)));
}
