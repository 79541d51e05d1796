/**
 * Dated futures for the carry panel: basis against the index (`futuresBasis`: simple and
 * continuously compounded annualised), days to expiry, and near expiry the delivery-price estimate
 * (`settlementPrice`, the time-average of the index over the venue's window): the index samples
 * seen inside the window so far with the current index held to delivery, and the share of the
 * window actually observed. Before the window opens the estimate is the current index.
 */
import type { FutureMarket, FutureSnapshot } from '../../domain/derivatives';
import { MS_PER_DAY, MS_PER_HOUR } from '../../domain/time';
import { futuresBasis, settlementPrice, type PriceSample } from '../perps/delivery';

/** The estimate is shown from this long before delivery. */
export const SETTLEMENT_ESTIMATE_FROM_MS = 24 * MS_PER_HOUR;

export interface SettlementEstimate {
  windowMinutes: number;
  windowStartMs: number;
  /** Time-weighted index so far, the current index held to delivery. */
  estimate: number;
  /** Share of the window covered by observed index samples (0 before it opens). */
  observedShare: number;
  samples: number;
  inWindow: boolean;
}

export interface FutureRow {
  instrumentId: string;
  venue: string;
  symbol: string;
  underlying: string;
  settlement: 'linear' | 'inverse';
  contractSize: number;
  expiryMs: number;
  daysToExpiry: number;
  markPrice: number;
  indexPrice: number;
  bid: number | null;
  ask: number | null;
  basis: number;
  basisRate: number;
  annualisedSimple: number;
  annualisedContinuous: number;
  settlementEstimate: SettlementEstimate | null;
}

/** Index samples worth keeping for a future at `nowMs` (inside or just before its window). */
export function keepsIndexSamples(market: FutureMarket, nowMs: number): boolean {
  const start = market.expiryMs - market.settlementWindowMinutes * 60_000;
  return nowMs >= start - 60_000 && nowMs <= market.expiryMs;
}

function estimateOf(
  market: FutureMarket,
  snapshot: FutureSnapshot,
  samples: readonly PriceSample[],
  nowMs: number,
): SettlementEstimate | null {
  if (market.expiryMs - nowMs > SETTLEMENT_ESTIMATE_FROM_MS) return null;
  const windowMs = market.settlementWindowMinutes * 60_000;
  const start = market.expiryMs - windowMs;
  if (nowMs < start)
    return {
      windowMinutes: market.settlementWindowMinutes,
      windowStartMs: start,
      estimate: snapshot.indexPrice,
      observedShare: 0,
      samples: 0,
      inWindow: false,
    };
  const seen = samples.filter((s) => s.tsMs <= nowMs && s.price > 0);
  const all = [...seen, { tsMs: nowMs, price: snapshot.indexPrice }];
  const r = settlementPrice(all, market.expiryMs, windowMs);
  const first = seen.reduce((m, s) => Math.min(m, s.tsMs), nowMs);
  return {
    windowMinutes: market.settlementWindowMinutes,
    windowStartMs: start,
    estimate: r.price,
    observedShare:
      Math.max(0, Math.min(nowMs, market.expiryMs) - Math.max(start, first)) / windowMs,
    samples: seen.filter((s) => s.tsMs >= start).length,
    inWindow: true,
  };
}

export function futureRow(
  market: FutureMarket,
  snapshot: FutureSnapshot,
  indexSamples: readonly PriceSample[],
  nowMs: number,
): FutureRow | null {
  if (!(market.expiryMs > nowMs && snapshot.markPrice > 0 && snapshot.indexPrice > 0)) return null;
  const b = futuresBasis(snapshot.markPrice, snapshot.indexPrice, nowMs, market.expiryMs);
  return {
    instrumentId: market.instrumentId,
    venue: market.venue,
    symbol: market.symbol,
    underlying: market.underlying,
    settlement: market.settlement,
    contractSize: market.contractSize,
    expiryMs: market.expiryMs,
    daysToExpiry: (market.expiryMs - nowMs) / MS_PER_DAY,
    markPrice: snapshot.markPrice,
    indexPrice: snapshot.indexPrice,
    bid: snapshot.bid ?? null,
    ask: snapshot.ask ?? null,
    basis: b.basis,
    basisRate: b.basisRate,
    annualisedSimple: b.annualisedSimple,
    annualisedContinuous: b.annualisedContinuous,
    settlementEstimate: estimateOf(market, snapshot, indexSamples, nowMs),
  };
}
