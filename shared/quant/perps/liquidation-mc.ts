/**
 * Probability that a cross account (or isolated positions) is liquidated within a horizon, by
 * Monte Carlo over correlated underlyings (`mc-model.ts` for the model, `mc-path.ts` for the
 * path construction and the hourly Brownian-bridge monitoring).
 *
 * Each pool's estimate is the average over paths of 1 - survival weight, with antithetic pairs
 * averaged first; its standard error is the sample standard deviation of those pair averages over
 * sqrt(pairs). "Any pool" treats the pools' between-hour crossings on one path as comonotone
 * (they are driven by the same prices), which is exact for a single pool.
 */
import type { Rng } from '../math/rng';
import type { LiquidationMcInput } from './mc-model';
import { prepareModel } from './mc-model';
import { createPathSimulator } from './mc-path';

export interface PoolProbability {
  probability: number;
  standardError: number;
  /** Surplus (margin balance minus requirement) now, in the pool's settlement currency. */
  surplusNow: number;
  /** Surplus now / its standard deviation over the horizon (linearised): distance in sigmas. */
  distanceSigmas: number | null;
}

export interface CheckpointProbability {
  hours: number;
  probability: number;
  pools: number[];
}

export interface LiquidationMcResult {
  paths: number;
  horizonHours: number;
  probability: number;
  standardError: number;
  pools: PoolProbability[];
  checkpoints: CheckpointProbability[];
  /** Average number of points evaluated per path (the full hourly grid has horizon + 1). */
  pointsPerPath: number;
}

export function liquidationProbabilityMc(input: LiquidationMcInput, rng: Rng): LiquidationMcResult {
  const model = prepareModel(input);
  const P = model.pools.length;
  const C = model.checkpoints.length;
  const antithetic = input.antithetic ?? true;
  const sim = createPathSimulator(model, rng, input.refineTolerance ?? 1e-3);
  const init = sim.initial();
  const units = antithetic ? Math.ceil(input.paths / 2) : input.paths;
  const perUnit = antithetic ? 2 : 1;
  // Sums of the per-unit loss (1 - survival) per checkpoint x (pools + any), and squares at the horizon.
  const sum = new Float64Array(C * (P + 1));
  const sumSq = new Float64Array(P + 1);
  const unitLoss = new Float64Array(C * (P + 1));
  let points = 0;
  for (let u = 0; u < units; u++) {
    sim.startPair();
    unitLoss.fill(0);
    for (let r = 0; r < perUnit; r++) {
      const out = sim.run(r === 0 ? 1 : -1);
      points += out.points;
      for (let c = 0; c < C; c++) {
        const row = c * (P + 1);
        for (let p = 0; p < P; p++) {
          unitLoss[row + p] =
            (unitLoss[row + p] as number) + (1 - (out.poolSurvival[c * P + p] as number)) / perUnit;
        }
        unitLoss[row + P] =
          (unitLoss[row + P] as number) + (1 - (out.anySurvival[c] as number)) / perUnit;
      }
    }
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (unitLoss[i] as number);
    const last = (C - 1) * (P + 1);
    for (let i = 0; i <= P; i++)
      sumSq[i] = (sumSq[i] as number) + (unitLoss[last + i] as number) ** 2;
  }
  const mean = (i: number): number => (sum[i] as number) / units;
  const se = (i: number): number => {
    const m = mean((C - 1) * (P + 1) + i);
    const variance =
      Math.max(0, (sumSq[i] as number) / units - m * m) * (units / Math.max(1, units - 1));
    return Math.sqrt(variance / units);
  };
  const last = (C - 1) * (P + 1);
  const pools = Array.from({ length: P }, (_, p): PoolProbability => {
    const x0 = init[2 * p] as number;
    const sd0 = init[2 * p + 1] as number;
    return {
      probability: mean(last + p),
      standardError: se(p),
      surplusNow: x0,
      distanceSigmas: sd0 > 0 ? x0 / (sd0 * Math.sqrt(model.hours)) : null,
    };
  });
  return {
    paths: units * perUnit,
    horizonHours: model.hours,
    probability: mean(last + P),
    standardError: se(P),
    pools,
    checkpoints: Array.from(model.checkpoints, (hours, c) => ({
      hours,
      probability: mean(c * (P + 1) + P),
      pools: Array.from({ length: P }, (_, p) => mean(c * (P + 1) + p)),
    })),
    pointsPerPath: points / (units * perUnit),
  };
}
