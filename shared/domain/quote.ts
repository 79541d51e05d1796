import type { InstrumentId, UnderlyingId } from './instrument';

/**
 * The latest market state of one instrument. Prices are in the instrument's quote currency
 * (BTC for Deribit options). Optional fields are absent when the venue does not provide them.
 */
export interface Quote {
  instrumentId: InstrumentId;
  tsMs: number;
  bid?: number | undefined;
  ask?: number | undefined;
  last?: number | undefined;
  /** Venue mark price (perps, options); for others the mid. */
  mark: number;
  /** Index price (perps) or underlying forward (options). */
  index?: number | undefined;
  /** Implied vol of the mark, decimal (0.55 = 55%). */
  markIv?: number | undefined;
  bidIv?: number | undefined;
  askIv?: number | undefined;
  /** Current funding rate per interval, decimal (perpetuals). */
  fundingRate?: number | undefined;
  nextFundingMs?: number | undefined;
  /** Mark at the previous UTC day's close, for day P&L. */
  prevClose?: number | undefined;
}

/** Spot level and carry inputs of one underlying at one instant. */
export interface UnderlyingState {
  underlying: UnderlyingId;
  tsMs: number;
  spot: number;
  /** Continuously compounded risk-free rate of the quote currency, decimal per year. */
  rate: number;
  /** Continuous yield or carry q (dividend yield, or the crypto basis), decimal per year. */
  carryYield: number;
  /** At-the-money implied vol, decimal per year (display and fallbacks). */
  atmVol: number;
  /** Close of the previous UTC day, for day P&L. */
  prevClose: number;
}

/** Data freshness as shown to the user: never a silent stale number. */
export type Freshness = 'live' | 'stale' | 'missing';
