/**
 * Input of `cerberus liq --input FILE` (zod), and its conversion to an `AccountSpec`.
 * Every field is documented in the command's usage and in shared/quant/README.md.
 */
import { z } from 'zod';
import type { AccountPosition, AccountSpec } from './account-liquidation';
import { resolveTiers } from './tiers';
import type { MarginTier, ResolvedTier } from './types';

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

export const tierInputSchema = z.object({
  floor: nonNegative,
  /** Omitted or null: the next tier's floor, or unbounded for the last tier. */
  cap: positive.nullable().optional(),
  mmr: z.number().min(0).lt(1),
  maintAmount: z.number().optional(),
});

export const liqPositionSchema = z.object({
  symbol: z.string().min(1).max(60).optional(),
  side: z.enum(['long', 'short']),
  size: positive,
  entryPrice: positive,
  markPrice: positive.optional(),
  leverage: positive,
  margin: nonNegative.optional(),
  tiers: z.array(tierInputSchema).min(1).optional(),
});

export const liqInputSchema = z
  .object({
    venue: z.enum(['binance', 'bybit', 'okx', 'deribit']),
    mode: z.enum(['isolated', 'cross']),
    contract: z.enum(['linear', 'inverse']),
    positionMode: z.enum(['oneWay', 'hedge']).default('oneWay'),
    contractSize: positive.default(1),
    walletBalance: nonNegative.optional(),
    takerFeeRate: z.number().min(0).max(0.01).default(0),
    tiers: z.array(tierInputSchema).min(1).optional(),
    positions: z.array(liqPositionSchema).min(1),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'cross' && v.walletBalance === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['walletBalance'],
        message: 'cross margin needs walletBalance',
      });
    }
    v.positions.forEach((p, i) => {
      if (p.tiers === undefined && v.tiers === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['positions', i, 'tiers'],
          message: 'give tiers at the top level or on each position',
        });
      }
    });
  });

export type LiqInput = z.infer<typeof liqInputSchema>;
type TierInput = z.infer<typeof tierInputSchema>;

export function tiersFromInput(rows: readonly TierInput[]): ResolvedTier[] {
  const sorted = [...rows].sort((a, b) => a.floor - b.floor);
  return resolveTiers(
    sorted.map((t, i): MarginTier => {
      const cap = t.cap ?? sorted[i + 1]?.floor ?? Infinity;
      return t.maintAmount === undefined
        ? { floor: t.floor, cap, mmr: t.mmr }
        : { floor: t.floor, cap, mmr: t.mmr, maintAmount: t.maintAmount };
    }),
  );
}

/** Converts validated input; positions without a mark are valued at their entry price. */
export function accountSpecFromInput(input: LiqInput): AccountSpec {
  const shared = input.tiers === undefined ? undefined : tiersFromInput(input.tiers);
  const positions = input.positions.map((p): AccountPosition => {
    const tiers = p.tiers === undefined ? shared : tiersFromInput(p.tiers);
    if (tiers === undefined) throw new Error('tiers missing (schema should have caught this)');
    const pos: AccountPosition = {
      symbol: p.symbol ?? 'DEFAULT',
      side: p.side,
      contracts: p.size,
      entryPrice: p.entryPrice,
      markPrice: p.markPrice ?? p.entryPrice,
      leverage: p.leverage,
      tiers,
    };
    if (p.margin !== undefined) pos.margin = p.margin;
    return pos;
  });
  const spec: AccountSpec = {
    venue: input.venue,
    mode: input.mode,
    positionMode: input.positionMode,
    contract: { type: input.contract, contractSize: input.contractSize },
    takerFeeRate: input.takerFeeRate,
    positions,
  };
  if (input.walletBalance !== undefined) spec.walletBalance = input.walletBalance;
  return spec;
}
