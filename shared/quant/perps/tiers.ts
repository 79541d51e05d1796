/**
 * Tiered maintenance margin (Binance "leverage brackets", Bybit "risk limits", OKX "position
 * tiers"). Maintenance margin of a position with notional N in tier n is
 *
 *   MM = N * MMR_n - cum_n,   cum_n = floor_n * (MMR_n - MMR_(n-1)) + cum_(n-1),  cum_1 = 0,
 *
 * which makes MM a continuous, piecewise-linear function of N (Binance, "How to Calculate
 * Liquidation Price of USDⓈ-M Futures Contracts": Level 3 = 250,000 * (1% - 0.5%) + 50 = 1,300).
 */
import type { MarginTier, ResolvedTier } from './types';

export class TierError extends Error {
  override name = 'TierError';
}

/** Relative tolerance for "this tier's floor equals the previous cap". */
const CONTIGUITY_REL_TOL = 1e-9;

/**
 * Sorts, validates and completes tiers. Given maintenance amounts are kept (venues publish rounded
 * values); missing ones follow the recursion from the previous tier. The first floor must be 0 and
 * each floor must equal the previous cap; the last cap may be Infinity.
 */
export function resolveTiers(tiers: readonly MarginTier[]): ResolvedTier[] {
  if (tiers.length === 0) throw new TierError('at least one margin tier is required');
  const sorted = [...tiers].sort((a, b) => a.floor - b.floor);
  const out: ResolvedTier[] = [];
  let prev: ResolvedTier | undefined;
  for (const [i, t] of sorted.entries()) {
    if (!(Number.isFinite(t.floor) && t.floor >= 0)) {
      throw new TierError(`tier ${i}: floor must be a finite number >= 0, got ${t.floor}`);
    }
    if (!(t.cap > t.floor))
      throw new TierError(`tier ${i}: cap ${t.cap} must exceed floor ${t.floor}`);
    if (!(Number.isFinite(t.mmr) && t.mmr >= 0 && t.mmr < 1)) {
      throw new TierError(`tier ${i}: mmr must be in [0, 1), got ${t.mmr}`);
    }
    if (prev === undefined) {
      if (t.floor !== 0)
        throw new TierError(`the first tier must start at notional 0, got ${t.floor}`);
    } else if (Math.abs(t.floor - prev.cap) > CONTIGUITY_REL_TOL * Math.max(1, prev.cap)) {
      throw new TierError(`tier ${i}: floor ${t.floor} does not meet the previous cap ${prev.cap}`);
    }
    const derived = prev === undefined ? 0 : t.floor * (t.mmr - prev.mmr) + prev.maintAmount;
    const maintAmount = t.maintAmount ?? derived;
    if (!Number.isFinite(maintAmount)) throw new TierError(`tier ${i}: maintAmount is not finite`);
    const resolved: ResolvedTier = { floor: t.floor, cap: t.cap, mmr: t.mmr, maintAmount };
    out.push(resolved);
    prev = resolved;
  }
  return out;
}

/** One tier covering every notional: a flat maintenance-margin rate. */
export function flatTier(mmr: number): ResolvedTier[] {
  return resolveTiers([{ floor: 0, cap: Infinity, mmr }]);
}

/**
 * Index of the tier holding `notional` (floor <= N < cap). Notionals beyond the last cap stay in
 * the last tier: the venues would refuse such a position, but a price path can carry one there.
 */
export function tierIndexForNotional(tiers: readonly ResolvedTier[], notional: number): number {
  const n = Math.abs(notional);
  for (let i = 0; i < tiers.length; i++) {
    if (n < (tiers[i] as ResolvedTier).cap) return i;
  }
  return tiers.length - 1;
}

/** Maintenance margin of a position with the given absolute notional (same unit as the tiers). */
export function maintenanceMarginForNotional(
  tiers: readonly ResolvedTier[],
  notional: number,
): number {
  const n = Math.abs(notional);
  const t = tiers[tierIndexForNotional(tiers, n)] as ResolvedTier;
  return n * t.mmr - t.maintAmount;
}

/**
 * Tiers from ccxt's `options.leverageBrackets` rows `[floor, mmr]` (strings or numbers): each cap
 * is the next floor and the last cap is Infinity; maintenance amounts follow the recursion.
 */
export function tiersFromBrackets(
  rows: ReadonlyArray<readonly [string | number, string | number]>,
): ResolvedTier[] {
  const parsed = rows.map(([floor, mmr]) => ({ floor: Number(floor), mmr: Number(mmr) }));
  parsed.sort((a, b) => a.floor - b.floor);
  return resolveTiers(
    parsed.map((row, i) => ({
      floor: row.floor,
      cap: parsed[i + 1]?.floor ?? Infinity,
      mmr: row.mmr,
    })),
  );
}
