/**
 * Black-76: European options on a forward or futures price F,
 * B = s [F N(s d1) - K N(s d2)], d1 = (ln(F/K) + vol^2 T / 2) / (vol sqrt T), d2 = d1 - vol sqrt T,
 * V = e^{-rT} B when `discounted` (premium paid today on an option settling at T), V = B when not
 * (futures-style margining, or venues such as Deribit that quote undiscounted).
 *
 * Greeks are with respect to the forward and hold F fixed when t, r or vol move: the model is the
 * cost-of-carry core with S = F and q = r (discounted) or r = q = 0 (undiscounted). Hence
 * rho = -T V when discounted (only discounting depends on r) and 0 otherwise; phi is 0.
 */
import {
  deterministicGreeks,
  expiredGreeks,
  lognormalGreeks,
  lognormalPrice,
} from './lognormal-core';
import type { Black76Input, Greeks } from './types';
import { pricingRegime, validateBlack76Input } from './validate';

/** Option value in the currency of forward and strike, per unit of underlying. */
export function black76Price(input: Black76Input): number {
  validateBlack76Input(input);
  const { forward: F, strike: K, tYears: T, volAnnual: v } = input;
  const sg = input.type === 'call' ? 1 : -1;
  const r = input.discounted ? input.rate : 0;
  switch (pricingRegime(T, v)) {
    case 'expired':
      return Math.max(sg * (F - K), 0);
    case 'deterministic':
      return Math.exp(-r * T) * Math.max(sg * (F - K), 0);
    case 'lognormal':
      return lognormalPrice(sg, F, K, T, r, r, v);
  }
}

/** Price and every Greek to third order with respect to the forward. */
export function black76Greeks(input: Black76Input): Greeks {
  validateBlack76Input(input);
  const { forward: F, strike: K, tYears: T, volAnnual: v } = input;
  const sg = input.type === 'call' ? 1 : -1;
  const r = input.discounted ? input.rate : 0;
  let g: Greeks;
  switch (pricingRegime(T, v)) {
    case 'expired':
      g = expiredGreeks(sg, F, K);
      break;
    case 'deterministic':
      g = deterministicGreeks(sg, F, K, T, r, r, v);
      break;
    case 'lognormal':
      g = lognormalGreeks(sg, F, K, T, r, r, v);
      break;
  }
  // With q = r the core's rho and phi split one rate into two; Black-76 has a single rate that
  // only discounts, so dV/dr = rho + phi = -T V exactly, and there is no carry yield.
  g.rho = input.discounted ? -T * g.price : 0;
  g.phi = 0;
  return g;
}
