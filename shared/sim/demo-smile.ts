/**
 * Implied vols the demo desk quotes: an SSVI surface (Gatheral-Jacquier 2014) whose ATM total
 * variance follows the expected average Heston variance from today's instantaneous variance.
 * SSVI with eta*(1+|rho|) <= 2 and gamma <= 1/2 is free of static arbitrage, so the chains the
 * surface fitter sees are clean apart from the bid/ask noise.
 */
import type { DemoUnderlying } from './demo-universe';
import { SMILE_PARAMS } from './demo-universe';

/** Expected average variance over [0, T] when variance mean-reverts from v0 to vBar at speed kappa. */
export function termVariance(v0: number, vBar: number, kappa: number, tYears: number): number {
  const x = kappa * tYears;
  if (x < 1e-8) return v0;
  return vBar + ((v0 - vBar) * (1 - Math.exp(-x))) / x;
}

/** SSVI total variance at log-moneyness k = ln(K/F) for ATM total variance thetaT. */
export function ssviTotalVariance(
  k: number,
  thetaT: number,
  rho: number,
  eta: number,
  gamma: number,
): number {
  const phi = eta / Math.pow(thetaT, gamma);
  const a = phi * k + rho;
  return (thetaT / 2) * (1 + rho * phi * k + Math.sqrt(a * a + 1 - rho * rho));
}

export interface SmileInputs {
  underlying: DemoUnderlying;
  instantVar: number;
  longRunVar: number;
  kappa: number;
}

/** Implied vol (decimal) for strike K, forward F and T in years. */
export function demoImpliedVol(
  s: SmileInputs,
  strike: number,
  forward: number,
  tYears: number,
): number {
  const t = Math.max(tYears, 1 / (365 * 24));
  const thetaT = termVariance(s.instantVar, s.longRunVar, s.kappa, t) * t;
  const p = SMILE_PARAMS[s.underlying];
  const w = ssviTotalVariance(Math.log(strike / forward), thetaT, p.rho, p.eta, p.gamma);
  return Math.sqrt(w / t);
}
