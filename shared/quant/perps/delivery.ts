/**
 * Dated (delivery) futures: basis against the index and the settlement price.
 *
 * basis = F - S; basis rate = F / S - 1; with tau the ACT/365 years to expiry,
 *   simple annualised basis      = (F / S - 1) / tau,
 *   continuous annualised basis  = ln(F / S) / tau   (the implied carry / funding rate).
 *
 * Settlement price = time average of the index over the last window before delivery. Published
 * windows: Binance 30 min of per-second index values (since Nov 2024, 1 h before), Deribit a
 * 30 min TWAP, OKX the average of the last hour. Each sample is held until the next one (a
 * step function); with evenly spaced samples this is their arithmetic mean.
 */
import { MS_PER_YEAR } from '../../domain/time';

export interface BasisResult {
  basis: number;
  basisRate: number;
  yearsToExpiry: number;
  annualisedSimple: number;
  annualisedContinuous: number;
}

export function futuresBasis(
  futuresPrice: number,
  indexPrice: number,
  asOfMs: number,
  expiryMs: number,
): BasisResult {
  const tau = (expiryMs - asOfMs) / MS_PER_YEAR;
  if (!(tau > 0)) throw new RangeError('futuresBasis: expiry must be after asOf');
  const rate = futuresPrice / indexPrice - 1;
  return {
    basis: futuresPrice - indexPrice,
    basisRate: rate,
    yearsToExpiry: tau,
    annualisedSimple: rate / tau,
    annualisedContinuous: Math.log(futuresPrice / indexPrice) / tau,
  };
}

export interface PriceSample {
  tsMs: number;
  price: number;
}

export interface SettlementResult {
  price: number;
  samplesUsed: number;
  /** Share of the window covered by samples (1 when the first sample is at or before the start). */
  coverage: number;
}

/**
 * Time-weighted average of the index over [deliveryMs - windowMs, deliveryMs]. A sample taken
 * before the window start counts from the start; samples after delivery are ignored.
 */
export function settlementPrice(
  samples: readonly PriceSample[],
  deliveryMs: number,
  windowMs: number,
): SettlementResult {
  const start = deliveryMs - windowMs;
  const sorted = [...samples].filter((s) => s.tsMs <= deliveryMs).sort((a, b) => a.tsMs - b.tsMs);
  let firstIdx = 0;
  for (let i = 0; i < sorted.length; i++)
    if ((sorted[i] as PriceSample).tsMs <= start) firstIdx = i;
  const used = sorted.slice(firstIdx).filter((s, i) => i === 0 || s.tsMs > start);
  if (used.length === 0) throw new RangeError('settlementPrice: no index samples before delivery');
  let area = 0;
  let covered = 0;
  for (let i = 0; i < used.length; i++) {
    const s = used[i] as PriceSample;
    const from = Math.max(start, s.tsMs);
    const to = i + 1 < used.length ? (used[i + 1] as PriceSample).tsMs : deliveryMs;
    if (to <= from) continue;
    area += s.price * (to - from);
    covered += to - from;
  }
  if (!(covered > 0)) {
    const last = used[used.length - 1] as PriceSample;
    return { price: last.price, samplesUsed: 1, coverage: 0 };
  }
  return { price: area / covered, samplesUsed: used.length, coverage: covered / windowMs };
}
