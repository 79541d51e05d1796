/**
 * Black-Scholes-Merton European options on a spot with continuous carry yield q:
 * V = s [S e^{-qT} N(s d1) - K e^{-rT} N(s d2)], s = +1 call / -1 put,
 * d1 = (ln(S/K) + (r - q + vol^2/2) T) / (vol sqrt T), d2 = d1 - vol sqrt T.
 * Greeks are with respect to spot; units and the sign of time Greeks are in types.ts, the
 * accepted inputs and the T = 0 / vol = 0 limits in validate.ts.
 */
import {
  deterministicGreeks,
  expiredGreeks,
  lognormalD1,
  lognormalGreeks,
  lognormalPrice,
} from './lognormal-core';
import type { BsmInput, D1D2, Greeks } from './types';
import {
  EXPIRY_T_YEARS,
  MIN_TOTAL_STD,
  PricingInputError,
  pricingRegime,
  validateBsmInput,
} from './validate';

function sign(input: BsmInput): number {
  return input.type === 'call' ? 1 : -1;
}

/** Option value in the currency of spot and strike, per unit of underlying. */
export function bsmPrice(input: BsmInput): number {
  validateBsmInput(input);
  const { spot: S, strike: K, tYears: T, rate: r, carryYield: q, volAnnual: v } = input;
  const sg = sign(input);
  switch (pricingRegime(T, v)) {
    case 'expired':
      return Math.max(sg * (S - K), 0);
    case 'deterministic':
      return Math.max(sg * (S * Math.exp(-q * T) - K * Math.exp(-r * T)), 0);
    case 'lognormal':
      return lognormalPrice(sg, S, K, T, r, q, v);
  }
}

/** Price and every Greek to third order, in closed form. */
export function bsmGreeks(input: BsmInput): Greeks {
  validateBsmInput(input);
  const { spot: S, strike: K, tYears: T, rate: r, carryYield: q, volAnnual: v } = input;
  const sg = sign(input);
  switch (pricingRegime(T, v)) {
    case 'expired':
      return expiredGreeks(sg, S, K);
    case 'deterministic':
      return deterministicGreeks(sg, S, K, T, r, q, v);
    case 'lognormal':
      return lognormalGreeks(sg, S, K, T, r, q, v);
  }
}

/**
 * d1 and d2. Throws PricingInputError where they are not finite numbers (expired or zero
 * total volatility), since they are then +-Infinity or undefined.
 */
export function bsmD1D2(input: BsmInput): D1D2 {
  validateBsmInput(input);
  const { spot: S, strike: K, tYears: T, rate: r, carryYield: q, volAnnual: v } = input;
  const regime = pricingRegime(T, v);
  if (regime === 'expired') {
    throw new PricingInputError(
      `bsm: d1/d2 are undefined at expiry (tYears < ${EXPIRY_T_YEARS})`,
      'tYears',
      T,
    );
  }
  if (regime === 'deterministic') {
    throw new PricingInputError(
      `bsm: d1/d2 are infinite when volAnnual * sqrt(tYears) < ${MIN_TOTAL_STD}`,
      'volAnnual',
      v,
    );
  }
  const d1 = lognormalD1(S, K, T, r, q, v);
  return { d1, d2: d1 - v * Math.sqrt(T) };
}
