/**
 * Funding: perpetuals of every derivatives source side by side (current, predicted, next funding
 * time, 7/30-day averages, annualised), the stored history per perp for charts, and the book's
 * funding P&L per position. Rates are decimals per funding interval; every number is finite.
 */
import { z } from 'zod';
import type {
  FundingBoard,
  FundingBoardRow,
  FundingStats,
  PositionFunding,
} from '../../quant/perps-live/funding-board';
import { empty } from '../common';
import { futureRowSchema, markCheckSchema } from './funding-checks.schemas';

const id = z.string().min(1).max(200);
const tsMs = z.number().int().nonnegative();
const num = z.number();
const nullableNum = z.number().nullable();

export const fundingSourceSchema = z.enum(['recorded', 'synthetic', 'live']);

const statsSchema = z.object({
  count: z.number().int().nonnegative(),
  firstMs: tsMs,
  lastMs: tsMs,
  mean: num,
  annualised: num,
  sharePositive: z.number().min(0).max(1),
  last7dMean: num,
  last7dAnnualised: num,
  last30dMean: num,
  last30dAnnualised: num,
  min: num,
  max: num,
  sources: z.object({
    recorded: z.number().int().nonnegative(),
    synthetic: z.number().int().nonnegative(),
    live: z.number().int().nonnegative(),
  }),
}) satisfies z.ZodType<FundingStats>;

const rowSchema = z.object({
  instrumentId: id,
  venue: z.string(),
  symbol: z.string(),
  underlying: z.string(),
  settlement: z.enum(['linear', 'inverse']),
  intervalHours: z.number().positive(),
  continuous: z.boolean(),
  markPrice: nullableNum,
  indexPrice: nullableNum,
  premium: nullableNum,
  lastRate: nullableNum,
  lastRateMs: tsMs.nullable(),
  predictedRate: nullableNum,
  predictedAnnualised: nullableNum,
  nextFundingMs: tsMs.nullable(),
  countdownMs: tsMs.nullable(),
  stats: statsSchema.nullable(),
}) satisfies z.ZodType<FundingBoardRow>;

const positionSchema = z.object({
  positionId: id,
  accountId: id,
  instrumentId: id,
  venue: z.string(),
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  contracts: z.number().nonnegative(),
  settlementCurrency: z.string(),
  notional: num,
  notionalUsd: num,
  openedMs: tsMs,
  fundingEvents: z.number().int().nonnegative(),
  paid: num,
  received: num,
  net: num,
  netUsd: num,
  nextPaymentMs: tsMs.nullable(),
  nextPayment: nullableNum,
  nextPaymentUsd: nullableNum,
  carryAnnualised: nullableNum,
  carryUsdPerYear: nullableNum,
}) satisfies z.ZodType<PositionFunding>;

export const fundingBoardSchema = z.object({
  tsMs,
  rows: z.array(rowSchema),
  positions: z.array(positionSchema),
  totals: z.object({ netUsd: num, nextPaymentsUsd: num, carryUsdPerYear: num }),
  /** Cerberus' index and mark beside each venue's (flagged beyond the tolerance). */
  marks: z.array(markCheckSchema),
  /** Dated futures: basis, annualised basis, delivery estimate near expiry. */
  futures: z.array(futureRowSchema),
}) satisfies z.ZodType<FundingBoard>;

export const fundingHistorySeriesSchema = z.object({
  instrumentId: id,
  venue: z.string(),
  symbol: z.string(),
  underlying: z.string(),
  intervalHours: z.number().positive(),
  /** '8h': every funding time; '1d': daily means (long ranges). */
  bucket: z.enum(['8h', '1d']),
  points: z.array(z.object({ tsMs, rate: num, source: fundingSourceSchema })),
});
export type FundingHistorySeries = z.infer<typeof fundingHistorySeriesSchema>;

export const fundingApi = {
  'funding.getBoard': { input: empty, output: fundingBoardSchema },
  'funding.getHistory': {
    input: z
      .object({
        /** Perps to return; all listed perps when omitted. */
        instrumentIds: z.array(id).max(100).optional(),
        /** Underlying filter (BTC, ETH) when instrumentIds is omitted. */
        underlying: z.string().min(1).max(20).optional(),
        fromMs: tsMs.optional(),
        toMs: tsMs.optional(),
        /** Daily means by default past 120 days of range, else every funding time. */
        bucket: z.enum(['8h', '1d', 'auto']).optional(),
      })
      .strict(),
    output: z.array(fundingHistorySeriesSchema),
  },
} as const;
