/**
 * Inputs and outputs of the MSTR-BTC basis model. Money in USD, prices per share or per coin,
 * dates as UTC midnight epoch milliseconds. Optional inputs are `undefined` when the source has
 * no value (never NaN or 0 as a stand-in).
 */

/** One MSTR trading day. */
export interface MstrDailyRow {
  /** UTC midnight of the trading date. */
  dateMs: number;
  closeUsd: number;
  marketCapUsd: number;
  /** BTC price recorded alongside (used when no separate BTC series is given). */
  btcPriceUsd?: number | undefined;
  /** BTC held by the company; missing days are carried forward from the last known value. */
  btcHoldings?: number | undefined;
  /** Shares outstanding if the source has them; otherwise derived as market cap / close. */
  sharesOutstanding?: number | undefined;
  /** Debt at face value. */
  debtUsd?: number | undefined;
  /** Preferred stock at notional. */
  preferredUsd?: number | undefined;
  /** Cash (USD reserve). */
  cashUsd?: number | undefined;
  /** The source's own mNAV column, kept only to cross-check ours. */
  sourceMNav?: number | undefined;
}

/** One BTC daily price. */
export interface BtcDailyRow {
  dateMs: number;
  priceUsd: number;
}

/** Thrown for input that no analysis can use (zero prices, duplicate dates, no holdings at all). */
export class BasisDataError extends Error {
  override name = 'BasisDataError';
}

export type BasisWarningCode =
  | 'data.holdingsCarriedForward'
  | 'data.balanceSheetCarriedForward'
  | 'data.cashMissing'
  | 'data.btcPriceFallback'
  | 'data.rowsDropped'
  | 'data.gap'
  | 'data.unsortedInput'
  | 'data.shortHistory'
  | 'metric.unavailable'
  | 'model.notConverged'
  | 'risk.premiumDeviation'
  | 'risk.highLeverage'
  | 'risk.highTailDependence'
  | 'risk.noMeanReversion'
  | 'risk.noCointegration';

export interface BasisWarning {
  code: BasisWarningCode;
  message: string;
}
