/**
 * What a venue refuses before a trade reaches the margin maths: leverage above the bracket's
 * maximum and notional beyond the last bracket (venues cap positions there).
 *
 * Max leverage of a bracket: the venue's published value when the source gives it (ccxt
 * `LeverageTier.maxLeverage`); else 1 / (2 x MMR), the relation Binance's USD-M brackets follow
 * exactly (0.4% -> 125x, 0.5% -> 100x, 1% -> 50x, ... 50% -> 1x) and Bybit's and OKX's first
 * tiers follow too (initial margin rate = twice the maintenance rate), capped at the venue's
 * product maximum below. Deribit sets no leverage per position; its 50x is the perpetuals'
 * initial margin floor (2%), used the same way.
 */
import type { MarginBracket } from '../../domain/derivatives';
import type { PerpVenue } from '../perps/types';

export const VENUE_MAX_LEVERAGE: Readonly<Record<PerpVenue, number>> = {
  binance: 125,
  bybit: 100,
  okx: 100,
  deribit: 50,
};

export interface LeverageLimit {
  /** Highest leverage allowed for this notional; null when the source gave no brackets. */
  maxLeverage: number | null;
  tierIndex: number;
  /** Cap of the last bracket (the largest position the venue takes); Infinity if unbounded. */
  maxNotional: number;
  /** 'venue': published per bracket; 'derived': 1 / (2 MMR) capped; 'none': no brackets. */
  basis: 'venue' | 'derived' | 'none';
}

export function bracketMaxLeverage(venue: PerpVenue, b: MarginBracket): number {
  if (b.maxLeverage !== undefined && b.maxLeverage > 0) return b.maxLeverage;
  const derived = b.mmr > 0 ? Math.floor(1 / (2 * b.mmr) + 1e-9) : VENUE_MAX_LEVERAGE[venue];
  return Math.max(1, Math.min(VENUE_MAX_LEVERAGE[venue], derived));
}

/** The bracket a position of `notional` (settlement currency) falls in, and its limits. */
export function leverageLimit(
  venue: PerpVenue,
  brackets: readonly MarginBracket[],
  notional: number,
): LeverageLimit {
  if (brackets.length === 0)
    return { maxLeverage: null, tierIndex: 0, maxNotional: Infinity, basis: 'none' };
  const sorted = [...brackets].sort((a, b) => a.floor - b.floor);
  const n = Math.abs(notional);
  let i = sorted.findIndex((b) => n < b.cap);
  if (i < 0) i = sorted.length - 1;
  const b = sorted[i] as MarginBracket;
  return {
    maxLeverage: bracketMaxLeverage(venue, b),
    tierIndex: i,
    maxNotional: (sorted[sorted.length - 1] as MarginBracket).cap,
    basis: b.maxLeverage !== undefined && b.maxLeverage > 0 ? 'venue' : 'derived',
  };
}
