/**
 * The part of a ccxt exchange object Cerberus uses, as one structural type: the adapters,
 * the stream loop and the tests all speak to this, so a test may hand in a real ccxt class fed
 * by `fetchImplementation` or, for socket behaviour, a small fake. Types come from ccxt itself.
 */
import type {
  AllGreeks,
  Balances,
  Dict,
  FundingRate,
  FundingRateHistory,
  FundingRates,
  LeverageTier,
  LeverageTiers,
  MarketInterface,
  OptionChain,
  Position,
  Ticker,
  Tickers,
} from 'ccxt';

/** The ccxt exchange ids Cerberus connects to (ccxt's own class names). */
export const CCXT_VENUES = ['binanceusdm', 'bybit', 'okx', 'deribit'] as const;
export type CcxtVenueId = (typeof CCXT_VENUES)[number];

export function isCcxtVenue(id: string): id is CcxtVenueId {
  return (CCXT_VENUES as readonly string[]).includes(id);
}

export type HasFlag = boolean | 'emulated' | undefined;

export interface CcxtExchange {
  readonly id: string;
  has: Record<string, HasFlag>;
  markets: Record<string, MarketInterface> | undefined;
  options: Dict;
  rateLimit: number;
  enableRateLimit: boolean;
  loadMarkets(reload?: boolean): Promise<Record<string, MarketInterface>>;
  fetchBalance(params?: Dict): Promise<Balances>;
  fetchPositions(symbols?: string[], params?: Dict): Promise<Position[]>;
  fetchLeverageTiers(symbols?: string[], params?: Dict): Promise<LeverageTiers>;
  fetchMarketLeverageTiers(symbol: string, params?: Dict): Promise<LeverageTier[]>;
  fetchFundingRate(symbol: string, params?: Dict): Promise<FundingRate>;
  fetchFundingRates(symbols?: string[], params?: Dict): Promise<FundingRates>;
  fetchFundingRateHistory(
    symbol?: string,
    since?: number,
    limit?: number,
    params?: Dict,
  ): Promise<FundingRateHistory[]>;
  fetchTicker(symbol: string, params?: Dict): Promise<Ticker>;
  fetchTickers(symbols?: string[], params?: Dict): Promise<Tickers>;
  fetchOptionChain(code: string, params?: Dict): Promise<OptionChain>;
  fetchAllGreeks(symbols?: string[], params?: Dict): Promise<AllGreeks>;
  watchTickers(symbols?: string[], params?: Dict): Promise<Tickers>;
  // Present on some venues only (check `has` first).
  fetchMarkPrices?(symbols?: string[], params?: Dict): Promise<Tickers>;
  watchMarkPrices?(symbols?: string[], params?: Dict): Promise<Tickers>;
  fetchBidsAsks?(symbols?: string[], params?: Dict): Promise<Tickers>;
  watchBidsAsks?(symbols?: string[], params?: Dict): Promise<Tickers>;
  watchFundingRates?(symbols: string[], params?: Dict): Promise<FundingRates>;
  fetchFundingIntervals?(symbols?: string[], params?: Dict): Promise<FundingRates>;
  close(): Promise<void>;
}

/**
 * Calls one of ccxt's implicit endpoint methods (`sapiGetAccountApiRestrictions`, ...) for
 * venue endpoints without a unified method: permission checks and the OKX index.
 */
export async function callImplicit(
  ex: CcxtExchange,
  name: string,
  params: Dict = {},
): Promise<unknown> {
  const fn = (ex as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${ex.id} has no endpoint method ${name}`);
  return (fn as (p: Dict) => Promise<unknown>).call(ex, params);
}
