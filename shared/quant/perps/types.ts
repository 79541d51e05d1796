/**
 * Vocabulary of the crypto-derivatives calculations (perpetuals and dated futures).
 *
 * Units, stated once so that every function can rely on them:
 * - Linear contracts (USDT/USDC-margined): `contractSize` is coins per contract, so a position's
 *   exposure `q = contracts * contractSize` is in coins; notional `q * price` and P&L are in the
 *   quote currency; tier brackets are quote-currency notionals.
 * - Inverse contracts (coin-margined): `contractSize` is quote currency (USD) per contract, so
 *   `q = contracts * contractSize` is a USD face value; notional `q / price` and P&L are in coin;
 *   tier brackets are coin notionals.
 * - Rates and ratios are decimals (0.004 = 0.4%); prices are quote currency per coin.
 */

export type PerpVenue = 'binance' | 'bybit' | 'okx' | 'deribit';
export type ContractType = 'linear' | 'inverse';
export type PositionSide = 'long' | 'short';
export type MarginMode = 'isolated' | 'cross';
/** One-way: one net position per symbol. Hedge: a long and a short leg may coexist per symbol. */
export type PositionMode = 'oneWay' | 'hedge';

export interface ContractSpec {
  type: ContractType;
  /** Coins per contract (linear) or quote currency per contract (inverse). */
  contractSize: number;
}

/**
 * A maintenance-margin bracket on position notional, [floor, cap). `maintAmount` (Binance "cum",
 * Bybit "MM deduction") makes the maintenance margin continuous across brackets; when omitted it
 * is derived by the recursion cum_n = floor_n * (mmr_n - mmr_(n-1)) + cum_(n-1).
 */
export interface MarginTier {
  floor: number;
  cap: number;
  mmr: number;
  maintAmount?: number;
}

/** A tier with its maintenance amount resolved; tiers are sorted and contiguous. */
export interface ResolvedTier {
  floor: number;
  cap: number;
  mmr: number;
  maintAmount: number;
}

/** A position as the venues report it: absolute size in contracts and a side. */
export interface PerpPosition {
  side: PositionSide;
  /** Absolute number of contracts (> 0); see `ContractSpec` for what one contract is. */
  contracts: number;
  entryPrice: number;
  markPrice: number;
  leverage: number;
}

/** +1 for long, -1 for short. */
export function sideSign(side: PositionSide): 1 | -1 {
  return side === 'long' ? 1 : -1;
}
