/**
 * Black-76 European option price built on the normalised Black function, accurate in relative
 * terms down to the double underflow (used as the round-trip oracle of the implied-vol tests and
 * usable wherever a price deep in the wings must keep its digits).
 */
import { normalisedBlackOtm } from './normalised-black';
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

/**
 * Price = df [max(theta (F - K), 0) + sqrt(F K) b(-|x|, sigma sqrt(T))], x = ln(F/K), theta = +1
 * call, -1 put: the intrinsic value is taken exactly from F - K rather than from
 * sqrt(F K) 2 sinh(x/2), whose rounded x would cost near-the-money ITM prices their last digits.
 */
export function black76Price(input: Black76PriceInput): number {
  const { type, forward, strike, tYears, volAnnual } = input;
  const discountFactor = input.discountFactor ?? 1;
  const x = Math.log(forward / strike);
  const s = volAnnual * Math.sqrt(tYears);
  const intrinsic = Math.max(type === 'call' ? forward - strike : strike - forward, 0);
  const timeValue = Math.sqrt(forward) * Math.sqrt(strike) * normalisedBlackOtm(-Math.abs(x), s);
  return discountFactor * (intrinsic + timeValue);
}
