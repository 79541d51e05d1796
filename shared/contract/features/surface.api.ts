/**
 * Implied-vol surfaces: the latest fit per (underlying, model), the 3D grid, Dupire local vol, the
 * stored metric history, a refit on demand, the book's vol settings, and the Heston/Merton
 * model-risk comparison. Every number is `z.number()` (finite).
 */
import { z } from 'zod';
import type {
  SurfaceFitSummary,
  SurfaceFitView,
  SurfaceGrid,
  SurfaceHistoryPoint,
  SurfaceMarketPoint,
  SurfaceSliceView,
  SurfaceTenorMetrics,
} from '../../domain/vol-surface';
import { empty } from '../common';
import {
  surfaceLocalVolSchema,
  surfaceModelsStateSchema,
  surfaceModelsViewSchema,
} from './surface-models.schemas';

export const surfaceModelSchema = z.enum(['svi', 'svi-free', 'sabr']);
export const volStickinessSchema = z.enum(['sticky-strike', 'sticky-delta']);
const underlying = z.string().min(1).max(40);
const numRecord = z.record(z.string(), z.number());

const marketPointSchema = z.object({
  strike: z.number(),
  k: z.number(),
  type: z.enum(['call', 'put']),
  bidIv: z.number().optional(),
  askIv: z.number().optional(),
  markIv: z.number().optional(),
  midIv: z.number().optional(),
  targetIv: z.number(),
  fitIv: z.number(),
  residualVolPts: z.number(),
  inside: z.boolean().optional(),
  weight: z.number(),
}) satisfies z.ZodType<SurfaceMarketPoint>;

const sliceSchema = z.object({
  expiry: z.string(),
  expiryMs: z.number().int(),
  tYears: z.number().positive(),
  forward: z.number().positive(),
  params: numRecord,
  jw: numRecord.optional(),
  rmseVolPts: z.number().nonnegative(),
  maxAbsErrVolPts: z.number().nonnegative(),
  insideBidAsk: z.number().min(0).max(1),
  quotes: z.number().int().nonnegative(),
  twoSided: z.number().int().nonnegative(),
  medianSpreadVolPts: z.number().optional(),
  liquid: z.boolean(),
  minG: z.number(),
  kAtMinG: z.number(),
  negativeG: z.array(z.tuple([z.number(), z.number()])),
  arbitrageFeasible: z.boolean().optional(),
  metrics: z
    .object({
      atmVol: z.number(),
      skewSlope: z.number(),
      rr25: z.number(),
      bf25: z.number(),
      vol25Call: z.number(),
      vol25Put: z.number(),
    })
    .optional(),
  skipped: z.record(z.string(), z.number().int()),
  curve: z.object({ k: z.array(z.number()), strike: z.array(z.number()), iv: z.array(z.number()) }),
  market: z.array(marketPointSchema),
}) satisfies z.ZodType<SurfaceSliceView>;

export const tenorMetricsSchema = z.object({
  tenorDays: z.number().positive(),
  atmVol: z.number(),
  rr25: z.number(),
  bf25: z.number(),
  skewSlope: z.number(),
}) satisfies z.ZodType<SurfaceTenorMetrics>;

export const surfaceFitViewSchema = z.object({
  underlying,
  model: surfaceModelSchema,
  source: z.string(),
  asOfMs: z.number().int(),
  spot: z.number().positive(),
  fitMs: z.number().nonnegative(),
  arbitrageFree: z.boolean(),
  slices: z.array(sliceSchema),
  unusable: z.array(z.object({ expiry: z.string(), reason: z.string() })),
  arbitrage: z.object({
    butterflyMinG: z.number(),
    butterflySlices: z.number().int().nonnegative(),
    calendar: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        kMin: z.number(),
        kMax: z.number(),
        worstExcess: z.number(),
      }),
    ),
    gridKMin: z.number(),
    gridKMax: z.number(),
  }),
  summary: z.object({
    rmseVolPts: z.number().nonnegative(),
    rmseLiquidVolPts: z.number().nonnegative().optional(),
    insideBidAsk: z.number().min(0).max(1),
    quotes: z.number().int().nonnegative(),
  }),
  atmTerm: z.array(z.object({ expiry: z.string(), tYears: z.number(), atmVol: z.number() })),
  tenors: z.array(tenorMetricsSchema),
}) satisfies z.ZodType<SurfaceFitView>;

export const surfaceGridSchema = z.object({
  underlying,
  model: surfaceModelSchema,
  asOfMs: z.number().int(),
  days: z.array(z.number()),
  moneyness: z.array(z.array(z.number())),
  iv: z.array(z.array(z.number())),
  market: z.object({
    moneyness: z.array(z.number()),
    days: z.array(z.number()),
    iv: z.array(z.number()),
  }),
}) satisfies z.ZodType<SurfaceGrid>;

export const surfaceFitSummarySchema = z.object({
  underlying,
  model: surfaceModelSchema,
  source: z.string(),
  asOfMs: z.number().int(),
  spot: z.number().positive(),
  fitMs: z.number().nonnegative(),
  rmseVolPts: z.number().nonnegative(),
  insideBidAsk: z.number().min(0).max(1),
  butterflyMinG: z.number(),
  calendarViolations: z.number().int().nonnegative(),
  expiries: z.number().int().nonnegative(),
  unusable: z.number().int().nonnegative(),
}) satisfies z.ZodType<SurfaceFitSummary>;

const historyPointSchema = z.object({
  tsMs: z.number().int(),
  spot: z.number().positive(),
  rmseVolPts: z.number().nonnegative(),
  insideBidAsk: z.number().min(0).max(1),
  butterflyMinG: z.number(),
  calendarViolations: z.number().int().nonnegative(),
  tenors: z.array(tenorMetricsSchema),
}) satisfies z.ZodType<SurfaceHistoryPoint>;

export const surfaceSettingsSchema = z.object({
  /** How the book's options read the surface when spot moves between fits. */
  stickiness: volStickinessSchema,
  /** Seconds between scheduled refits of each underlying. */
  refitSeconds: z.number().int().min(5).max(3600),
  /** Price the book's options off the fitted SVI surface (else the quotes' own IVs). */
  priceBookOffSurface: z.boolean(),
  /** Also fit plain SVI without the arbitrage constraints (model `svi-free`), to compare. */
  fitUnconstrained: z.boolean(),
  /** Minutes between scheduled Heston/Merton calibrations of each underlying. */
  modelMinutes: z.number().int().min(1).max(240),
});
export type SurfaceSettings = z.infer<typeof surfaceSettingsSchema>;

const statusRowSchema = z.object({
  underlying,
  source: z.string(),
  fits: z.array(surfaceFitSummarySchema),
  /** The last fit error per model, if the latest attempt failed. */
  errors: z.array(z.object({ model: surfaceModelSchema, message: z.string() })),
});

const bookVolRowSchema = z.object({
  positionId: z.string(),
  instrumentId: z.string(),
  symbol: z.string(),
  underlying,
  strike: z.number(),
  expiryMs: z.number().int(),
  quantity: z.number(),
  quoteIv: z.number().optional(),
  surfaceIv: z.number().optional(),
  /** surfaceIv - quoteIv in vol points. */
  diffVolPts: z.number().optional(),
  /** The vol the last book revaluation used and where it came from. */
  usedIv: z.number().optional(),
  usedSource: z.enum(['surface', 'quote', 'underlying']).optional(),
  vegaUsdPerVolPt: z.number().optional(),
});

const fitKey = z.object({ underlying, model: surfaceModelSchema }).strict();

export const surfaceApi = {
  'surface.getStatus': {
    input: empty,
    output: z.object({ underlyings: z.array(statusRowSchema), settings: surfaceSettingsSchema }),
  },
  /** The latest fit; fits now (and waits) if none has been made yet. */
  'surface.getFit': { input: fitKey, output: surfaceFitViewSchema },
  'surface.getGrid': { input: fitKey, output: surfaceGridSchema },
  'surface.getHistory': {
    input: z
      .object({
        underlying,
        model: surfaceModelSchema,
        fromMs: z.number().int().nonnegative().optional(),
        toMs: z.number().int().nonnegative().optional(),
        maxPoints: z.number().int().min(2).max(5000).optional(),
      })
      .strict(),
    output: z.array(historyPointSchema),
  },
  'surface.refit': {
    input: z.object({ underlying: underlying.optional() }).strict(),
    output: z.array(surfaceFitSummarySchema),
  },
  'surface.getSettings': { input: empty, output: surfaceSettingsSchema },
  'surface.setSettings': {
    input: surfaceSettingsSchema.partial().strict(),
    output: surfaceSettingsSchema,
  },
  /** The book's options: quote IV vs surface IV and what the last revaluation used. */
  'surface.getBookVols': { input: empty, output: z.array(bookVolRowSchema) },
  /** Dupire local vol of the latest fit: k x T grid and one slice per fitted expiry. */
  'surface.getLocalVol': { input: fitKey, output: surfaceLocalVolSchema },
  /** Heston/Merton beside SVI: the latest comparison, any run under way and the last error. */
  'surface.getModels': {
    input: z.object({ underlying }).strict(),
    output: surfaceModelsStateSchema,
  },
  /** Calibrates now (joining a run under way) and waits for the result. */
  'surface.calibrateModels': {
    input: z.object({ underlying }).strict(),
    output: surfaceModelsViewSchema,
  },
  'surface.cancelModels': {
    input: z.object({ underlying }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;
