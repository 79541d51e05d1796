/**
 * Inputs and outputs of the closed-form European pricers (Black-Scholes-Merton, Black-76 and
 * coin-settled inverse options).
 *
 * Conventions (the whole `pricing/` module):
 * - `tYears`: time to expiry in years, ACT/365 (`shared/domain/time.ts` yearFraction).
 * - `rate`, `carryYield`, `volAnnual`: continuously compounded decimals per year (0.05 = 5 %).
 *   `carryYield` is the dividend yield / foreign rate / lease rate q: the spot drifts at rate - q.
 * - Greeks are per unit of the underlying and per 1.00 change of the variable:
 *   vega per 1.00 vol (divide by 100 for "per vol point"), rho per 1.00 rate, phi per 1.00
 *   carry yield. Desk units (per day, per 1 %, $) are applied in the UI, not here.
 * - Time Greeks are derivatives with respect to CALENDAR time t, per year: theta = dV/dt =
 *   -dV/dT (negative for a long decaying option), and likewise charm = d delta/dt,
 *   veta = d vega/dt, color = d gamma/dt. Divide by 365 for "per day".
 * - BSM Greeks are with respect to spot; Black-76 Greeks are with respect to the forward,
 *   which is held fixed when time, rate or vol move.
 */

export type OptionType = 'call' | 'put';

export interface BsmInput {
  type: OptionType;
  /** Spot price of the underlying, > 0. */
  spot: number;
  /** Strike, > 0, same currency as spot. */
  strike: number;
  /** Time to expiry, years ACT/365, >= 0 (0 = expiring now: intrinsic value). */
  tYears: number;
  /** Continuously compounded risk-free rate, decimal per year. */
  rate: number;
  /** Continuously compounded dividend / carry yield q, decimal per year. */
  carryYield: number;
  /** Lognormal volatility, decimal per sqrt(year), >= 0. */
  volAnnual: number;
}

export interface Black76Input {
  type: OptionType;
  /** Forward (or futures) price for the option's expiry, > 0. */
  forward: number;
  strike: number;
  tYears: number;
  /** Discount rate; ignored (may be 0) when `discounted` is false. */
  rate: number;
  volAnnual: number;
  /** true: premium paid at expiry is discounted, V = e^{-rT} * B; false: V = B (futures-style). */
  discounted: boolean;
}

/** First-, second- and third-order sensitivities; units as in the module conventions above. */
export interface Greeks {
  price: number;
  /** dV/dS (BSM) or dV/dF (Black-76). */
  delta: number;
  /** d2V/dS2 or d2V/dF2. */
  gamma: number;
  /** dV/dvol, per 1.00 vol. */
  vega: number;
  /** dV/dt per calendar year (= -dV/dT). */
  theta: number;
  /** dV/drate, per 1.00 rate (Black-76: forward held fixed, only discounting moves). */
  rho: number;
  /** dV/dcarryYield, per 1.00 yield (0 for Black-76, whose state variable is the forward). */
  phi: number;
  /** d2V/dS dvol. */
  vanna: number;
  /** d2V/dvol2 (vomma). */
  volga: number;
  /** d delta/dt per calendar year. */
  charm: number;
  /** d vega/dt per calendar year. */
  veta: number;
  /** d gamma/dS. */
  speed: number;
  /** d gamma/dvol. */
  zomma: number;
  /** d gamma/dt per calendar year. */
  color: number;
  /** d volga/dvol. */
  ultima: number;
  /** dV/dK. */
  dualDelta: number;
  /** d2V/dK2 (the discounted risk-neutral density of S_T at K). */
  dualGamma: number;
}

/** The standardised moneyness terms of the lognormal model. */
export interface D1D2 {
  d1: number;
  d2: number;
}
