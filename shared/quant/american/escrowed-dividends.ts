/**
 * Discrete cash dividends by the escrowed-dividend model: the stock is split into the present
 * value of the dividends paid before expiry (riskless) and a risky part S* = S - sum_i D_i e^{-r t_i},
 * which follows geometric Brownian motion with the quoted volatility; the option is priced on S*.
 *
 * Known bias: (1) the model's vol applies to S*, not S, so for the same quoted vol it undervalues
 * options when dividends are large (the usual fix is vol* = vol S / S*, not applied here);
 * (2) for American calls it ignores exercise just before an ex-date, where the holder gets the
 * cum-dividend stock: the early-exercise premium of calls on high-dividend stocks is understated;
 * (3) American puts are priced as if exercise delivered S*, slightly overstating them just before
 * an ex-date. The error grows with the dividend size and with the time between ex-dates and expiry.
 */
import { PricingInputError } from '../pricing/validate';
import type { CashDividend } from './american-types';

/** Throws PricingInputError unless every dividend has a finite time and a finite amount >= 0. */
export function validateDividends(
  dividends: readonly CashDividend[] | undefined,
  model: string,
): void {
  if (dividends === undefined) return;
  if (!Array.isArray(dividends)) {
    throw new PricingInputError(`${model}: dividends must be an array`, 'dividends', dividends);
  }
  dividends.forEach((d, i) => {
    if (typeof d?.tYears !== 'number' || !Number.isFinite(d.tYears) || d.tYears < 0) {
      throw new PricingInputError(
        `${model}: dividends[${i}].tYears must be a finite number >= 0, got ${String(d?.tYears)}`,
        `dividends[${i}].tYears`,
        d?.tYears,
      );
    }
    if (typeof d.amount !== 'number' || !Number.isFinite(d.amount) || d.amount < 0) {
      throw new PricingInputError(
        `${model}: dividends[${i}].amount must be a finite number >= 0, got ${String(d.amount)}`,
        `dividends[${i}].amount`,
        d.amount,
      );
    }
  });
}

/** Present value of the dividends with 0 < t_i <= T (a dividend at t = 0 is taken as already paid). */
export function dividendsPresentValue(
  dividends: readonly CashDividend[] | undefined,
  rate: number,
  tYears: number,
): number {
  if (dividends === undefined) return 0;
  let pv = 0;
  for (const d of dividends) {
    if (d.tYears > 0 && d.tYears <= tYears) pv += d.amount * Math.exp(-rate * d.tYears);
  }
  return pv;
}

/** S* = S - PV(dividends before expiry); throws PricingInputError if it is not positive. */
export function escrowedSpot(
  spot: number,
  dividends: readonly CashDividend[] | undefined,
  rate: number,
  tYears: number,
  model: string,
): number {
  const adjusted = spot - dividendsPresentValue(dividends, rate, tYears);
  if (!(adjusted > 0)) {
    throw new PricingInputError(
      `${model}: spot less the PV of dividends before expiry must be > 0, got ${adjusted}`,
      'dividends',
      dividends,
    );
  }
  return adjusted;
}
