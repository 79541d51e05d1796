/**
 * The one place risk/ prices an option row of a `Portfolio`: European rows by Black-Scholes-Merton,
 * American rows (listed equity options) by Bjerksund-Stensland 2002, the library's fast American
 * method. Every revaluation in risk/ (historical, Monte Carlo grids and their full-revaluation
 * checks, stress, reverse stress) goes through `optionUnitValue`, so "full revaluation" means
 * exactly this pricer.
 *
 * Value per underlying unit in USD; coin-settled rows are already folded into BSM inputs by
 * `buildPortfolio` (rate = basis, carryYield = 0). At or past expiry the value is intrinsic.
 */
import { americanBs2002Price } from '../american/bjerksund-stensland-2002';
import { lognormalPrice } from '../pricing/lognormal-core';
import { EXPIRY_T_YEARS, MIN_TOTAL_STD } from '../pricing/validate';

/**
 * European BSM value without an input object or validation, for the inner loops of grid
 * building: the pricing library's lognormal core with `bsmPrice`'s expiry and zero-vol limits.
 * Inputs come from a validated book, so only the regimes are checked here.
 */
export function bsmUnitValue(
  right: number,
  spot: number,
  strike: number,
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
): number {
  if (tYears < EXPIRY_T_YEARS) return Math.max(right * (spot - strike), 0);
  if (volAnnual * Math.sqrt(tYears) < MIN_TOTAL_STD) {
    return Math.max(
      right * (spot * Math.exp(-carryYield * tYears) - strike * Math.exp(-rate * tYears)),
      0,
    );
  }
  return lognormalPrice(right, spot, strike, tYears, rate, carryYield, volAnnual);
}

/** USD value per underlying unit of one option row (see header). */
export function optionUnitValue(
  right: number,
  american: boolean,
  spot: number,
  strike: number,
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
): number {
  if (american && tYears > 0 && volAnnual > 0) {
    const v = americanBs2002Price({
      type: right > 0 ? 'call' : 'put',
      spot,
      strike,
      tYears,
      rate,
      carryYield,
      volAnnual,
    });
    // BS2002 is undefined in some negative-rate regimes: the European value is then the floor.
    if (Number.isFinite(v)) return v;
  }
  return bsmUnitValue(right, spot, strike, tYears, rate, carryYield, volAnnual);
}
