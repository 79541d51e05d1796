/**
 * The risk engine: VaR/ES by every method, stress tests, backtests and the dashboard heatmap of
 * the live book, run in the worker pool (Monte Carlo revaluation on the GPU where one exists)
 * after book changes (throttled) and on demand, with progress, cancellation and the user's
 * stress scenarios. Result schemas are in `risk-schemas.ts`.
 */
import { z } from 'zod';
import { empty } from '../common';
import {
  backtestViewSchema,
  heatmapSchema,
  methodViewSchema,
  pricingModelSchema,
  stressViewSchema,
  varMethodIdSchema,
} from './risk-schemas';

const tsMs = z.number().int().nonnegative();
const usd = z.number();

export const riskEngineSchema = z.enum(['gpu', 'cpu']);
export const riskPhaseSchema = z.enum([
  'inputs',
  'historical',
  'parametric',
  'montecarlo',
  'stress',
  'backtest',
]);
export const riskRunReasonSchema = z.enum(['start', 'book', 'demand']);

export const riskHeadlineSchema = z.object({
  /** The method the limit is checked on (historical simulation, full revaluation). */
  method: varMethodIdSchema,
  var99_1dUsd: usd,
  es99_1dUsd: usd,
  limitUsd: usd.nullable(),
  /** var99_1dUsd / limitUsd. */
  usage: z.number().nullable(),
  status: z.enum(['ok', 'warn', 'breach', 'no-limit']),
});

export const riskRunSchema = z.object({
  runId: z.number().int().positive(),
  reason: riskRunReasonSchema,
  /** Market time of the book snapshot the run used, and its sequence number. */
  asOfMs: tsMs,
  bookSeq: z.number().int().nonnegative(),
  startedMs: tsMs,
  finishedMs: tsMs,
  durationMs: z.number().nonnegative(),
  engine: riskEngineSchema,
  engineNote: z.string(),
  settings: z.object({
    horizonsDays: z.array(z.number().int().positive()),
    confidences: z.array(z.number()),
    windowDays: z.number().int().positive(),
    mcPaths: z.number().int().positive(),
    mcSeed: z.number().int(),
    reverseTargetUsd: usd,
    /** Pricing model of the stress scenarios (the headline stress numbers). */
    stressPricingModel: pricingModelSchema,
  }),
  headline: riskHeadlineSchema.nullable(),
  methods: z.array(methodViewSchema),
  heatmap: heatmapSchema,
  stress: stressViewSchema.nullable(),
  backtest: backtestViewSchema.nullable(),
  /** Wall-clock milliseconds per phase. */
  timingsMs: z.record(z.string(), z.number().nonnegative()),
  /** Parts of the run that failed (the rest is still shown). */
  errors: z.array(z.object({ phase: riskPhaseSchema, message: z.string() })),
});

export const riskSummarySchema = z.object({
  runId: z.number().int().positive(),
  status: z.enum(['done', 'failed', 'cancelled']),
  tsMs,
  asOfMs: tsMs.nullable(),
  engine: riskEngineSchema,
  durationMs: z.number().nonnegative(),
  headline: riskHeadlineSchema.nullable(),
  heatmap: heatmapSchema.nullable(),
  error: z.string().nullable(),
});

export const riskStatusSchema = z.object({
  state: z.enum(['idle', 'running']),
  runId: z.number().int().nullable(),
  phase: riskPhaseSchema.nullable(),
  /** 0..1 over the whole run. */
  fraction: z.number().min(0).max(1),
  startedMs: tsMs.nullable(),
  engine: riskEngineSchema,
  engineNote: z.string(),
  lastRunMs: tsMs.nullable(),
  /** Runs follow book changes at most this often. */
  intervalMs: z.number().int().positive(),
});

export const riskProgressSchema = z.object({
  runId: z.number().int().positive(),
  phase: riskPhaseSchema,
  fraction: z.number().min(0).max(1),
  message: z.string(),
});

export const riskHistoryPointSchema = z.object({
  tsMs,
  var99_1dUsd: usd,
  es99_1dUsd: usd,
  var95_1dUsd: usd,
  mcVar99_1dUsd: usd.nullable(),
  bookValueUsd: usd,
  dayPnlUsd: usd,
});

export const scenarioEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  origin: z.enum(['builtin', 'user']),
  /** A user scenario with the id of a built-in one replaces it. */
  overridesBuiltin: z.boolean(),
  version: z.number().int().positive().nullable(),
  savedMs: tsMs.nullable(),
  /** The scenario as pretty-printed JSON (what the editor shows). */
  text: z.string(),
});

export const riskApi = {
  'risk.getLatest': { input: empty, output: riskRunSchema.nullable() },
  'risk.getSummary': { input: empty, output: riskSummarySchema.nullable() },
  'risk.getStatus': { input: empty, output: riskStatusSchema },
  'risk.run': {
    input: z
      .object({
        /** Loss (USD) reverse stress looks for; kept for later runs. */
        reverseTargetUsd: z.number().positive().max(1e12).optional(),
        /** Pricing model of the stress scenarios; kept for later runs. */
        stressPricingModel: pricingModelSchema.optional(),
      })
      .strict(),
    output: z.object({ runId: z.number().int().positive(), started: z.boolean() }),
  },
  'risk.cancel': {
    input: z.object({ runId: z.number().int().positive().optional() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'risk.getHistory': {
    input: z
      .object({
        fromMs: tsMs.optional(),
        toMs: tsMs.optional(),
        maxPoints: z.number().int().min(2).max(5000).optional(),
      })
      .strict(),
    output: z.object({ points: z.array(riskHistoryPointSchema) }),
  },
  'risk.listScenarios': {
    input: empty,
    output: z.object({
      scenarios: z.array(scenarioEntrySchema),
      /** Built-in files that could not be read or validated. */
      errors: z.array(z.object({ file: z.string(), message: z.string() })),
    }),
  },
  'risk.saveScenario': {
    input: z.object({ text: z.string().min(2).max(100_000) }).strict(),
    output: scenarioEntrySchema,
  },
  'risk.deleteScenario': {
    input: z.object({ id: z.string().min(1).max(80) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;

export type RiskRun = z.output<typeof riskRunSchema>;
export type RiskSummary = z.output<typeof riskSummarySchema>;
export type RiskStatus = z.output<typeof riskStatusSchema>;
export type RiskProgress = z.output<typeof riskProgressSchema>;
export type RiskPhase = z.output<typeof riskPhaseSchema>;
export type RiskHeadline = z.output<typeof riskHeadlineSchema>;
export type RiskHistoryPoint = z.output<typeof riskHistoryPointSchema>;
export type ScenarioEntry = z.output<typeof scenarioEntrySchema>;
