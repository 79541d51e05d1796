/**
 * Schemas of the Margin screen's trade ticket (pre-trade check) and of the Monte Carlo options it
 * shares with the liquidation probability (Merton jumps, a trade applied first).
 */
import { z } from 'zod';
import type {
  TradeCheck,
  TradePositionState,
  TradePreview,
  TradeState,
} from '../../quant/perps-live/pre-trade';

const id = z.string().min(1).max(200);
const num = z.number();
const nullableNum = z.number().nullable();
const positive = z.number().positive().max(1e12);

export const tradeTicketSchema = z
  .object({
    instrumentId: id,
    side: z.enum(['buy', 'sell']),
    /** Contracts in the market's contract size. */
    contracts: positive,
    leverage: z.number().positive().max(1000),
    limitPrice: positive.optional(),
  })
  .strict();

export const jumpSpecSchema = z
  .object({
    /** Jumps per year on each underlying. */
    intensityPerYear: z.number().min(0).max(365),
    /** Mean and standard deviation of the log jump size (-0.03 = a 3% drop on average). */
    meanLog: z.number().min(-1).max(1),
    volLog: z.number().min(0).max(1),
  })
  .strict();

const levelSchema = z.enum(['safe', 'warning', 'danger', 'liquidation']);
const uniStatusSchema = z.enum([
  'normal',
  'marginCall',
  'reduceOnly',
  'liquidation',
  'liquidationWithLoss',
]);

const positionStateSchema = z.object({
  side: z.enum(['long', 'short']),
  contracts: num,
  entryPrice: num,
  leverage: num,
  notional: num,
  tierIndex: z.number().int().nonnegative(),
  liquidationPrice: nullableNum,
  distancePct: nullableNum,
  distanceSigmas1d: nullableNum,
}) satisfies z.ZodType<TradePositionState>;

const tradeStateSchema = z.object({
  marginRatio: nullableNum,
  level: levelSchema,
  venueRatio: nullableNum,
  marginBalance: num,
  maintenanceMargin: num,
  initialMargin: num,
  availableMargin: num,
  position: positionStateSchema.nullable(),
  accountShock: nullableNum,
  accountLiquidationPrice: nullableNum,
  accountDistanceSigmas1d: nullableNum,
  uniMmr: nullableNum,
  uniMmrStatus: uniStatusSchema.nullable(),
}) satisfies z.ZodType<TradeState>;

const checkSchema = z.object({
  code: z.enum([
    'venueMismatch',
    'settlementMismatch',
    'maxLeverage',
    'maxNotional',
    'insufficientMargin',
    'liquidatesNow',
    'reduceOnly',
    'bandCrossed',
    'bandImproved',
    'tierUp',
    'noBrackets',
  ]),
  severity: z.enum(['refused', 'warning', 'info']),
  message: z.string(),
}) satisfies z.ZodType<TradeCheck>;

export const tradePreviewSchema = z.object({
  accountId: id,
  instrumentId: id,
  symbol: z.string(),
  underlying: z.string(),
  currency: z.string(),
  contractType: z.enum(['linear', 'inverse']),
  kind: z.enum(['open', 'increase', 'reduce', 'close', 'flip']),
  fillPrice: num,
  markPrice: num,
  tradeNotional: num,
  realisedPnl: num,
  maxLeverage: nullableNum,
  maxLeverageBasis: z.enum(['venue', 'derived', 'none']),
  before: tradeStateSchema,
  after: tradeStateSchema,
  checks: z.array(checkSchema),
  refused: z.boolean(),
  reducesRisk: z.boolean(),
  notes: z.array(z.string()),
}) satisfies z.ZodType<TradePreview>;

/** What the ticket can trade in one account: the source's perps of the account's venue. */
export const ticketInstrumentsSchema = z.object({
  accountId: id,
  currency: z.string(),
  instruments: z.array(
    z.object({
      instrumentId: id,
      symbol: z.string(),
      underlying: z.string(),
      settlement: z.enum(['linear', 'inverse']),
      contractSize: num,
      markPrice: nullableNum,
      /** Signed contracts held (negative: short), 0 when flat. */
      heldContracts: num,
      leverage: nullableNum,
    }),
  ),
});
export type TicketInstruments = z.infer<typeof ticketInstrumentsSchema>;
