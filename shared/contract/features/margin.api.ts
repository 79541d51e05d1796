/**
 * Margin & liquidation: per account the margin ratio and band, per position Cerberus' and the
 * venue's liquidation prices with distances, a ladder of mark moves, the liquidation probability
 * over a horizon (Monte Carlo in the worker pool, progress events, cancellable) and band alerts
 * (persisted, acknowledged by the user). Ratios are balance / maintenance (1 = liquidation).
 */
import { z } from 'zod';
import type {
  LadderRow,
  MarginAccountReport,
  PositionMarginView,
} from '../../quant/perps-live/margin-report';
import type { PortfolioMarginView } from '../../quant/perps-live/portfolio-margin';
import { empty } from '../common';
import {
  jumpSpecSchema,
  ticketInstrumentsSchema,
  tradePreviewSchema,
  tradeTicketSchema,
} from './margin-trade.schemas';

const id = z.string().min(1).max(200);
const tsMs = z.number().int().nonnegative();
const num = z.number();
const nullableNum = z.number().nullable();

export const marginLevelSchema = z.enum(['safe', 'warning', 'danger', 'liquidation']);

const positionSchema = z.object({
  instrumentId: id,
  symbol: z.string(),
  underlying: z.string(),
  side: z.enum(['long', 'short']),
  contracts: z.number().nonnegative(),
  marginMode: z.enum(['cross', 'isolated']),
  leverage: z.number().positive(),
  entryPrice: z.number().positive(),
  markPrice: z.number().positive(),
  notional: num,
  unrealisedPnl: num,
  maintenanceMargin: num,
  tierIndex: z.number().int().nonnegative(),
  liquidationPrice: nullableNum,
  liquidationPriceReported: nullableNum,
  liquidationDiff: nullableNum,
  distancePct: nullableNum,
  distanceSigmas1d: nullableNum,
  volAnnual: nullableNum,
  adlLights: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  adlScore: num,
}) satisfies z.ZodType<PositionMarginView>;

const ladderSchema = z.object({
  shock: num,
  marginBalance: num,
  maintenanceMargin: num,
  marginRatio: nullableNum,
  level: marginLevelSchema,
}) satisfies z.ZodType<LadderRow>;

export const portfolioMarginSchema = z.object({
  uniMmr: nullableNum,
  status: z.enum(['normal', 'marginCall', 'reduceOnly', 'liquidation', 'liquidationWithLoss']),
  adjustedEquity: num,
  collateralValue: num,
  bands: z.object({
    marginCall: z.literal(1.5),
    reduceOnly: z.literal(1.2),
    liquidation: z.literal(1.05),
    liquidationWithLoss: z.literal(1.0),
  }),
  reduceOnly: z.boolean(),
}) satisfies z.ZodType<PortfolioMarginView>;

export const marginAccountSchema = z.object({
  accountId: id,
  name: z.string(),
  venue: z.string(),
  currency: z.string(),
  contractType: z.enum(['linear', 'inverse']),
  tsMs,
  walletBalance: num,
  unrealisedPnl: num,
  marginBalance: num,
  maintenanceMargin: num,
  initialMargin: num,
  marginRatio: nullableNum,
  level: marginLevelSchema,
  venueRatio: nullableNum,
  venueRatioLabel: z.string(),
  depositToSafe: num,
  liquidationShockDown: nullableNum,
  liquidationShockUp: nullableNum,
  positions: z.array(positionSchema),
  ladder: z.array(ladderSchema),
  portfolioMargin: portfolioMarginSchema.nullable(),
  notes: z.array(z.string()),
}) satisfies z.ZodType<MarginAccountReport>;

export const marginReportSchema = z.object({
  tsMs,
  accounts: z.array(marginAccountSchema),
  /** Accounts a source reported that Cerberus cannot evaluate, with the reason. */
  skipped: z.array(z.object({ accountId: id, reason: z.string() })),
  /** Accounts whose source lets the user switch standard / portfolio margin (demo Binance). */
  switchableAccounts: z.array(id),
  unacknowledgedAlerts: z.number().int().nonnegative(),
});
export type MarginReport = z.infer<typeof marginReportSchema>;

export const marginAlertSchema = z.object({
  id: z.number().int().positive(),
  tsMs,
  accountId: id,
  accountName: z.string(),
  from: marginLevelSchema,
  to: marginLevelSchema,
  direction: z.enum(['worse', 'better']),
  marginRatio: nullableNum,
  message: z.string(),
  acknowledgedMs: tsMs.nullable(),
});
export type MarginAlert = z.infer<typeof marginAlertSchema>;

const probabilityDone = z.object({
  status: z.literal('done'),
  requestId: z.string(),
  accountId: id,
  tsMs,
  horizonHours: z.number().int().positive(),
  paths: z.number().int().positive(),
  tails: z.enum(['normal', 'studentT']),
  seed: z.number().int(),
  probability: z.number().min(0).max(1),
  standardError: z.number().nonnegative(),
  pools: z.array(
    z.object({
      label: z.string(),
      probability: z.number().min(0).max(1),
      standardError: z.number().nonnegative(),
      surplusNow: num,
      distanceSigmas: nullableNum,
    }),
  ),
  checkpoints: z.array(z.object({ hours: z.number().int().positive(), probability: num })),
  pointsPerPath: num,
  computeMs: z.number().nonnegative(),
  /** What the simulation assumed, shown beside the result. */
  assumptions: z.object({
    underlyings: z.array(z.object({ id: z.string(), spot: num, volAnnual: num })),
    correlations: z.array(z.object({ pair: z.string(), rho: num })),
    fundingRates: z.array(z.object({ instrumentId: z.string(), rate: num })),
    /** Merton jumps on every underlying; null: none. */
    jumps: jumpSpecSchema.nullable(),
    /** The simulated account had this trade applied (pre-trade check); null: as held. */
    trade: tradeTicketSchema.nullable(),
  }),
});
export const probabilityResultSchema = z.discriminatedUnion('status', [
  probabilityDone,
  z.object({ status: z.literal('cancelled'), requestId: z.string(), accountId: id }),
]);
export type ProbabilityResult = z.infer<typeof probabilityResultSchema>;

export const marginApi = {
  'margin.getReport': { input: empty, output: marginReportSchema },
  'margin.computeProbability': {
    input: z
      .object({
        accountId: id,
        /** 1 hour to 4 weeks. */
        horizonHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 28),
        paths: z.number().int().min(1000).max(2_000_000),
        tails: z.enum(['normal', 'studentT']).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
        /** Chosen by the caller so it can cancel and match progress events. */
        requestId: z.string().min(1).max(64),
        /** Merton jumps on every underlying (none when omitted). */
        jumps: jumpSpecSchema.optional(),
        /** Simulate the account with this trade applied (the ticket's after-state). */
        trade: tradeTicketSchema.optional(),
      })
      .strict(),
    output: probabilityResultSchema,
  },
  /** The perps the trade ticket can trade in an account, with marks and what is held. */
  'margin.listTicketInstruments': {
    input: z.object({ accountId: id }).strict(),
    output: ticketInstrumentsSchema,
  },
  /** Before/after margin state of a trade and the venue's refusals and band warnings. */
  'margin.previewTrade': {
    input: z.object({ accountId: id, ticket: tradeTicketSchema }).strict(),
    output: tradePreviewSchema,
  },
  /**
   * Switches a demo account between standard and Binance Portfolio Margin (uniMMR); live
   * venues decide this themselves (an error says so).
   */
  'margin.setMarginSystem': {
    input: z.object({ accountId: id, system: z.enum(['standard', 'portfolio']) }).strict(),
    output: z.object({ accountId: id, system: z.enum(['standard', 'portfolio']) }),
  },
  'margin.cancelProbability': {
    input: z.object({ requestId: z.string().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'margin.listAlerts': {
    input: z
      .object({
        includeAcknowledged: z.boolean().optional(),
        limit: z.number().int().positive().max(1000).optional(),
      })
      .strict(),
    output: z.array(marginAlertSchema),
  },
  'margin.acknowledgeAlerts': {
    input: z.object({ ids: z.array(z.number().int().positive()).max(1000).optional() }).strict(),
    output: z.object({ acknowledged: z.number().int().nonnegative() }),
  },
} as const;
