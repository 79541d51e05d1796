/**
 * Schemas of the Funding screen's mark/index check (Cerberus' index and mark beside the venue's)
 * and of the dated futures in the carry panel (basis, annualised basis, delivery estimate).
 */
import { z } from 'zod';
import type { FutureRow, SettlementEstimate } from '../../quant/perps-live/futures-board';
import type { CerberusIndex, MarkCheck } from '../../quant/perps-live/mark-check';

const num = z.number();
const nullableNum = z.number().nullable();
const tsMs = z.number().int().nonnegative();

const indexSchema = z.object({
  price: num,
  from: z.enum(['constituents', 'reported']),
  method: z.enum(['weighted', 'median', 'reported']),
  constituents: z.array(
    z.object({
      source: z.string(),
      price: num,
      weight: num,
      outlier: z.boolean(),
      stale: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<CerberusIndex>;

export const markCheckSchema = z.object({
  instrumentId: z.string(),
  venue: z.string(),
  symbol: z.string(),
  underlying: z.string(),
  reportedIndex: num,
  index: indexSchema,
  indexDiffBps: num,
  indexFlagged: z.boolean(),
  reportedMark: num,
  computedMark: num,
  markMethod: z.enum(['binance', 'basis']),
  binance: z.object({ price1: num, price2: num, lastPrice: num }).nullable(),
  maBasis: num,
  basisSamples: z.number().int().nonnegative(),
  diffBps: num,
  flagged: z.boolean(),
  toleranceBps: num,
}) satisfies z.ZodType<MarkCheck>;

const settlementSchema = z.object({
  windowMinutes: num,
  windowStartMs: tsMs,
  estimate: num,
  observedShare: z.number().min(0).max(1),
  samples: z.number().int().nonnegative(),
  inWindow: z.boolean(),
}) satisfies z.ZodType<SettlementEstimate>;

export const futureRowSchema = z.object({
  instrumentId: z.string(),
  venue: z.string(),
  symbol: z.string(),
  underlying: z.string(),
  settlement: z.enum(['linear', 'inverse']),
  contractSize: num,
  expiryMs: tsMs,
  daysToExpiry: num,
  markPrice: num,
  indexPrice: num,
  bid: nullableNum,
  ask: nullableNum,
  basis: num,
  basisRate: num,
  annualisedSimple: num,
  annualisedContinuous: num,
  settlementEstimate: settlementSchema.nullable(),
}) satisfies z.ZodType<FutureRow>;
