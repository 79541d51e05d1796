/**
 * Zod schemas of the surface screen's model-risk comparison (Heston, Merton beside SVI) and local
 * vol, used by `surface.api.ts` and the events. Every number is `z.number()` (finite); values a
 * model cannot give are null (chart gaps) or absent.
 */
import { z } from 'zod';
import type {
  HestonModelView,
  MertonModelView,
  ModelRiskRow,
  ModelRmse,
  ModelSmileView,
  ModelValue,
  SurfaceLocalVolView,
  SurfaceModelsView,
} from '../../domain/vol-models';

const underlying = z.string().min(1).max(40);
const surfaceModel = z.enum(['svi', 'svi-free', 'sabr']);
const nullableNumbers = z.array(z.number().nullable());

export const hestonModelViewSchema = z.object({
  v0: z.number().nonnegative(),
  kappa: z.number().positive(),
  theta: z.number().nonnegative(),
  xi: z.number().nonnegative(),
  rho: z.number().min(-1).max(1),
  fellerRatio: z.number().nonnegative(),
  fellerSatisfied: z.boolean(),
  rmseVolPts: z.number().nonnegative(),
  maxAbsErrVolPts: z.number().nonnegative(),
  points: z.number().int().nonnegative(),
  evals: z.number().int().nonnegative(),
  calibMs: z.number().nonnegative(),
}) satisfies z.ZodType<HestonModelView>;

export const mertonModelViewSchema = z.object({
  volAnnual: z.number().nonnegative(),
  lambda: z.number().nonnegative(),
  muJump: z.number(),
  sigmaJump: z.number().nonnegative(),
  rmseVolPts: z.number().nonnegative(),
  maxAbsErrVolPts: z.number().nonnegative(),
  points: z.number().int().nonnegative(),
  evals: z.number().int().nonnegative(),
  calibMs: z.number().nonnegative(),
}) satisfies z.ZodType<MertonModelView>;

const rmseSchema = z.object({
  svi: z.number().nonnegative().optional(),
  heston: z.number().nonnegative().optional(),
  merton: z.number().nonnegative().optional(),
}) satisfies z.ZodType<ModelRmse>;

const modelSmileSchema = z.object({
  expiry: z.string(),
  expiryMs: z.number().int(),
  tYears: z.number().positive(),
  forward: z.number().positive(),
  calibrated: z.boolean(),
  k: z.array(z.number()),
  strike: z.array(z.number()),
  sviIv: z.array(z.number()),
  hestonIv: nullableNumbers,
  mertonIv: nullableNumbers,
  rmseVolPts: rmseSchema,
  rmseAllVolPts: rmseSchema,
  quotes: z.number().int().nonnegative(),
  quotesCore: z.number().int().nonnegative(),
}) satisfies z.ZodType<ModelSmileView>;

const modelValueSchema = z.object({
  iv: z.number().optional(),
  valueUsd: z.number(),
  vegaUsdPerVolPt: z.number(),
}) satisfies z.ZodType<ModelValue>;

const modelRiskRowSchema = z.object({
  positionId: z.string(),
  symbol: z.string(),
  right: z.enum(['call', 'put']),
  strike: z.number().positive(),
  expiryMs: z.number().int(),
  quantity: z.number(),
  tYears: z.number().positive(),
  forward: z.number().positive(),
  svi: modelValueSchema,
  heston: modelValueSchema.optional(),
  merton: modelValueSchema.optional(),
}) satisfies z.ZodType<ModelRiskRow>;

const totalsSchema = z.object({ valueUsd: z.number(), vegaUsdPerVolPt: z.number() });

export const surfaceModelsViewSchema = z.object({
  underlying,
  fitAsOfMs: z.number().int(),
  source: z.string(),
  spot: z.number().positive(),
  minTYears: z.number().nonnegative(),
  heston: hestonModelViewSchema.optional(),
  hestonError: z.string().optional(),
  merton: mertonModelViewSchema.optional(),
  mertonError: z.string().optional(),
  slices: z.array(modelSmileSchema),
  book: z.array(modelRiskRowSchema),
  totals: z.object({
    svi: totalsSchema,
    heston: totalsSchema.optional(),
    merton: totalsSchema.optional(),
  }),
  computeMs: z.number().nonnegative(),
}) satisfies z.ZodType<SurfaceModelsView>;

export const modelsStageSchema = z.enum(['heston', 'merton', 'smiles', 'book']);

/** Where the comparison of one underlying stands: the latest result, a run under way, an error. */
export const surfaceModelsStateSchema = z.object({
  underlying,
  view: surfaceModelsViewSchema.optional(),
  running: z
    .object({ startedMs: z.number().int(), stage: modelsStageSchema.optional() })
    .optional(),
  /** The last run's failure (or cancellation), cleared by the next success. */
  error: z.string().optional(),
  /** Scheduled recalibration period, minutes. */
  everyMinutes: z.number().positive(),
});

export const surfaceModelsEventSchema = z.object({
  underlying,
  outcome: z.enum(['done', 'cancelled', 'failed']),
  fitAsOfMs: z.number().int().optional(),
  hestonRmseVolPts: z.number().optional(),
  mertonRmseVolPts: z.number().optional(),
  computeMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
});

export const surfaceModelsProgressSchema = z.object({
  underlying,
  stage: modelsStageSchema,
  elapsedMs: z.number().nonnegative(),
});

export const surfaceLocalVolSchema = z.object({
  underlying,
  model: surfaceModel,
  asOfMs: z.number().int(),
  k: z.array(z.number()),
  days: z.array(z.number()),
  localVol: z.array(nullableNumbers),
  undefinedCells: z.number().int().nonnegative(),
  slices: z.array(
    z.object({
      expiry: z.string(),
      tYears: z.number().positive(),
      k: z.array(z.number()),
      strike: z.array(z.number()),
      impliedVol: z.array(z.number()),
      localVol: nullableNumbers,
      atmImpliedVol: z.number().nonnegative(),
      atmLocalVol: z.number().nullable(),
    }),
  ),
}) satisfies z.ZodType<SurfaceLocalVolView>;
