/**
 * Black-76 European option price built on the normalised Black function, accurate in relative
 * terms down to the double underflow (used as the round-trip oracle of the implied-vol tests and
 * usable wherever a price deep in the wings must keep its digits).
 */
import { normalisedBlackCall } from './normalised-black';
import type { OptionType } from './implied-vol';

export interface Black76PriceInput {
  type: OptionType;
  forward: number;
  strike: number;
  /** Time to expiry in years. */
  tYears: number;
  /** Annualised volatility (decimal). */
  volAnnual: number;
  /** Discount factor e^{-rT}; default 1 (undiscounted price). */
  discountFactor?: number;
}

/** Price = df sqrt(F K) b(theta x, sigma sqrt(T)), x = ln(F/K), theta = +1 call, -1 put. */
export function black76Price(input: Black76PriceInput): number {
  const { type, forward, strike, tYears, volAnnual } = input;
  const discountFactor = input.discountFactor ?? 1;
  const x = Math.log(forward / strike);
  const s = volAnnual * Math.sqrt(tYears);
  const b = normalisedBlackCall(type === 'call' ? x : -x, s);
  return discountFactor * Math.sqrt(forward) * Math.sqrt(strike) * b;
}
