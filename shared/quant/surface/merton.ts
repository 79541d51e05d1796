import { black76Price } from '../pricing/black76';
import type { OptionType } from './chain';
import type { Complex } from './complex';

/**
 * Merton (1976) jump-diffusion on the forward: diffusion vol sigma plus Poisson jumps (intensity
 * lambda per year) with normal log-sizes N(muJump, sigmaJump^2), compensated so F is a martingale.
 */
export interface MertonParams {
  volAnnual: number;
  /** Expected jumps per year. */
  lambda: number;
  /** Mean log jump size. */
  muJump: number;
  /** Standard deviation of the log jump size. */
  sigmaJump: number;
}

export interface MertonOptionInput {
  type: OptionType;
  forward: number;
  strike: number;
  tYears: number;
  /** Default 1: undiscounted (forward) premium. */
  discountFactor?: number;
}

/** Safety cap on the number of jump terms (the tail test stops far earlier for any sane lambda T). */
const MAX_TERMS = 2000;

/**
 * Merton's price as a Poisson mixture of Black-76 prices: with n jumps the log-forward has
 * variance sigma^2 T + n sigmaJump^2 and mean shifted by n (muJump + sigmaJump^2/2) - lambda mBar T,
 * mBar = E[e^J] - 1. Summed until the remaining Poisson mass is below 1e-17.
 */
export function mertonPrice(input: MertonOptionInput, p: MertonParams): number {
  const { type, forward, strike, tYears } = input;
  const df = input.discountFactor ?? 1;
  const mBar = Math.exp(p.muJump + (p.sigmaJump * p.sigmaJump) / 2) - 1;
  const lt = p.lambda * tYears;
  if (!(lt > 0)) {
    return (
      df *
      black76Price({
        type,
        forward,
        strike,
        tYears,
        rate: 0,
        volAnnual: p.volAnnual,
        discounted: false,
      })
    );
  }
  let weight = Math.exp(-lt);
  let sum = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    if (n > 0) weight *= lt / n;
    const volN = Math.sqrt(p.volAnnual * p.volAnnual + (n * p.sigmaJump * p.sigmaJump) / tYears);
    const fwdN =
      forward *
      Math.exp(-p.lambda * mBar * tYears + n * (p.muJump + (p.sigmaJump * p.sigmaJump) / 2));
    sum +=
      weight *
      black76Price({
        type,
        forward: fwdN,
        strike,
        tYears,
        rate: 0,
        volAnnual: volN,
        discounted: false,
      });
    // Beyond the mode the Poisson tail after n is below weight * r / (1 - r), r = lt / (n + 1).
    const r = lt / (n + 1);
    if (r < 0.5 && (weight * r) / (1 - r) < 1e-17) break;
  }
  return df * sum;
}

/** ln E[exp(i u X)], X = ln(F_T / F_0), for real u (used by the COS cross-check). */
export function mertonLogCf(u: number, tYears: number, p: MertonParams): Complex {
  const s2 = p.volAnnual * p.volAnnual;
  const mBar = Math.exp(p.muJump + (p.sigmaJump * p.sigmaJump) / 2) - 1;
  const drift = -s2 / 2 - p.lambda * mBar;
  // lambda T (E[e^{iuJ}] - 1) with E[e^{iuJ}] = exp(i u mu - u^2 sigmaJ^2 / 2).
  const jm = Math.exp((-u * u * p.sigmaJump * p.sigmaJump) / 2);
  return {
    re: tYears * ((-s2 * u * u) / 2 + p.lambda * (jm * Math.cos(u * p.muJump) - 1)),
    im: tYears * (drift * u + p.lambda * jm * Math.sin(u * p.muJump)),
  };
}
