/**
 * Constant tables of the Andersen-Lake-Offengenden (ALO) integral-equation method: Chebyshev
 * nodes for the exercise boundary, Gauss-Legendre rules for the fixed-point integrals and the
 * price integral, and the interpolation matrices that map boundary node values to the boundary
 * at every quadrature abscissa.
 *
 * Both integrals over boundary time u in [0, tau] use u = tau sin^2(theta), theta in [0, pi/2]:
 * then sqrt(u) = sqrt(tau) sin(theta) and sqrt(tau - u) = sqrt(tau) cos(theta), so the square-root
 * behaviour of the boundary at u -> 0 and the 1/sqrt(tau - u) kernel at u -> tau both become
 * smooth in theta, which Gauss-Legendre integrates at a spectral rate. The boundary is
 * interpolated in z = 2 sqrt(u/T) - 1 (ALO's sqrt-time variable), and z at each abscissa,
 * (1 + z_j) sin(theta_k) - 1, does not depend on T: the matrices are per scheme, not per option.
 */
import { gaussLegendreRule } from '../math/gauss-legendre';

/**
 * ALO's two fixed-point systems: 'smooth-pasting' (FP-B, phi kernels; converges fastest for
 * ordinary inputs) and 'value-matching' (FP-A, Phi kernels; slower but stable where FP-B
 * diverges: low vol with long maturity, when the boundary sits many standard deviations from X).
 */
export type AloEquation = 'smooth-pasting' | 'value-matching';

export interface AloSchemeSpec {
  equation: AloEquation;
  /** Chebyshev intervals n: the boundary is known at n + 1 Lobatto nodes (one of them tau = 0). */
  chebyshevNodes: number;
  /** Fixed-point sweeps m (the first is a Jacobi-Newton step). */
  iterations: number;
  /** Gauss-Legendre order l of the fixed-point integrals. */
  fixedPointOrder: number;
  /** Gauss-Legendre order p of the final price integral. */
  priceOrder: number;
  /** Step fraction eta of the first, Jacobi-Newton sweep (0 = plain fixed point). */
  newtonDamping: number;
  /**
   * How many of the `iterations` sweeps (the first ones) are full Newton steps on the collocated
   * system H = G(H) (default 0): quadratic instead of linear convergence, ~1.5x a plain sweep.
   */
  newtonSweeps?: number;
  /**
   * QD+ starting values are computed at this many coarse Chebyshev nodes and interpolated to the
   * n nodes (default n: at every node). QD+ is only ~1e-3 accurate, so a few nodes carry all its
   * information, and each QD+ root costs a Newton solve.
   */
  startNodes?: number;
}

export interface AloScheme extends AloSchemeSpec {
  readonly newtonSweeps: number;
  readonly startNodes: number;
  /** Coarse nodes z = cos(j pi / startNodes) of the QD+ start. */
  readonly startZ: Float64Array;
  /** startInterp[j * startNodes + i]: weight of coarse value i in the start at node j. */
  readonly startInterp: Float64Array;
  /** Lobatto nodes z_j = cos(j pi / n), j = 0..n-1 (z_n = -1 is tau = 0, fixed). */
  readonly nodeZ: Float64Array;
  /** sin(theta_k) and the theta-weights (pi/4) w_k of the fixed-point rule. */
  readonly fpSin: Float64Array;
  readonly fpCos: Float64Array;
  readonly fpWeight: Float64Array;
  /** fpInterp[(j * l + k) * n + i]: weight of node value i in the boundary at abscissa k of node j. */
  readonly fpInterp: Float64Array;
  readonly priceSin: Float64Array;
  readonly priceCos: Float64Array;
  readonly priceWeight: Float64Array;
  /** priceInterp[k * n + i]. */
  readonly priceInterp: Float64Array;
}

/**
 * Lagrange weights of the Chebyshev-Lobatto interpolant at z (values at j = 0..n-1; the node
 * z_n = -1 carries H = 0 and is dropped). Written as coefficients a_m = (2/n) sum'' H_i cos(m i pi/n)
 * and the sum'' a_m T_m(z), folded into one weight per node value.
 */
function lobattoWeights(
  n: number,
  cosTable: Float64Array,
  z: number,
  out: Float64Array,
  offset: number,
): void {
  const tm = new Float64Array(n + 1);
  tm[0] = 1;
  if (n >= 1) tm[1] = z;
  for (let m = 2; m <= n; m++) tm[m] = 2 * z * (tm[m - 1] as number) - (tm[m - 2] as number);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let m = 0; m <= n; m++) acc += (cosTable[m * n + i] as number) * (tm[m] as number);
    const nodeEdge = i === 0 ? 0.5 : 1;
    out[offset + i] = (2 / n) * nodeEdge * acc;
  }
}

/** edge_m cos(m i pi / n) for m = 0..n, i = 0..n-1 (edge = 1/2 at m = 0 and m = n). */
function lobattoCosTable(n: number): Float64Array {
  const table = new Float64Array((n + 1) * n);
  for (let m = 0; m <= n; m++) {
    const edge = m === 0 || m === n ? 0.5 : 1;
    for (let i = 0; i < n; i++) table[m * n + i] = edge * Math.cos((m * i * Math.PI) / n);
  }
  return table;
}

function thetaRule(order: number): { sin: Float64Array; cos: Float64Array; weight: Float64Array } {
  const { nodes, weights } = gaussLegendreRule(order);
  const sin = new Float64Array(order);
  const cos = new Float64Array(order);
  const weight = new Float64Array(order);
  for (let k = 0; k < order; k++) {
    const theta = (Math.PI / 4) * ((nodes[k] as number) + 1);
    sin[k] = Math.sin(theta);
    cos[k] = Math.cos(theta);
    weight[k] = (Math.PI / 4) * (weights[k] as number);
  }
  return { sin, cos, weight };
}

/** Builds the tables of a scheme; call once and reuse (a scheme is immutable). */
export function makeAloScheme(spec: AloSchemeSpec): AloScheme {
  const { chebyshevNodes: n, iterations: m, fixedPointOrder: l, priceOrder: p } = spec;
  for (const [name, v, lo] of [
    ['chebyshevNodes', n, 2],
    ['iterations', m, 1],
    ['fixedPointOrder', l, 2],
    ['priceOrder', p, 2],
  ] as const) {
    if (!Number.isInteger(v) || v < lo || v > 256) {
      throw new RangeError(`makeAloScheme: ${name} must be an integer in [${lo}, 256], got ${v}`);
    }
  }
  const nodeZ = new Float64Array(n);
  for (let j = 0; j < n; j++) nodeZ[j] = Math.cos((j * Math.PI) / n);
  const cosTable = lobattoCosTable(n);
  const fp = thetaRule(l);
  const fpInterp = new Float64Array(n * l * n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < l; k++) {
      const z = (1 + (nodeZ[j] as number)) * (fp.sin[k] as number) - 1;
      lobattoWeights(n, cosTable, z, fpInterp, (j * l + k) * n);
    }
  }
  const pr = thetaRule(p);
  const priceInterp = new Float64Array(p * n);
  for (let k = 0; k < p; k++)
    lobattoWeights(n, cosTable, 2 * (pr.sin[k] as number) - 1, priceInterp, k * n);
  if (!(spec.newtonDamping >= 0 && spec.newtonDamping <= 1)) {
    throw new RangeError(
      `makeAloScheme: newtonDamping must be in [0, 1], got ${spec.newtonDamping}`,
    );
  }
  const newtonSweeps = spec.newtonSweeps ?? 0;
  if (!Number.isInteger(newtonSweeps) || newtonSweeps < 0 || newtonSweeps > m) {
    throw new RangeError(
      `makeAloScheme: newtonSweeps must be an integer in [0, iterations], got ${newtonSweeps}`,
    );
  }
  const startNodes = spec.startNodes ?? n;
  if (!Number.isInteger(startNodes) || startNodes < 2 || startNodes > n) {
    throw new RangeError(
      `makeAloScheme: startNodes must be an integer in [2, chebyshevNodes], got ${startNodes}`,
    );
  }
  const startZ = new Float64Array(startNodes);
  for (let j = 0; j < startNodes; j++) startZ[j] = Math.cos((j * Math.PI) / startNodes);
  const startInterp = new Float64Array(n * startNodes);
  const startCos = lobattoCosTable(startNodes);
  for (let j = 0; j < n; j++) {
    lobattoWeights(startNodes, startCos, nodeZ[j] as number, startInterp, j * startNodes);
  }
  return {
    ...spec,
    newtonSweeps,
    startNodes,
    startZ,
    startInterp,
    nodeZ,
    fpSin: fp.sin,
    fpCos: fp.cos,
    fpWeight: fp.weight,
    fpInterp,
    priceSin: pr.sin,
    priceCos: pr.cos,
    priceWeight: pr.weight,
    priceInterp,
  };
}
