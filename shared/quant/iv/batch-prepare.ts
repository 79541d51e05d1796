/**
 * First pass of the batch solver: validation and the reduction to the normalised
 * out-of-the-money problem (exactly as black76-solve.ts), then the inflection point and the
 * first node of "Let's Be Rational" (s_l below b(s_c), s_u above) with h, t and the Gaussian
 * factor there for batch-black.ts; and the point pass that prepares those at each row's guess.
 */
import { tableExp as fastExp, tableMills as fastMills } from './batch-kernels';
import { fastLog } from './fast-log';
import {
  SOLVE_ABOVE_MAXIMUM,
  SOLVE_BELOW_INTRINSIC,
  SOLVE_INVALID_INPUT,
} from './implied-vol-error';
import type { IvWorkspace } from './batch-workspace';
import {
  MAX_EXPONENT,
  MIN_NORMALISED,
  MODE_DONE,
  MODE_FALLBACK,
  MODE_LOW_SIDE,
} from './batch-workspace';

const DBL_EPSILON = 2 ** -52;
const DBL_MIN = 2 ** -1022;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_PI_OVER_2 = 1.2533141373155003;

export interface Black76Columns {
  types: Uint8Array | Int8Array;
  forward: Float64Array;
  strike: Float64Array;
  tYears: Float64Array;
  price: Float64Array;
  discountFactor: Float64Array | undefined;
}

/** Rows [i0, i0 + n) into block slots [0, n). */
export function prepareBlock(cols: Black76Columns, ws: IvWorkspace, i0: number, n: number): void {
  const { types, forward, strike, tYears, price, discountFactor } = cols;
  const { x: xs, beta: betas, s: ss, mode, f64, i32 } = ws;
  const intrinsicTolerance = 4 * DBL_EPSILON;
  const maxExponent = MAX_EXPONENT;
  const minNormalised = MIN_NORMALISED;
  for (let j = 0; j < n; j++) {
    const i = i0 + j;
    const code = types[i] as number;
    const isCall = code === 1;
    const F = forward[i] as number;
    const K = strike[i] as number;
    const T = tYears[i] as number;
    const p =
      discountFactor === undefined
        ? (price[i] as number)
        : (price[i] as number) / (discountFactor[i] as number);
    mode[j] = MODE_DONE;
    if (!(
      (isCall || code === 0 || code === -1 || code === 255) &&
      F > 0 &&
      F < Infinity &&
      K > 0 &&
      K < Infinity &&
      T > 0 &&
      T < Infinity &&
      p > 0 &&
      p < Infinity
    )) {
      ss[j] = SOLVE_INVALID_INPUT;
      continue;
    }
    // Calls and puts arrive shuffled: selections by arithmetic (exact, sg = +-1 and call in
    // {0, 1}), not by branches that would mispredict half of the time.
    const call = +isCall;
    const sg = 2 * call - 1;
    if (p >= F * call + K * (1 - call)) {
      ss[j] = SOLVE_ABOVE_MAXIMUM;
      continue;
    }
    // Time value is the same for the call and the put (parity) and is the OTM option's price.
    const timeValue = p - Math.max(sg * (F - K), 0);
    if (!(timeValue > 0)) {
      ss[j] = timeValue >= -intrinsicTolerance * Math.max(F, K) ? 0 : SOLVE_BELOW_INTRINSIC;
      continue;
    }
    const ratio = F / K;
    const lnRatio =
      ratio >= DBL_MIN && ratio < Infinity ? fastLog(ratio, f64, i32) : Math.log(F) - Math.log(K);
    const x = -Math.abs(lnRatio);
    const fk = F * K;
    const rootFK = fk > 1e-300 && fk < 1e300 ? Math.sqrt(fk) : Math.sqrt(F) * Math.sqrt(K);
    const beta = timeValue / rootFK;
    xs[j] = x;
    betas[j] = beta;
    // Active from here (the side is decided in nodePass); the scalar path takes the rest.
    mode[j] = beta >= minNormalised && x > -maxExponent ? MODE_LOW_SIDE : MODE_FALLBACK;
  }
}

/**
 * b_max = exp(x/2), the inflection s_c = sqrt(2|x|) and b(s_c), and the node: s_l if
 * beta < b(s_c), else s_u. Its own pass (as pointPass): split loops keep each row's chain of
 * dependent operations short enough for the CPU to overlap consecutive rows.
 */
export function nodePass(ws: IvWorkspace, n: number): void {
  const { x: xs, beta: betas, bMax: bMaxs, bC: bCs, s: ss, mode } = ws;
  for (let j = 0; j < n; j++) {
    if (mode[j] !== MODE_LOW_SIDE) continue;
    const x = xs[j] as number;
    const bMax = fastExp(0.5 * x);
    // b(s_c) = b_max (1/2 - m(s_c) / sqrt(2 pi)) (there h + t = 0), vega b_max / sqrt(2 pi), so
    // the tangent at s_c meets 0 and b_max at s_c -+ sqrt(pi/2) + m(s_c). For tiny s_c these
    // differences lose digits, but they only place interpolation nodes: the steps remove that.
    const sC = Math.sqrt(-2 * x);
    const millsC = fastMills(sC);
    const beta = betas[j] as number;
    // Below s_c = 1e-8 (F/K within ~1e-16 of 1) x counts as 0, where b(s_c) = 0 exactly.
    const bC = sC > 1e-8 ? bMax * (0.5 - INV_SQRT_2PI * millsC) : 0;
    const high = +(beta >= bC); // 0 or 1, selected without a branch (see prepareBlock)
    const node = sC + millsC + (2 * high - 1) * SQRT_PI_OVER_2;
    bMaxs[j] = bMax;
    bCs[j] = bC;
    ss[j] = node;
    // s_l = s_c - (sqrt(pi/2) - m(s_c)) ~ s_c^2 cancels below s_c = 1e-4: scalar path there.
    // MODE_HIGH_SIDE = MODE_LOW_SIDE + 1.
    // Prices within a few ulp of b_max (numerically at the upper bound) go to the scalar path,
    // so that "above maximum" is decided by the same exp(x/2) as in the scalar API.
    mode[j] =
      beta < bMax * (1 - 4 * DBL_EPSILON) && node > 0 && (high === 1 || sC > 1e-4)
        ? MODE_LOW_SIDE + high
        : MODE_FALLBACK;
  }
}

/**
 * 1/s, h = x/s, t = s/2 and g = exp(-(h^2 + t^2)/2) at s for the rows still being solved: all
 * n rows, or the first n of the list `rows`.
 */
export function pointPass(ws: IvWorkspace, n: number, rows: Int32Array | null): void {
  const { x, s, invS, h, t, g, mode } = ws;
  const maxExponent = MAX_EXPONENT;
  for (let k = 0; k < n; k++) {
    const j = rows === null ? k : (rows[k] as number);
    if ((mode[j] as number) < MODE_LOW_SIDE) continue;
    const sj = s[j] as number;
    const inv = 1 / sj;
    const hj = (x[j] as number) * inv;
    const tj = 0.5 * sj;
    const q = 0.5 * (hj * hj + tj * tj);
    invS[j] = inv;
    h[j] = hj;
    t[j] = tj;
    if (q < maxExponent) {
      g[j] = fastExp(-q);
    } else {
      mode[j] = MODE_FALLBACK;
    }
  }
}
