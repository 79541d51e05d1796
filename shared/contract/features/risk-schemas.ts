/**
 * Zod schemas of the risk engine's results (the job views of `shared/quant/risk-live`), each
 * checked against its TypeScript type so the two cannot drift. USD throughout, losses positive;
 * `z.number()` refuses NaN and Infinity, so a broken number fails in main, not on a screen.
 */
import { z } from 'zod';
import type { RiskHeatmap } from '../../quant/risk-live/risk-heatmap';
import type {
  BacktestJobView,
  ContributionSet,
  MethodView,
  PnlHistogram,
  StressJobView,
} from '../../quant/risk-live/risk-views';

const num = z.number();
const usd = z.number();
const tsMs = z.number().int();

/** Pricing model of a stress run (`risk/model-pricing.ts`). */
export const pricingModelSchema = z.enum(['bsm-svi', 'heston', 'merton']);

export const varMethodIdSchema = z.enum([
  'historical',
  'historical-ewma',
  'filtered-ewma',
  'filtered-garch',
  'montecarlo',
  'parametric-normal',
  'parametric-t',
  'cornish-fisher',
]);

const varCellSchema = z.object({
  horizonDays: z.number().int().positive(),
  confidence: num,
  varUsd: usd,
  esUsd: usd,
});

const contributionSchema = z.object({
  name: z.string(),
  componentVarUsd: usd,
  componentEsUsd: usd,
  incrementalVarUsd: usd.nullable(),
});

export const contributionSetSchema = z.object({
  horizonDays: z.number().int().positive(),
  confidence: num,
  byUnderlying: z.array(contributionSchema),
  byPosition: z.array(contributionSchema),
}) satisfies z.ZodType<ContributionSet>;

export const pnlHistogramSchema = z.object({
  horizonDays: z.number().int().positive(),
  loUsd: usd,
  binWidthUsd: z.number().positive(),
  counts: z.array(z.number().int().nonnegative()),
  scenarios: z.number().int().nonnegative(),
}) satisfies z.ZodType<PnlHistogram>;

const approximationSchema = z.object({
  scheme: z.string(),
  checkedScenarios: z.number().int().nonnegative(),
  maxAbsPnlErrorUsd: usd,
  varErrorBoundUsd: usd,
  varErrorBoundRelative: num,
});

export const methodViewSchema = z.object({
  method: varMethodIdSchema,
  label: z.string(),
  cells: z.array(varCellSchema),
  contributions: z.array(contributionSetSchema),
  histograms: z.array(pnlHistogramSchema),
  approximation: approximationSchema.nullable(),
  scenarios: z.array(z.number().int().nonnegative()),
  notes: z.array(z.string()),
  computeMs: z.number().nonnegative(),
}) satisfies z.ZodType<MethodView>;

export const heatmapSchema = z.object({
  horizonsDays: z.array(z.number().int().positive()),
  limitUsd: usd.nullable(),
  rows: z.array(
    z.object({
      factor: z.enum(['market', 'volatility', 'basis', 'liquidity', 'model']),
      label: z.string(),
      measure: z.string(),
      cells: z.array(
        z.object({
          horizonDays: z.number().int().positive(),
          lossUsd: usd.nullable(),
          usage: num.nullable(),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<RiskHeatmap>;

const underlyingPnl = z.object({ underlying: z.string(), pnlUsd: usd });
const lrTest = z.object({ lr: num, pValue: num });

export const stressViewSchema = z.object({
  scenarios: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      origin: z.enum(['builtin', 'user', 'model']),
      pnlUsd: usd,
      revaluationPnlUsd: usd,
      liquidityCostUsd: usd,
      rateShiftBps: num,
      byUnderlying: z.array(underlyingPnl),
      worstPositions: z.array(z.object({ positionId: z.string(), pnlUsd: usd })),
      shocks: z.array(
        z.object({
          underlying: z.string(),
          spot: num,
          volMultiplier: num,
          volPoints: num,
          from: z.string(),
        }),
      ),
      stressedVar99Usd: z.object({ base: usd, stressed: usd }).nullable(),
      modelPnlUsd: z.object({ bsmSvi: usd, heston: usd.nullable(), merton: usd.nullable() }),
    }),
  ),
  grids: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      spot: z.array(num),
      vol: z.array(num),
      rateShiftBps: z.array(num),
      pnlUsd: z.array(z.array(z.array(usd))),
      worst: z.object({ name: z.string(), pnlUsd: usd }),
    }),
  ),
  reverse: z.array(
    z.object({
      direction: z.string(),
      targetLossUsd: usd,
      found: z.boolean(),
      t: num.nullable(),
      moves: z.array(z.object({ underlying: z.string(), spot: num, vol: num })),
      lossUsd: usd.nullable(),
      maxLossUsd: usd,
    }),
  ),
  pricing: z.object({
    requested: pricingModelSchema,
    used: pricingModelSchema,
    stickiness: z.enum(['sticky-strike', 'sticky-delta']),
    notes: z.array(z.string()),
    models: z.array(
      z.object({
        model: pricingModelSchema,
        available: z.boolean(),
        covered: z.array(z.string()),
        fallback: z.array(z.string()),
      }),
    ),
  }),
  computeMs: z.number().nonnegative(),
}) satisfies z.ZodType<StressJobView>;

export const backtestViewSchema = z.object({
  source: z.string(),
  windowDays: z.number().int().positive(),
  dayMs: z.array(tsMs),
  pnlUsd: z.array(usd),
  byConfidence: z.array(
    z.object({
      confidence: num,
      varUsd: z.array(usd),
      breaches: z.number().int().nonnegative(),
      expectedBreaches: num,
      breachRate: num,
      kupiec: lrTest,
      independence: lrTest,
      conditionalCoverage: lrTest,
      transitions: z.object({
        n00: z.number().int(),
        n01: z.number().int(),
        n10: z.number().int(),
        n11: z.number().int(),
      }),
      trafficLight: z.object({
        zone: z.enum(['green', 'yellow', 'red']),
        breaches: z.number().int().nonnegative(),
        days: z.number().int().nonnegative(),
        cumulativeProbability: num,
        plusFactor: num,
      }),
      breachLog: z.array(z.object({ dayMs: tsMs, lossUsd: usd, varUsd: usd })),
    }),
  ),
  computeMs: z.number().nonnegative(),
}) satisfies z.ZodType<BacktestJobView>;
