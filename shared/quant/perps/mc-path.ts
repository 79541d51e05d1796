/**
 * One Monte Carlo path of the liquidation model (`mc-model.ts`), monitored hourly with a
 * Brownian-bridge correction between observations, built lazily by bridge refinement.
 *
 * The target estimator is the straightforward one: observe every hour; a pool is liquidated if
 * its surplus X <= 0 at an hour, and between two observations it survives with 1 - (bridge touch
 * probability, `mc-bridge.ts`). The survival weight (product of those, 0 once hit) is averaged
 * over paths: a conditional expectation, so no uniforms are drawn for crossings.
 *
 * Instead of drawing all hours, a path first draws its mandatory points (checkpoints, the horizon,
 * the hours around jumps) and bisects a step [a, b], drawing W at the midpoint from the exact
 * Brownian bridge between W(a) and W(b), while the step's bridge probability is uncertain: a
 * touch is plausible (bound with 1.5x the larger end variance above `tolerance`) and the
 * probabilities computed from either end's sd line (`surplusTouchOneSided`) differ by more than
 * `tolerance`. For one position (sd exactly affine in X) the ends agree and a week is one step,
 * exact; for a book on several prices, steps where X's composition changes are resolved down to
 * single hours. Student-t shocks have no Gaussian bridge, so with them every hour is drawn.
 *
 * Shocks are stored per hour, so the antithetic partner (sign -1) reuses them negated.
 */
import type { Rng } from '../math/rng';
import { surplusTouchOneSided, surplusTouchProbability } from './mc-bridge';
import type { PreparedModel, PreparedPool } from './mc-model';
import type { SurplusCurve } from './surplus-curve';
import { pieceIndex } from './surplus-curve';

/** Variance inflation in the "is this step safe" test (covers curvature of X within the step). */
const REFINE_SAFETY = 1.5;

export interface PathOutcome {
  /** Survival weight per pool at each checkpoint: [checkpoint * pools + pool]. */
  poolSurvival: Float64Array;
  /** Survival weight of "no pool liquidated" at each checkpoint. */
  anySurvival: Float64Array;
  /** Points evaluated on the last path besides time 0 (diagnostics). */
  points: number;
}

export interface PathSimulator {
  /** Draws the jump schedule shared by a path and its antithetic partner; resets stored shocks. */
  startPair(): void;
  /** Simulates one path with shock sign +1 or -1 and returns its outcome (buffers reused). */
  run(sign: 1 | -1): PathOutcome;
  /** Surplus, sd per sqrt(hour) of each pool at time 0: [X0, sd0] per pool. */
  initial(): Float64Array;
}

/** Cumulative Poisson probabilities P(N <= n) for n = 0.. until 1 - 1e-16 (jump counts). */
function poissonCdf(mean: number): Float64Array {
  const out: number[] = [];
  let p = Math.exp(-mean);
  let cdf = p;
  out.push(cdf);
  for (let n = 1; cdf < 1 - 1e-16 && n < 1000; n++) {
    p *= mean / n;
    cdf += p;
    out.push(cdf);
  }
  return Float64Array.from(out);
}

export function createPathSimulator(
  model: PreparedModel,
  rng: Rng,
  tolerance: number,
): PathSimulator {
  const K = model.k;
  const H = model.hours;
  const P = model.pools.length;
  const N = H + 1;
  const { spot, volPerSqrtHour: vol, driftPerHour: drift, chol, pools } = model;
  const nu = model.studentTNu;
  const tScale = nu === null ? 1 : Math.sqrt((nu - 2) / nu);
  const invFunding = 1 / model.fundingIntervalHours;
  const lnInv = -Math.log(tolerance);
  const W = new Float64Array(K * N);
  const Z = new Float64Array(K * N);
  const zDrawn = new Uint8Array(N);
  const J = new Float64Array(K * N);
  const X = new Float64Array(P * N);
  const SD = new Float64Array(P * N);
  const BETA = new Float64Array(P * N);
  const price = new Float64Array(K);
  const c = new Float64Array(K);
  const g = new Float64Array(K);
  const w = new Float64Array(P);
  // Scalars that change per step live in typed arrays: a double in a closure slot is re-boxed
  // on every write, which turned this loop into a garbage-collector benchmark.
  const any = new Float64Array(1);
  const stack = new Int32Array(4 * N + 4);
  const nCp = model.checkpoints.length;
  const poolSurvival = new Float64Array(nCp * P);
  const anySurvival = new Float64Array(nCp);
  const isCheckpoint = new Uint8Array(N);
  for (const cp of model.checkpoints) isCheckpoint[cp] = 1;
  const basePoints =
    nu !== null ? Array.from({ length: H }, (_, i) => i + 1) : Array.from(model.checkpoints);
  // One Poisson count for all jumps of a path, then the underlying by its share of the intensity.
  let totalJumpRate = 0;
  for (let k = 0; k < K; k++) totalJumpRate += model.jumpPerHour[k] as number;
  const jumpCdf = totalJumpRate > 0 ? poissonCdf(totalJumpRate * H) : new Float64Array([1]);
  const jumpShare = Float64Array.from(model.jumpPerHour, (r, k) => {
    let s = 0;
    for (let i = 0; i <= k; i++) s += model.jumpPerHour[i] as number;
    return totalJumpRate > 0 ? s / totalJumpRate : r;
  });
  // Last piece used per (pool, underlying): prices on one path stay close, so the cached piece
  // usually still holds and the binary search is skipped.
  const pieceOffset = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    pieceOffset[p + 1] = (pieceOffset[p] as number) + (pools[p] as PreparedPool).underlyings.length;
  }
  const lastPiece = new Int32Array(pieceOffset[P] as number);
  const jumpHour: number[] = [];
  const jumpK: number[] = [];
  const jumpZ: number[] = [];
  let mandatory: number[] = basePoints;
  let points = 0;
  let jumpsInJ = false;

  // One view per hour so that Gaussian shocks come from one `fillNormal` call (a double returned
  // from a call that is not inlined is boxed; the batch call avoids that garbage).
  const zRows = Array.from({ length: N }, (_, t) => Z.subarray(t * K, (t + 1) * K));

  function shocks(t: number): void {
    if (zDrawn[t] === 1) return;
    if (nu === null) {
      rng.fillNormal(zRows[t] as Float64Array);
    } else {
      const o = t * K;
      for (let m = 0; m < K; m++) Z[o + m] = rng.studentT(nu) * tScale;
    }
    zDrawn[t] = 1;
  }

  function evalPoint(t: number): void {
    points += 1;
    // Local aliases: the hot loops then read registers, not the closure context.
    const Wl = W;
    const Jl = J;
    const L = chol;
    const pr = price;
    const cl = c;
    const gl = g;
    const o = t * K;
    for (let k = 0; k < K; k++) {
      let s = 0;
      const row = k * K;
      for (let m = 0; m <= k; m++) s += (L[row + m] as number) * (Wl[o + m] as number);
      const y = (drift[k] as number) * t + (vol[k] as number) * s + (Jl[o + k] as number);
      pr[k] = (spot[k] as number) * Math.exp(y);
    }
    const phi = t * invFunding;
    for (let p = 0; p < P; p++) {
      const pool = pools[p] as PreparedPool;
      const linear = pool.type === 'linear';
      const ids = pool.underlyings;
      const nIds = ids.length;
      let x = pool.balance;
      for (let m = 0; m < K; m++) gl[m] = 0;
      for (let j = 0; j < nIds; j++) {
        const k = ids[j] as number;
        const uu = linear ? (pr[k] as number) : 1 / (pr[k] as number);
        const curve = pool.curves[j] as SurplusCurve;
        const slot = (pieceOffset[p] as number) + j;
        let piece = lastPiece[slot] as number;
        if (!(uu >= (curve.edges[piece] as number) && uu < (curve.edges[piece + 1] as number))) {
          piece = pieceIndex(curve, uu);
          lastPiece[slot] = piece;
        }
        const slope = (curve.slope[piece] as number) + (pool.funding[j] as number) * phi;
        x += (curve.intercept[piece] as number) + slope * uu;
        const ck = slope * (linear ? uu : -uu) * (vol[k] as number);
        cl[k] = ck;
        const row = k * K;
        for (let m = 0; m <= k; m++) gl[m] = (gl[m] as number) + ck * (L[row + m] as number);
      }
      // sd^2 = |L' c|^2; the covariation slope needs (R c)_k = (L g)_k.
      let v = 0;
      for (let m = 0; m < K; m++) v += (gl[m] as number) * (gl[m] as number);
      let num = 0;
      for (let j = 0; j < nIds; j++) {
        const k = ids[j] as number;
        let rc = 0;
        const row = k * K;
        for (let m = 0; m <= k; m++) rc += (L[row + m] as number) * (gl[m] as number);
        num += (vol[k] as number) * (cl[k] as number) * rc * rc;
      }
      const sd = Math.sqrt(v);
      const at = t * P + p;
      X[at] = x;
      SD[at] = sd;
      BETA[at] = sd > 0 ? ((linear ? 1 : -1) * num) / (v * sd) : 0;
    }
  }

  function bridgePoint(a: number, b: number, m: number, sign: number): void {
    shocks(m);
    const fa = (m - a) / (b - a);
    const sd = Math.sqrt(((m - a) * (b - m)) / (b - a));
    for (let f = 0; f < K; f++) {
      const wa = W[a * K + f] as number;
      W[m * K + f] =
        wa + ((W[b * K + f] as number) - wa) * fa + sd * sign * (Z[m * K + f] as number);
    }
    evalPoint(m);
  }

  /** Processes [a, b] (both evaluated): hits, refinement, bridge survival factors. */
  function segment(a0: number, b0: number, sign: number): void {
    let top = 0;
    stack[top++] = a0;
    stack[top++] = b0;
    while (top > 0) {
      const b = stack[--top] as number;
      const a = stack[--top] as number;
      const len = b - a;
      let split = false;
      for (let p = 0; p < P; p++) {
        if (w[p] === 0) continue;
        const xa = X[a * P + p] as number;
        const xb = X[b * P + p] as number;
        if (xa <= 0 || xb <= 0) {
          w[p] = 0;
          any[0] = 0;
          continue;
        }
        if (len > 1 && !split) {
          const ia = a * P + p;
          const ib = b * P + p;
          const s = Math.max(SD[ia] as number, SD[ib] as number);
          // Cheap screen first (a touch is plausible at all), then the error indicator.
          if ((2 * xa * xb) / (REFINE_SAFETY * s * s * len) < lnInv) {
            const fromA = surplusTouchOneSided(
              xa,
              xb,
              SD[ia] as number,
              BETA[ia] as number,
              xa,
              len,
            );
            const fromB = surplusTouchOneSided(
              xa,
              xb,
              SD[ib] as number,
              BETA[ib] as number,
              xb,
              len,
            );
            if (Math.abs(fromA - fromB) > tolerance) split = true;
          }
        }
      }
      if (split) {
        const m = (a + b) >> 1;
        bridgePoint(a, b, m, sign);
        stack[top++] = m;
        stack[top++] = b;
        stack[top++] = a;
        stack[top++] = m;
        continue;
      }
      let worst = 1;
      for (let p = 0; p < P; p++) {
        if (w[p] === 0) continue;
        const ia = a * P + p;
        const ib = b * P + p;
        const hit = surplusTouchProbability(
          X[ia] as number,
          X[ib] as number,
          SD[ia] as number,
          SD[ib] as number,
          BETA[ia] as number,
          BETA[ib] as number,
          len,
        );
        const survive = 1 - hit;
        w[p] = (w[p] as number) * survive;
        if (survive < worst) worst = survive;
      }
      any[0] = (any[0] as number) * worst;
    }
  }

  function startPair(): void {
    zDrawn.fill(0);
    jumpHour.length = 0;
    jumpK.length = 0;
    jumpZ.length = 0;
    mandatory = basePoints;
    if (totalJumpRate === 0) return;
    const u = rng.uniform();
    let n = 0;
    while (n < jumpCdf.length - 1 && u > (jumpCdf[n] as number)) n += 1;
    if (n === 0) return;
    const set = new Set(basePoints);
    for (let i = 0; i < n; i++) {
      const h = 1 + Math.min(H - 1, Math.floor(rng.uniform() * H));
      const pick = rng.uniform();
      let k = 0;
      while (k < K - 1 && pick > (jumpShare[k] as number)) k += 1;
      jumpHour.push(h);
      jumpK.push(k);
      jumpZ.push(rng.normal());
      set.add(h);
      if (h > 1) set.add(h - 1);
    }
    mandatory = [...set].sort((x, y) => x - y);
  }

  function buildJumps(sign: number): void {
    J.fill(0);
    for (let i = 0; i < jumpHour.length; i++) {
      const k = jumpK[i] as number;
      const size =
        (model.jumpMean[k] as number) + (model.jumpVol[k] as number) * sign * (jumpZ[i] as number);
      for (let t = jumpHour[i] as number; t <= H; t++)
        J[t * K + k] = (J[t * K + k] as number) + size;
    }
  }

  // Time 0 is the same on every path: evaluate it once (W(0) = 0, no jumps yet).
  evalPoint(0);

  function run(sign: 1 | -1): PathOutcome {
    points = 0;
    if (jumpHour.length > 0) {
      buildJumps(sign);
      jumpsInJ = true;
    } else if (jumpsInJ) {
      J.fill(0);
      jumpsInJ = false;
    }
    any[0] = 1;
    for (let p = 0; p < P; p++) {
      w[p] = (X[p] as number) > 0 ? 1 : 0;
      if (w[p] === 0) any[0] = 0;
    }
    let prev = 0;
    let cp = 0;
    for (const t of mandatory) {
      shocks(t);
      const sd = Math.sqrt(t - prev);
      for (let f = 0; f < K; f++) {
        W[t * K + f] = (W[prev * K + f] as number) + sd * sign * (Z[t * K + f] as number);
      }
      evalPoint(t);
      segment(prev, t, sign);
      if (isCheckpoint[t] === 1) {
        for (let p = 0; p < P; p++) poolSurvival[cp * P + p] = w[p] as number;
        anySurvival[cp] = any[0] as number;
        cp += 1;
      }
      prev = t;
    }
    return { poolSurvival, anySurvival, points };
  }

  function initial(): Float64Array {
    const out = new Float64Array(2 * P);
    for (let p = 0; p < P; p++) {
      out[2 * p] = X[p] as number;
      out[2 * p + 1] = SD[p] as number;
    }
    return out;
  }

  return { startPair, run, initial };
}
