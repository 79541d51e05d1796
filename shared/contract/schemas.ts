/**
 * Zod schemas for everything that crosses a process boundary. Domain types live in
 * shared/domain; each schema is checked against its type with `satisfies`, so the two cannot drift.
 * z.number() rejects NaN and Infinity, which is exactly the rule: never NaN on the wire.
 */
import { z } from 'zod';
import type { Account, Position } from '../domain/account';
import type { Instrument } from '../domain/instrument';
import type { Quote, UnderlyingState } from '../domain/quote';
import type { BookSnapshot, PositionRisk, RiskTotals } from '../domain/valuation';
import type { RiskLimit } from '../domain/limits';

const id = z.string().min(1).max(200);
const tsMs = z.number().int().nonnegative();
const positive = z.number().positive();

export const venueIdSchema = z.enum([
  'ib',
  'binanceusdm',
  'binance',
  'bybit',
  'okx',
  'deribit',
  'file',
]);

const instrumentBase = {
  id,
  venue: venueIdSchema,
  symbol: z.string().min(1).max(100),
  underlying: z.string().min(1).max(20),
  quoteCurrency: z.string().min(1).max(10),
};

export const instrumentSchema = z.discriminatedUnion('kind', [
  z.object({ ...instrumentBase, kind: z.literal('spot') }),
  z.object({ ...instrumentBase, kind: z.literal('equity') }),
  z.object({
    ...instrumentBase,
    kind: z.literal('option'),
    right: z.enum(['call', 'put']),
    strike: positive,
    expiryMs: tsMs,
    style: z.enum(['european', 'american']),
    multiplier: positive,
    settlement: z.enum(['linear', 'inverse']),
  }),
  z.object({
    ...instrumentBase,
    kind: z.literal('perpetual'),
    settlement: z.enum(['linear', 'inverse']),
    contractSize: positive,
    fundingIntervalHours: positive,
  }),
  z.object({
    ...instrumentBase,
    kind: z.literal('future'),
    settlement: z.enum(['linear', 'inverse']),
    contractSize: positive,
    expiryMs: tsMs,
  }),
]) satisfies z.ZodType<Instrument>;

export const accountSchema = z.object({
  id,
  venue: venueIdSchema,
  name: z.string().min(1).max(100),
  baseCurrency: z.string().min(1).max(10),
  source: z.enum(['demo', 'live', 'file']),
  marginMode: z.enum(['cross', 'isolated', 'portfolio', 'cash']),
}) satisfies z.ZodType<Account>;

export const positionSchema = z.object({
  id,
  accountId: id,
  instrumentId: id,
  quantity: z.number(),
  avgPrice: z.number().nonnegative(),
  openedMs: tsMs,
  leverage: positive,
}) satisfies z.ZodType<Position>;

export const quoteSchema = z.object({
  instrumentId: id,
  tsMs,
  bid: positive.optional(),
  ask: positive.optional(),
  last: positive.optional(),
  mark: positive,
  index: positive.optional(),
  markIv: positive.optional(),
  bidIv: positive.optional(),
  askIv: positive.optional(),
  fundingRate: z.number().optional(),
  nextFundingMs: tsMs.optional(),
  prevClose: positive.optional(),
}) satisfies z.ZodType<Quote>;

export const underlyingStateSchema = z.object({
  underlying: z.string().min(1),
  tsMs,
  spot: positive,
  rate: z.number(),
  carryYield: z.number(),
  atmVol: positive,
  prevClose: positive,
}) satisfies z.ZodType<UnderlyingState>;

export const freshnessSchema = z.enum(['live', 'stale', 'missing']);

export const positionRiskSchema = z.object({
  positionId: id,
  accountId: id,
  instrumentId: id,
  underlying: z.string(),
  quantity: z.number(),
  price: z.number().nonnegative(),
  priceCurrency: z.string(),
  marketValueUsd: z.number(),
  unrealizedPnlUsd: z.number(),
  dayPnlUsd: z.number(),
  deltaUnits: z.number(),
  deltaUsd: z.number(),
  gammaUsdPer1Pct: z.number(),
  vegaUsdPerVolPt: z.number(),
  thetaUsdPerDay: z.number(),
  iv: z.number().nonnegative().optional(),
  ivSource: z.enum(['surface', 'quote', 'underlying']).optional(),
  freshness: freshnessSchema,
  note: z.string().optional(),
}) satisfies z.ZodType<PositionRisk>;

export const riskTotalsSchema = z.object({
  marketValueUsd: z.number(),
  unrealizedPnlUsd: z.number(),
  dayPnlUsd: z.number(),
  deltaUsd: z.number(),
  gammaUsdPer1Pct: z.number(),
  vegaUsdPerVolPt: z.number(),
  thetaUsdPerDay: z.number(),
}) satisfies z.ZodType<RiskTotals>;

export const bookSnapshotSchema = z.object({
  tsMs,
  seq: z.number().int().nonnegative(),
  accounts: z.array(accountSchema),
  instruments: z.array(instrumentSchema),
  positions: z.array(positionSchema),
  risks: z.array(positionRiskSchema),
  underlyings: z.array(underlyingStateSchema),
  totals: riskTotalsSchema,
  computeMs: z.number().nonnegative(),
}) satisfies z.ZodType<BookSnapshot>;

export const riskLimitSchema = z.object({
  metric: z.enum([
    'deltaUsd',
    'gammaUsdPer1Pct',
    'vegaUsdPerVolPt',
    'thetaUsdPerDay',
    'var99_1d',
    'dayPnlUsd',
  ]),
  limit: positive,
  warnFraction: z.number().gt(0).lt(1),
}) satisfies z.ZodType<RiskLimit>;

export const candleSchema = z.object({
  tsMs,
  open: positive,
  high: positive,
  low: positive,
  close: positive,
});
export type Candle = z.infer<typeof candleSchema>;

export const candleBucketSchema = z.enum(['1m', '1d']);
export type CandleBucket = z.infer<typeof candleBucketSchema>;
