/**
 * Crypto-derivatives market and account state as every source reports it (the demo desk and
 * the ccxt venues alike), so the funding and margin features never see a venue payload.
 * Rates are decimals per funding interval; prices in the quote currency per coin.
 */
import type { InstrumentId, UnderlyingId, VenueId } from './instrument';

/** A perpetual (or dated future) one source lists. */
export interface PerpMarket {
  instrumentId: InstrumentId;
  venue: VenueId;
  /** ccxt unified symbol, e.g. `BTC/USDT:USDT`. */
  symbol: string;
  underlying: UnderlyingId;
  settlement: 'linear' | 'inverse';
  /** Coins per contract (linear) or USD per contract (inverse). */
  contractSize: number;
  fundingIntervalHours: number;
}

/** A realised funding rate at one funding time. */
export interface FundingPoint {
  tsMs: number;
  rate: number;
  /** Mark price at the funding time when the source knows it (funding P&L uses it). */
  markPrice?: number | undefined;
  /** Provenance: a venue's recorded history (the default), simulated, or seen live. */
  source?: FundingPointSource | undefined;
}

export type FundingPointSource = 'recorded' | 'synthetic' | 'live';

/** The live funding state of one perpetual. */
export interface FundingSnapshot {
  instrumentId: InstrumentId;
  tsMs: number;
  markPrice: number;
  indexPrice: number;
  /** Current (predicted) rate for the next funding time. */
  fundingRate: number;
  nextFundingMs: number;
  intervalHours: number;
}

/** A maintenance-margin bracket on notional [floor, cap) (see shared/quant/perps/types.ts). */
export interface MarginBracket {
  floor: number;
  cap: number;
  mmr: number;
  maintAmount?: number | undefined;
  /** Highest leverage the venue allows in this bracket, when it publishes one. */
  maxLeverage?: number | undefined;
}

/** A derivatives position as the venue reports it (absolute size and side). */
export interface VenuePerpPosition {
  instrumentId: InstrumentId;
  side: 'long' | 'short';
  contracts: number;
  entryPrice: number;
  markPrice: number;
  leverage: number;
  marginMode: 'isolated' | 'cross';
  /** Margin posted to an isolated position, in the settlement currency. */
  isolatedMargin?: number | undefined;
  /** What the venue reports, for comparison with Cerberus' own computation; absent when blank/0. */
  liquidationPriceReported?: number | undefined;
  maintenanceMarginReported?: number | undefined;
}

/** One margin account (a venue sub-account) at one instant. */
export interface AccountMarginState {
  accountId: string;
  venue: VenueId;
  tsMs: number;
  /** Settlement currency of the balance (USDT, BTC, ...). */
  currency: string;
  walletBalance: number;
  positions: VenuePerpPosition[];
  /**
   * 'portfolio': a Binance Portfolio Margin account, judged by uniMMR and its bands
   * (`shared/quant/perps/margin-levels.ts`); standard margin when absent.
   */
  marginSystem?: 'standard' | 'portfolio' | undefined;
  /** Other assets a portfolio-margin account counts as collateral (valued at the rate given). */
  collateral?: CollateralAsset[] | undefined;
}

/** An asset counted as margin at `collateralRate` of its value (the venue's haircut). */
export interface CollateralAsset {
  asset: string;
  amount: number;
  /** Price in the account currency. */
  price: number;
  /** 0..1 (Binance "collateral ratio"). */
  collateralRate: number;
}

/** A spot venue's price in a perpetual's index basket. */
export interface IndexConstituentQuote {
  source: string;
  price: number;
  weight: number;
  tsMs: number;
}

/** What Cerberus needs to recompute a perpetual's index and mark price. */
export interface MarkInputs {
  instrumentId: InstrumentId;
  tsMs: number;
  bid?: number | undefined;
  ask?: number | undefined;
  lastPrice?: number | undefined;
  /** The index basket when the source publishes it; absent: the reported index is used. */
  constituents?: IndexConstituentQuote[] | undefined;
}

/** A dated (delivery) future one source lists. */
export interface FutureMarket {
  instrumentId: InstrumentId;
  venue: VenueId;
  symbol: string;
  underlying: UnderlyingId;
  settlement: 'linear' | 'inverse';
  /** Coins per contract (linear) or USD per contract (inverse). */
  contractSize: number;
  expiryMs: number;
  /** Length of the index average that sets the delivery price (Binance, Deribit: 30 min). */
  settlementWindowMinutes: number;
}

/** Live price of a dated future. */
export interface FutureSnapshot {
  instrumentId: InstrumentId;
  tsMs: number;
  markPrice: number;
  indexPrice: number;
  bid?: number | undefined;
  ask?: number | undefined;
}
