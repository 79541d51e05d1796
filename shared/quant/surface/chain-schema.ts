import { z } from 'zod';
import {
  expiryLabel,
  yearFraction,
  type ChainExpiry,
  type ChainQuote,
  type OptionChain,
} from './chain';

/**
 * Cerberus' own option-chain JSON (`--format cerberus`). Example:
 *
 *   {
 *     "format": "cerberus.chain/1",
 *     "underlying": "BTC",
 *     "asOfMs": 1589434971013,
 *     "spot": 9348.5,
 *     "expiries": [
 *       { "expiryMs": 1590739200000, "forward": 9351.8,
 *         "quotes": [ { "strike": 9000, "type": "put", "bidIv": 0.8376, "askIv": 0.8699, "markIv": 0.8535 } ] }
 *     ]
 *   }
 *
 * - Implied vols are annual DECIMALS (0.85 = 85%); bids/asks of 0 or absent mean no bid/ask.
 * - `forward` is the forward (or futures) price for that expiry; `expiry` (YYYY-MM-DD) and
 *   `tYears` (ACT/365 from asOfMs) are derived from expiryMs when absent.
 * - bidPrice/askPrice are optional forward (undiscounted) premiums per unit of underlying, in
 *   the quote currency; where a bid/ask vol is missing it is solved from them (Black-76).
 */
const vol = z.number().nonnegative().max(20, 'implied vols are decimals (0.85 = 85%), not percent');
const price = z.number().nonnegative();

export const chainQuoteSchema = z.object({
  strike: z.number().positive(),
  type: z.enum(['call', 'put']),
  bidIv: vol.optional(),
  askIv: vol.optional(),
  midIv: vol.optional(),
  markIv: vol.optional(),
  bidPrice: price.optional(),
  askPrice: price.optional(),
});

export const chainExpirySchema = z.object({
  expiryMs: z.number().int(),
  expiry: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  tYears: z.number().positive().optional(),
  forward: z.number().positive(),
  quotes: z.array(chainQuoteSchema),
});

export const cerberusChainSchema = z.object({
  format: z.literal('cerberus.chain/1'),
  underlying: z.string().min(1).max(40),
  asOfMs: z.number().int(),
  spot: z.number().positive().optional(),
  expiries: z.array(chainExpirySchema).min(1),
});

export type CerberusChainJson = z.infer<typeof cerberusChainSchema>;

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Validates and converts a parsed JSON value; throws an Error listing the first problems. */
export function parseCerberusChain(value: unknown): OptionChain {
  const r = cerberusChainSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid Cerberus chain JSON: ${issues.join('; ')}`);
  }
  const j = r.data;
  const expiries: ChainExpiry[] = j.expiries.map((e) => ({
    expiry: e.expiry ?? expiryLabel(e.expiryMs),
    expiryMs: e.expiryMs,
    tYears: e.tYears ?? yearFraction(j.asOfMs, e.expiryMs),
    forward: e.forward,
    quotes: e.quotes.map((q) => stripUndefined(q) as ChainQuote),
  }));
  const chain: OptionChain = { underlying: j.underlying, asOfMs: j.asOfMs, expiries };
  if (j.spot !== undefined) chain.spot = j.spot;
  return chain;
}

/** The chain in Cerberus JSON form (the inverse of parseCerberusChain). */
export function toCerberusChain(chain: OptionChain): CerberusChainJson {
  const out: CerberusChainJson = {
    format: 'cerberus.chain/1',
    underlying: chain.underlying,
    asOfMs: chain.asOfMs,
    expiries: chain.expiries.map((e) => ({
      expiryMs: e.expiryMs,
      expiry: e.expiry,
      tYears: e.tYears,
      forward: e.forward,
      quotes: e.quotes.map((q) => ({ ...q })),
    })),
  };
  if (chain.spot !== undefined) out.spot = chain.spot;
  return out;
}
