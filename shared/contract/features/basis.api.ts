/**
 * MSTR-BTC basis: the daily model report (worker pool), live mNAV / premium / z-score from the
 * live prices, the holdings record with user-entered 8-K purchases, and the hedge of the book's
 * MSTR delta in BTC. Schemas of the payloads are in `basis-schemas.ts`.
 */
import { z } from 'zod';
import { MAX_BTC, type PurchaseInput } from '../../quant/basis/purchase-rules';
import { empty } from '../common';
import {
  basisLiveSchema,
  basisReportSchema,
  bookHedgeSchema,
  fundamentalsStateSchema,
  holdingsChangeSchema,
  holdingsPurchaseSchema,
} from './basis-schemas';

/** The lookback the service keeps warm (and the live z-score uses by default). */
export const DEFAULT_BASIS_LOOKBACK = 252;

const lookbackDays = z
  .number()
  .int('lookbackDays must be a whole number of trading days')
  .min(30, 'lookbackDays must be at least 30 trading days')
  .max(2000, 'lookbackDays must be at most 2000 trading days');
const tsMs = z.number().int().nonnegative();

export const purchaseInputSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
    btcBought: z
      .number()
      .min(-MAX_BTC, 'more than the 21 million BTC that can ever exist')
      .max(MAX_BTC, 'more than the 21 million BTC that can ever exist'),
    btcHoldings: z
      .number()
      .positive('total BTC holdings must be positive')
      .max(MAX_BTC, 'more than the 21 million BTC that can ever exist'),
    avgCostUsd: z.number().positive('average cost must be positive').optional(),
    sharesOutstanding: z.number().positive('shares outstanding must be positive').optional(),
    debtUsd: z.number().nonnegative('debt must be zero or positive').optional(),
    preferredUsd: z.number().nonnegative('preferreds must be zero or positive').optional(),
    cashUsd: z.number().nonnegative('cash must be zero or positive').optional(),
    note: z.string().max(300).optional(),
  })
  .strict() satisfies z.ZodType<PurchaseInput>;

export const basisReportResponseSchema = z.object({
  report: basisReportSchema,
  /** Wall-clock time the report was computed and how long the worker took. */
  computedAtMs: tsMs,
  computeMs: z.number().nonnegative(),
  /** Bumped whenever the inputs change (new daily bar, holdings edit). */
  dataVersion: z.number().int().nonnegative(),
});

export const basisLiveResponseSchema = z.object({
  live: basisLiveSchema,
  lookbackDays: z.number().int(),
  reportAsOfMs: tsMs.nullable(),
});

export const basisHedgeResponseSchema = z.object({
  tsMs,
  /** Sequence number of the book snapshot used. */
  bookSeq: z.number().int().nonnegative(),
  lookbackDays: z.number().int(),
  beta: z.number(),
  mstrSpotUsd: z.number(),
  btcSpotUsd: z.number(),
  hedge: bookHedgeSchema,
  /** First-order P&L of the book's MSTR delta in the decoupling scenario (BTC flat). */
  decoupling: z
    .object({ name: z.string(), mstrSpotMove: z.number(), pnlUsd: z.number() })
    .nullable(),
});

export const basisUpdatedSchema = z.object({
  reason: z.enum(['start', 'daily', 'holdings', 'demand', 'live']),
  tsMs,
  /** Changes when a new report for the default lookback is ready (refetch then). */
  reportVersion: z.number().int().nonnegative(),
  reportAsOfMs: tsMs.nullable(),
  riskScore: z.number().nullable(),
  live: basisLiveSchema.nullable(),
});

export const basisApi = {
  'basis.getReport': {
    input: z
      .object({
        lookbackDays: lookbackDays.optional(),
        /** Analyse as of this instant's UTC date (default: the last daily bar). */
        asOfMs: tsMs.optional(),
        /** Recompute even when a report for these inputs is cached. */
        refresh: z.boolean().optional(),
      })
      .strict(),
    output: basisReportResponseSchema,
  },
  'basis.getLive': {
    input: z.object({ lookbackDays: lookbackDays.optional() }).strict(),
    output: basisLiveResponseSchema,
  },
  'basis.listHoldings': {
    input: empty,
    output: z.object({
      lastRecordedDayMs: tsMs.nullable(),
      current: fundamentalsStateSchema.nullable(),
      /** User-recorded purchases, newest first. */
      purchases: z.array(holdingsPurchaseSchema),
      /** Holdings changes (record and user), newest first. */
      changes: z.array(holdingsChangeSchema),
    }),
  },
  'basis.recordPurchase': {
    input: purchaseInputSchema,
    output: z.object({
      purchase: holdingsPurchaseSchema,
      warnings: z.array(z.string()),
    }),
  },
  'basis.getHedge': {
    input: z.object({ lookbackDays: lookbackDays.optional() }).strict(),
    output: basisHedgeResponseSchema,
  },
} as const;
