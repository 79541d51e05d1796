/**
 * Implied volatility of an American option: the vol at which the chosen pricer (default
 * 'accurate') matches the price, by Brent's method on a bracket in vol (inverse-quadratic steps
 * safeguarded by bisection; ~10-15 prices). The price is checked first against
 * - immediate exercise max(S - K, 0) / max(K - S, 0) on the quoted spot (no-arbitrage floor),
 * - the model's value at vol -> 0 (on the escrowed spot when there are dividends),
 * - the upper bounds S (call) and K (put) and the model's value at the largest bracketed vol,
 * and an ImpliedVolError with reason 'below-intrinsic' or 'above-maximum' says which failed.
 */
import { ImpliedVolError } from '../iv/implied-vol-error';
import { brentRoot } from '../stats/optimize';
import type { OptionType } from '../pricing/types';
import type { AmericanMethod, AmericanOptions, CashDividend } from './american-types';
import { priceAmerican } from './price-american';

export interface AmericanImpliedVolInput {
  type: OptionType;
  spot: number;
  strike: number;
  tYears: number;
  rate: number;
  carryYield: number;
  /** Option price per unit of underlying. */
  price: number;
  dividends?: readonly CashDividend[];
}

export interface AmericanImpliedVolOptions extends AmericanOptions {
  method?: AmericanMethod;
  /** Absolute tolerance on vol (default 1e-10). */
  volTolerance?: number;
}

const VOL_LOW = 1e-4;
const VOL_HIGHS = [5, 20];

export function americanImpliedVol(
  input: AmericanImpliedVolInput,
  opts: AmericanImpliedVolOptions = {},
): number {
  const { price, type, spot, strike } = input;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
    throw new ImpliedVolError(
      'invalid-input',
      `americanImpliedVol: price must be a finite number >= 0, got ${price}`,
    );
  }
  const method = opts.method ?? 'accurate';
  const valueAt = (vol: number) => priceAmerican({ ...input, volAnnual: vol }, method, opts);
  const exercise = Math.max(type === 'call' ? spot - strike : strike - spot, 0);
  if (price < exercise) {
    throw new ImpliedVolError(
      'below-intrinsic',
      `americanImpliedVol: price ${price} is below the immediate-exercise value ${exercise}`,
    );
  }
  const cap = type === 'call' ? spot : strike;
  if (price >= cap) {
    throw new ImpliedVolError(
      'above-maximum',
      `americanImpliedVol: price ${price} is not below the bound ${cap}`,
    );
  }
  const scale = Math.max(price, 1e-12 * strike);
  const tolPrice = 1e-13 * Math.max(strike, spot);
  let lo = VOL_LOW;
  let fLo = valueAt(lo) - price;
  if (fLo > tolPrice) {
    throw new ImpliedVolError(
      'below-intrinsic',
      `americanImpliedVol: price ${price} is below the model value at vol ${VOL_LOW} (${fLo + price})`,
    );
  }
  if (Math.abs(fLo) <= tolPrice) return lo;
  let hi = Number.NaN;
  let fHi = Number.NaN;
  for (const candidate of VOL_HIGHS) {
    const f = valueAt(candidate) - price;
    if (f >= 0) {
      hi = candidate;
      fHi = f;
      break;
    }
    lo = candidate;
    fLo = f;
  }
  if (Number.isNaN(hi)) {
    throw new ImpliedVolError(
      'above-maximum',
      `americanImpliedVol: price ${price} is above the model value at vol ${VOL_HIGHS[VOL_HIGHS.length - 1]}`,
    );
  }
  return brentRoot((vol) => valueAt(vol) - price, lo, hi, {
    fa: fLo,
    fb: fHi,
    tol: opts.volTolerance ?? 1e-10,
    fTol: scale * 1e-14,
    maxIterations: 100,
  });
}
