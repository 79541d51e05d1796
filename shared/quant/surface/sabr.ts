import { numericDerivs, type SliceMeta, type SmileSlice } from './smile-slice';

/**
 * SABR (Hagan, Kumar, Lesniewski & Woodward, "Managing smile risk", Wilmott 2002): the lognormal
 * (Black) implied-vol expansion, eq. (2.17a). beta is fixed by the user: 1 (lognormal backbone,
 * the usual choice for crypto) or e.g. 0.5.
 */
export interface SabrParams {
  alpha: number;
  beta: number;
  rho: number;
  nu: number;
}

/** Below this |z| the ratio z / x(z) uses its Taylor series (the formula is 0/0 at z = 0). */
const Z_SERIES = 1e-4;

/**
 * z / x(z) with x(z) = ln((sqrt(1 - 2 rho z + z^2) + z - rho) / (1 - rho)). Near z = 0 the series
 * 1 - rho z / 2 + (2 - 3 rho^2) z^2 / 12 + (5 rho - 6 rho^3) z^3 / 24 (error O(z^4)); for z < rho
 * the argument is rationalised so that sqrt(.) + z - rho does not cancel.
 */
export function zOverX(z: number, rho: number): number {
  if (Math.abs(z) < Z_SERIES) {
    return (
      1 -
      (rho * z) / 2 +
      ((2 - 3 * rho * rho) * z * z) / 12 +
      ((5 * rho - 6 * rho * rho * rho) * z * z * z) / 24
    );
  }
  const sq = Math.sqrt(1 - 2 * rho * z + z * z);
  const x =
    z - rho >= 0 ? Math.log((sq + z - rho) / (1 - rho)) : Math.log((1 + rho) / (sq - z + rho));
  return z / x;
}

/** Hagan's lognormal SABR implied vol (annual, decimal) for one strike. */
export function sabrImpliedVol(
  forward: number,
  strike: number,
  tYears: number,
  p: SabrParams,
): number {
  const { alpha, beta, rho, nu } = p;
  const omb = 1 - beta;
  const logFK = Math.log(forward / strike);
  const fkPow = Math.pow(forward * strike, omb / 2);
  const l2 = logFK * logFK;
  const denom = fkPow * (1 + ((omb * omb) / 24) * l2 + ((omb * omb * omb * omb) / 1920) * l2 * l2);
  const z = (nu / alpha) * fkPow * logFK;
  const ratio = nu === 0 ? 1 : zOverX(z, rho);
  const correction =
    1 +
    (((omb * omb) / 24) * ((alpha * alpha) / (fkPow * fkPow)) +
      (rho * beta * nu * alpha) / (4 * fkPow) +
      ((2 - 3 * rho * rho) / 24) * nu * nu) *
      tYears;
  return (alpha / denom) * ratio * correction;
}

/** Why SABR parameters are not admissible, or undefined when they are. */
export function sabrParamsProblem(p: SabrParams): string | undefined {
  for (const [name, v] of Object.entries(p))
    if (!Number.isFinite(v)) return `${name} is not finite`;
  if (!(p.alpha > 0)) return 'alpha must be > 0';
  if (!(p.beta >= 0 && p.beta <= 1)) return 'beta must be in [0, 1]';
  if (!(Math.abs(p.rho) < 1)) return '|rho| must be < 1';
  if (!(p.nu >= 0)) return 'nu must be >= 0';
  return undefined;
}

export function sabrSmile(meta: SliceMeta, p: SabrParams): SmileSlice {
  const { forward, tYears } = meta;
  const w = (k: number): number => {
    const v = sabrImpliedVol(forward, forward * Math.exp(k), tYears, p);
    // The expansion can turn negative for extreme inputs: show that as zero variance (and so
    // as a butterfly violation) rather than squaring it away.
    return v > 0 ? v * v * tYears : 0;
  };
  // Finite-difference step: a small fraction of the ATM standard deviation.
  const h = 1e-3 * Math.max(Math.sqrt(w(0)), 1e-3);
  return {
    expiry: meta.expiry,
    expiryMs: meta.expiryMs,
    tYears,
    forward,
    totalVariance: w,
    derivs: (k) => numericDerivs(w, k, h),
  };
}
