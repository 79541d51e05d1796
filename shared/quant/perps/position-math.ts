/**
 * Per-position arithmetic for linear and inverse contracts (see `types.ts` for units).
 *
 * Inverse contracts become linear ones in the variable u = 1/price: with q the USD face value,
 * notional = q * u (coin), and P&L = s * q * (1/E - u) = (-s) * q * (u - 1/E). So an inverse
 * position is a linear position in u with the side flipped and entry 1/E. The liquidation solver
 * and the Monte Carlo surplus work in u and convert back (`priceToU`, `uToPrice`).
 */
import type { ContractSpec, ContractType, PerpPosition, PositionSide } from './types';
import { sideSign } from './types';

/** Coins (linear) or quote-currency face value (inverse) of `contracts` contracts. */
export function exposure(contract: ContractSpec, contracts: number): number {
  return Math.abs(contracts) * contract.contractSize;
}

/** Absolute notional at `price`: quote currency (linear) or coin (inverse). */
export function notionalAt(contract: ContractSpec, contracts: number, price: number): number {
  const q = exposure(contract, contracts);
  return contract.type === 'linear' ? q * price : q / price;
}

/** Unrealised P&L at `price` in the settlement currency (quote for linear, coin for inverse). */
export function unrealisedPnl(
  contract: ContractSpec,
  side: PositionSide,
  contracts: number,
  entryPrice: number,
  price: number,
): number {
  const q = exposure(contract, contracts);
  const s = sideSign(side);
  return contract.type === 'linear'
    ? s * q * (price - entryPrice)
    : s * q * (1 / entryPrice - 1 / price);
}

/** Initial margin of a position: notional at `price` (entry by default) divided by leverage. */
export function initialMargin(
  contract: ContractSpec,
  position: PerpPosition,
  price = position.entryPrice,
): number {
  return notionalAt(contract, position.contracts, price) / position.leverage;
}

/**
 * Bankruptcy price: where the loss equals the initial margin at entry (margin balance 0).
 * Linear: E * (1 - s/L). Inverse: 1/P = (1/E) * (1 + s/L). Null when it does not exist
 * (a linear long at leverage <= 1, or an inverse short at leverage <= 1, never goes bankrupt).
 */
export function bankruptcyPrice(
  type: ContractType,
  side: PositionSide,
  entryPrice: number,
  leverage: number,
): number | null {
  const s = sideSign(side);
  if (type === 'linear') {
    const p = entryPrice * (1 - s / leverage);
    return p > 0 ? p : null;
  }
  const u = (1 + s / leverage) / entryPrice;
  return u > 0 ? 1 / u : null;
}

/** The solver variable for a price: the price itself (linear) or its reciprocal (inverse). */
export function priceToU(type: ContractType, price: number): number {
  return type === 'linear' ? price : 1 / price;
}

/** Inverse of `priceToU`; u = 0 maps to price 0 (linear) or Infinity (inverse). */
export function uToPrice(type: ContractType, u: number): number {
  return type === 'linear' ? u : 1 / u;
}

/** Side sign in u-space: flipped for inverse contracts (a long gains as u = 1/price falls). */
export function uSideSign(type: ContractType, side: PositionSide): 1 | -1 {
  const s = sideSign(side);
  return type === 'linear' ? s : s === 1 ? -1 : 1;
}
