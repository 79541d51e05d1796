/**
 * Inputs of the liquidation-probability Monte Carlo and their preparation into flat arrays.
 *
 * Model. Each underlying k follows a GBM in hours, ln S_k(t) = ln S_k(0) + d_k t + a_k (L W(t))_k
 * + J_k(t): W independent standard Brownian motions, L the Cholesky factor of the correlation
 * matrix, a_k = vol / sqrt(8760), d_k = (mu - vol^2/2 - lambda kappa) / 8760 so that E[S(t)] =
 * S(0) e^{mu t} with Merton jumps (log size N(jumpMean, jumpVol), kappa = E[e^J] - 1, intensity
 * lambda per year). Optional Student-t shocks replace the Brownian increments of each hour by
 * independent t(nu) variates scaled to unit variance, correlated by the same L.
 *
 * A margin pool (the cross account, or one isolated position) is liquidated when its surplus
 *   X(t) = balance + sum_k c_k(u_k(t)) + (t / fundingInterval) sum_k F_k u_k(t)
 * reaches 0, where c_k is the legs' surplus curve on underlying k (`surplus-curve.ts`), u = price
 * (linear) or 1/price (inverse) and F_k = -sum side * q * fundingRate: funding accrues
 * continuously on the current notional (venues pay at discrete times; the balance differs by at
 * most one payment's revaluation, about rate x notional x the price move since that payment).
 */
import { cholesky } from '../math/cholesky';
import type { SurplusCurve, SurplusLeg } from './surplus-curve';
import { buildSurplusCurve } from './surplus-curve';
import type { ContractType } from './types';

export const HOURS_PER_YEAR = 8760;

export interface McUnderlying {
  id: string;
  spot: number;
  volAnnual: number;
  driftAnnual?: number;
  jumpIntensityPerYear?: number;
  jumpMeanLog?: number;
  jumpVolLog?: number;
}

export interface McLeg extends SurplusLeg {
  /** Index into `underlyings`. */
  underlying: number;
  /** Price-space side sign (+1 long, -1 short), for the funding direction. */
  side: 1 | -1;
  /** Funding rate per funding interval assumed over the horizon (positive: longs pay). */
  fundingRate: number;
}

export interface McPool {
  type: ContractType;
  /** Wallet balance (cross) or isolated margin; quote currency (linear) or coin (inverse). */
  balance: number;
  legs: readonly McLeg[];
}

export interface LiquidationMcInput {
  underlyings: readonly McUnderlying[];
  /** Row-major K x K correlation matrix; identity when omitted. */
  correlation?: readonly number[];
  pools: readonly McPool[];
  /** Whole hours, >= 1. */
  horizonHours: number;
  fundingIntervalHours?: number;
  /** Degrees of freedom (> 2) of Student-t hourly shocks; Gaussian when omitted. */
  studentTNu?: number;
  /** Hours (<= horizon) at which survival is also reported; the horizon always is. */
  checkpointsHours?: readonly number[];
  paths: number;
  /** Pairs each path with its mirror (negated shocks); default true. */
  antithetic?: boolean;
  /**
   * A multi-hour step is subdivided while the bridge touch probabilities from its two ends differ
   * by more than this (default 1e-3; smaller = closer to hourly everywhere, slower).
   */
  refineTolerance?: number;
}

export interface PreparedPool {
  type: ContractType;
  balance: number;
  /** Underlyings this pool has legs on, and per entry the legs' curve and funding factor F_k. */
  underlyings: Int32Array;
  curves: SurplusCurve[];
  funding: Float64Array;
}

export interface PreparedModel {
  k: number;
  hours: number;
  spot: Float64Array;
  volPerSqrtHour: Float64Array;
  driftPerHour: Float64Array;
  chol: Float64Array;
  jumpPerHour: Float64Array;
  jumpMean: Float64Array;
  jumpVol: Float64Array;
  pools: PreparedPool[];
  fundingIntervalHours: number;
  studentTNu: number | null;
  checkpoints: Int32Array;
}

export class McInputError extends Error {
  override name = 'McInputError';
}

function prepareCorrelation(input: LiquidationMcInput, k: number): Float64Array {
  const c = input.correlation;
  if (c === undefined) {
    const id = new Float64Array(k * k);
    for (let i = 0; i < k; i++) id[i * k + i] = 1;
    return id;
  }
  if (c.length !== k * k)
    throw new McInputError(`correlation must have ${k * k} entries, got ${c.length}`);
  for (let i = 0; i < k; i++) {
    if (Math.abs((c[i * k + i] as number) - 1) > 1e-12)
      throw new McInputError('correlation diagonal must be 1');
    for (let j = 0; j < i; j++) {
      if (Math.abs((c[i * k + j] as number) - (c[j * k + i] as number)) > 1e-12) {
        throw new McInputError('correlation matrix must be symmetric');
      }
    }
  }
  return cholesky(c, k);
}

function preparePool(pool: McPool, k: number): PreparedPool {
  if (pool.legs.length === 0) throw new McInputError('a pool needs at least one leg');
  const ids = [...new Set(pool.legs.map((l) => l.underlying))].sort((a, b) => a - b);
  for (const id of ids)
    if (!(id >= 0 && id < k)) throw new McInputError(`leg underlying ${id} out of range`);
  if (pool.type === 'inverse' && ids.length > 1) {
    throw new McInputError('an inverse (coin-margined) pool must hold one underlying');
  }
  const curves = ids.map((id) => buildSurplusCurve(pool.legs.filter((l) => l.underlying === id)));
  const funding = Float64Array.from(ids, (id) =>
    pool.legs
      .filter((l) => l.underlying === id)
      .reduce((s, l) => s - l.side * l.q * l.fundingRate, 0),
  );
  return {
    type: pool.type,
    balance: pool.balance,
    underlyings: Int32Array.from(ids),
    curves,
    funding,
  };
}

export function prepareModel(input: LiquidationMcInput): PreparedModel {
  const k = input.underlyings.length;
  if (k === 0) throw new McInputError('at least one underlying is required');
  const hours = input.horizonHours;
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 366) {
    throw new McInputError(`horizonHours must be a whole number in [1, 8784], got ${hours}`);
  }
  if (!Number.isInteger(input.paths) || input.paths < 2)
    throw new McInputError('paths must be an integer >= 2');
  const nu = input.studentTNu ?? null;
  if (nu !== null && !(nu > 2)) throw new McInputError('studentTNu must be > 2 (finite variance)');
  const spot = new Float64Array(k);
  const vol = new Float64Array(k);
  const drift = new Float64Array(k);
  const jumpPerHour = new Float64Array(k);
  const jumpMean = new Float64Array(k);
  const jumpVol = new Float64Array(k);
  input.underlyings.forEach((u, i) => {
    if (!(u.spot > 0 && u.volAnnual >= 0))
      throw new McInputError(`underlying ${u.id}: spot > 0 and vol >= 0`);
    const lambda = u.jumpIntensityPerYear ?? 0;
    const jm = u.jumpMeanLog ?? 0;
    const jv = u.jumpVolLog ?? 0;
    const kappa = Math.exp(jm + 0.5 * jv * jv) - 1;
    spot[i] = u.spot;
    vol[i] = u.volAnnual / Math.sqrt(HOURS_PER_YEAR);
    drift[i] =
      ((u.driftAnnual ?? 0) - 0.5 * u.volAnnual * u.volAnnual - lambda * kappa) / HOURS_PER_YEAR;
    jumpPerHour[i] = lambda / HOURS_PER_YEAR;
    jumpMean[i] = jm;
    jumpVol[i] = jv;
  });
  const checkpoints = [...new Set([...(input.checkpointsHours ?? []), hours])]
    .filter((h) => Number.isInteger(h) && h >= 1 && h <= hours)
    .sort((a, b) => a - b);
  return {
    k,
    hours,
    spot,
    volPerSqrtHour: vol,
    driftPerHour: drift,
    chol: prepareCorrelation(input, k),
    jumpPerHour,
    jumpMean,
    jumpVol,
    pools: input.pools.map((p) => preparePool(p, k)),
    fundingIntervalHours: input.fundingIntervalHours ?? 8,
    studentTNu: nu,
    checkpoints: Int32Array.from(checkpoints),
  };
}
