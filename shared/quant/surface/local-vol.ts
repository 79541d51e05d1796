import { durrlemanG } from './svi-raw';
import type { VolSurface } from './surface';

/**
 * Dupire local volatility from an implied surface, in Gatheral's total-variance form
 * ("The Volatility Surface", 2006, eq. 1.10), with k the forward log-moneyness:
 *   sigma_loc^2(k, T) = (dw/dT) / g(k, T),
 *   g = (1 - k w'/(2w))^2 - (w'^2/4)(1/w + 1/4) + w''/2   (Durrleman's function).
 * It is the local vol of the forward (zero-rate) dynamics. Returns undefined where the surface
 * has arbitrage at that point (g <= 0 or dw/dT < 0) or no variance, rather than NaN.
 */
export function localVol(surface: VolSurface, k: number, tYears: number): number | undefined {
  const p = surface.point(k, tYears);
  if (!(p.w > 0) || !(p.dwdT >= 0)) return undefined;
  const g = durrlemanG(k, p);
  if (!(g > 0)) return undefined;
  return Math.sqrt(p.dwdT / g);
}

export function localVolAtStrike(
  surface: VolSurface,
  strike: number,
  tYears: number,
): number | undefined {
  if (!(strike > 0)) return undefined;
  return localVol(surface, Math.log(strike / surface.forward(tYears)), tYears);
}
