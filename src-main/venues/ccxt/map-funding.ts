/**
 * Funding history rows and live funding state to the domain. Rates are decimals per funding
 * interval, except Deribit whose rows are hourly samples of its 8-hour rate (`interest_8h`),
 * accrued continuously -- the convention shared/quant/perps uses for Deribit.
 */
import type { FundingRateHistory } from 'ccxt';
import type { FundingPoint, FundingSnapshot } from '../../../shared/domain/derivatives';
import type { InstrumentId } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import { MAX_ABS_RATE, num, timestampProblem, type QualityCounter } from './data-quality';

/** A history row, or undefined (counted as dropped) when its time or rate is unusable. */
export function fundingPoint(
  row: FundingRateHistory,
  nowMs: number,
  quality?: QualityCounter,
): FundingPoint | undefined {
  const tsMs = num(row.timestamp);
  const rate = num(row.fundingRate);
  if (tsMs === undefined || timestampProblem(tsMs, nowMs)) {
    quality?.drop('bad-timestamp');
    return undefined;
  }
  if (rate === undefined || !Number.isFinite(rate)) {
    quality?.drop('not-finite');
    return undefined;
  }
  if (Math.abs(rate) > MAX_ABS_RATE) {
    quality?.drop('bad-rate');
    return undefined;
  }
  quality?.kept();
  return { tsMs, rate };
}

/** The live funding state from a perp's latest quote; undefined until every field is known. */
export function fundingSnapshot(
  id: InstrumentId,
  quote: Quote | undefined,
  intervalHours: number,
  continuousAccrual: boolean,
): FundingSnapshot | undefined {
  if (!quote) return undefined;
  const { mark, index, fundingRate } = quote;
  // Deribit accrues continuously: the next "funding time" is the next hourly sample.
  const nextFundingMs = continuousAccrual
    ? Math.ceil((quote.tsMs + 1) / 3_600_000) * 3_600_000
    : quote.nextFundingMs;
  if (index === undefined || fundingRate === undefined || nextFundingMs === undefined) {
    return undefined;
  }
  return {
    instrumentId: id,
    tsMs: quote.tsMs,
    markPrice: mark,
    indexPrice: index,
    fundingRate,
    nextFundingMs,
    intervalHours,
  };
}
