/**
 * Leverage / risk-limit tiers (`fetchMarketLeverageTiers`, Binance `leverageBracket`) to the
 * domain's maintenance-margin brackets. Floors are made contiguous (each floor = the previous
 * cap, the first 0), which is what the tier maths assumes; venues that publish the next tier
 * from "previous cap + 1 contract" differ by that one contract. Maintenance amounts are kept where
 * the venue publishes them (Binance `cum`, Bybit `mmDeduction`), else derived downstream.
 *
 * OKX states its tiers in contracts, not notional: they are converted at the given mark price
 * (linear: contracts x coins per contract x mark; inverse: contracts x USD per contract / mark),
 * so OKX brackets are a snapshot valid near that price.
 */
import type { LeverageTier } from 'ccxt';
import type { MarginBracket } from '../../../shared/domain/derivatives';
import type { Settlement } from '../../../shared/domain/instrument';
import type { CcxtVenueId } from './ccxt-exchange';
import { num } from './data-quality';

export interface TierUnits {
  settlement: Settlement;
  contractSize: number;
  /** Needed where tiers are in contracts (OKX). */
  markPrice?: number | undefined;
}

export class TierMappingError extends Error {
  override name = 'TierMappingError';
}

function maintAmountOf(venue: CcxtVenueId, info: unknown): number | undefined {
  const i = (info && typeof info === 'object' ? info : {}) as Record<string, unknown>;
  const raw = venue === 'binanceusdm' ? i['cum'] : venue === 'bybit' ? i['mmDeduction'] : undefined;
  const value = num(raw);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Multiplier from the venue's tier unit to notional in the settlement convention. */
function unitToNotional(venue: CcxtVenueId, units: TierUnits): number {
  if (venue !== 'okx') return 1;
  const mark = units.markPrice;
  if (!(mark !== undefined && mark > 0)) {
    throw new TierMappingError(
      'OKX tiers are in contracts: a mark price is needed to convert them',
    );
  }
  return units.settlement === 'linear' ? units.contractSize * mark : units.contractSize / mark;
}

export function bracketsFromTiers(
  venue: CcxtVenueId,
  tiers: readonly LeverageTier[],
  units: TierUnits,
): MarginBracket[] {
  const k = unitToNotional(venue, units);
  const rows = tiers
    .map((t) => ({
      cap: num(t.maxNotional),
      mmr: num(t.maintenanceMarginRate),
      maxLeverage: num(t.maxLeverage),
      info: t.info,
    }))
    .filter(
      (r): r is { cap: number; mmr: number; maxLeverage: number | undefined; info: unknown } =>
        r.cap !== undefined &&
        Number.isFinite(r.cap) &&
        r.cap > 0 &&
        r.mmr !== undefined &&
        Number.isFinite(r.mmr) &&
        r.mmr >= 0 &&
        r.mmr < 1,
    )
    .sort((a, b) => a.cap - b.cap);
  if (rows.length === 0) throw new TierMappingError(`${venue} returned no usable margin tiers`);
  let floor = 0;
  return rows.map((r) => {
    const bracket: MarginBracket = { floor, cap: r.cap * k, mmr: r.mmr };
    const maintAmount = maintAmountOf(venue, r.info);
    if (maintAmount !== undefined) bracket.maintAmount = maintAmount;
    // The venue's own leverage cap per tier (Binance initialLeverage, Bybit/OKX maxLeverage).
    if (r.maxLeverage !== undefined && Number.isFinite(r.maxLeverage) && r.maxLeverage >= 1)
      bracket.maxLeverage = r.maxLeverage;
    floor = r.cap * k;
    return bracket;
  });
}
