/**
 * liq.mc_probability: probability that a 20-position USDT cross account on five correlated
 * underlyings (GBM with Merton jumps, funding accrual) is liquidated within 7 days, monitored
 * hourly with a Brownian-bridge correction, 100,000 paths.
 *
 * value: `liquidationProbabilityMc` (lazy bridge refinement, antithetic pairs), median of 3 runs.
 * baseline: the straightforward loop of test/quant/perps/mc-reference.ts (every path, hour and
 * position recomputed), timed on BASELINE_PATHS paths in the same run and scaled linearly to
 * 100,000 (its cost is exactly proportional to the path count; running it in full takes ~1 min).
 * Both probabilities are printed: they must agree within their standard errors.
 */
import { medianMs } from './bench-types';
import type { Benchmark } from './bench-types';
import { createRng } from '../../shared/quant/math/rng';
import type { LiquidationMcResult } from '../../shared/quant/perps/liquidation-mc';
import { liquidationProbabilityMc } from '../../shared/quant/perps/liquidation-mc';
import { benchAccount } from '../quant/perps/mc-fixtures';
import type { ReferenceResult } from '../quant/perps/mc-reference';
import { straightforwardLiquidationMc } from '../quant/perps/mc-reference';

const PATHS = 100_000;
const BASELINE_PATHS = 10_000;

export const benchmarks: Benchmark[] = [
  {
    name: 'liq.mc_probability',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      let ours: LiquidationMcResult | undefined;
      let seed = 1;
      const value = medianMs(() => {
        ours = liquidationProbabilityMc(benchAccount(PATHS), createRng(seed++));
      }, 3);
      const t0 = performance.now();
      const ref: ReferenceResult = straightforwardLiquidationMc(
        benchAccount(BASELINE_PATHS),
        createRng(99),
      );
      const baseline = ((performance.now() - t0) * PATHS) / BASELINE_PATHS;
      if (ours === undefined) throw new Error('benchmark did not run');
      return {
        value,
        baseline,
        extra: {
          paths: PATHS,
          baselinePathsTimed: BASELINE_PATHS,
          probability: Number(ours.probability.toFixed(5)),
          standardError: Number(ours.standardError.toFixed(5)),
          baselineProbability: Number(ref.probability.toFixed(5)),
          baselineStandardError: Number(ref.standardError.toFixed(5)),
          pointsPerPath: Number(ours.pointsPerPath.toFixed(2)),
        },
      };
    },
  },
];
