/**
 * Implied volatility, public scalar API. Volatilities are annualised decimals (0.25 = 25 %) over
 * year fractions `tYears` (ACT/365 by project convention); rates and yields are continuously
 * compounded annual decimals. Method: "Let's Be Rational" (see lets-be-rational.ts), accurate to
 * a few ulp of sigma wherever the price determines it.
 *
 * Conventions:
 * - A price equal to the (discounted) intrinsic value, within 4 ulp of max(F, K), returns 0.
 * - Every other impossible input throws ImpliedVolError; nothing returns NaN or a silent 0:
 *   'invalid-input'   non-finite input, F, K, T or discount factor <= 0, price <= 0, bad type;
 *   'below-intrinsic' price below the discounted intrinsic value;
 *   'above-maximum'   price >= the discounted forward (calls) or strike (puts), where the
 *                     volatility would be infinite.
 */
import { solveBlack76Undiscounted } from './black76-solve';
import { ImpliedVolError, failureOfCode } from './implied-vol-error';

export type OptionType = 'call' | 'put';

export interface Black76ImpliedVolInput {
  type: OptionType;
  /** Forward price of the underlying for the option's expiry (> 0). */
  forward: number;
  strike: number;
  /** Time to expiry in years (> 0). */
  tYears: number;
  /** Option price: discounted when `discountFactor` is given, else undiscounted (same currency as F, K). */
  price: number;
  /** Discount factor to the payment date, e^{-rT}; default 1 (price is undiscounted). */
  discountFactor?: number;
}

export interface BsmImpliedVolInput {
  type: OptionType;
  spot: number;
  strike: number;
  /** Time to expiry in years (> 0). */
  tYears: number;
  /** Risk-free rate, continuously compounded annual decimal. */
  rate: number;
  /** Dividend or carry yield q, continuously compounded annual decimal (F = S e^{(r - q) T}). */
  carryYield: number;
  /** Option price in currency (discounted, i.e. today's premium). */
  price: number;
}

function invalid(message: string): ImpliedVolError {
  return new ImpliedVolError('invalid-input', `invalid input: ${message}`);
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0 && value < Infinity))
    throw invalid(`${name} must be a positive finite number (got ${value})`);
}

/** Annualised Black-76 implied volatility; throws ImpliedVolError where none exists. */
export function impliedVolBlack76(input: Black76ImpliedVolInput): number {
  const { type, forward, strike, tYears, price } = input;
  const discountFactor = input.discountFactor ?? 1;
  if (type !== 'call' && type !== 'put')
    throw invalid(`type must be 'call' or 'put' (got ${String(type)})`);
  requirePositive('forward', forward);
  requirePositive('strike', strike);
  requirePositive('tYears', tYears);
  requirePositive('discountFactor', discountFactor);
  if (!Number.isFinite(price)) throw invalid(`price must be finite (got ${price})`);
  if (!(price > 0)) throw invalid(`price must be positive (got ${price})`);
  const isCall = type === 'call';
  const vol = solveBlack76Undiscounted(isCall, forward, strike, tYears, price / discountFactor);
  if (vol >= 0) return vol;
  const reason = failureOfCode(vol);
  const where = `${type} F=${forward} K=${strike} T=${tYears}y discount factor=${discountFactor}`;
  if (reason === 'below-intrinsic') {
    const intrinsic = discountFactor * Math.max(isCall ? forward - strike : strike - forward, 0);
    throw new ImpliedVolError(
      reason,
      `price below intrinsic value: ${price} < ${intrinsic} (${where})`,
    );
  }
  if (reason === 'above-maximum') {
    const bound = discountFactor * (isCall ? forward : strike);
    const what = isCall ? 'discounted forward' : 'discounted strike';
    throw new ImpliedVolError(
      reason,
      `price above the forward/strike upper bound: ${price} >= ${what} ${bound} (${where})`,
    );
  }
  throw invalid(`no implied volatility for price ${price} (${where})`);
}

/**
 * Annualised Black-Scholes-Merton implied volatility (European, continuous carry): converts to
 * Black-76 with F = S e^{(r - q) T} and discount factor e^{-r T}.
 */
export function impliedVolBsm(input: BsmImpliedVolInput): number {
  const { type, spot, strike, tYears, rate, carryYield, price } = input;
  requirePositive('spot', spot);
  requirePositive('tYears', tYears);
  if (!Number.isFinite(rate)) throw invalid(`rate must be finite (got ${rate})`);
  if (!Number.isFinite(carryYield)) throw invalid(`carryYield must be finite (got ${carryYield})`);
  const forward = spot * Math.exp((rate - carryYield) * tYears);
  const discountFactor = Math.exp(-rate * tYears);
  return impliedVolBlack76({ type, forward, strike, tYears, price, discountFactor });
}
