/**
 * Raw SVI (Gatheral 2004) in total implied variance:
 *   w(k) = a + b * (rho * (k - m) + sqrt((k - m)^2 + sigma^2)),   k = ln(K / F), w = volAnnual^2 * tYears.
 * `sigma` here is SVI's smoothing parameter (a log-moneyness width), not a volatility.
 */
export interface SviRawParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/** Total variance and its first two derivatives in k. */
export interface TotalVarianceDerivs {
  w: number;
  dw: number;
  d2w: number;
}

export function sviTotalVariance(p: SviRawParams, k: number): number {
  const y = k - p.m;
  return p.a + p.b * (p.rho * y + Math.sqrt(y * y + p.sigma * p.sigma));
}

export function sviDerivs(p: SviRawParams, k: number): TotalVarianceDerivs {
  const y = k - p.m;
  const s2 = p.sigma * p.sigma;
  const r = Math.sqrt(y * y + s2);
  return {
    w: p.a + p.b * (p.rho * y + r),
    dw: p.b * (p.rho + y / r),
    d2w: (p.b * s2) / (r * r * r),
  };
}

/**
 * Durrleman's condition: g(k) >= 0 for all k is equivalent to a non-negative risk-neutral density
 * (no butterfly arbitrage) for a slice with w > 0. g is the density divided by the Black-76
 * density factor, so it is scale-free and comparable across expiries.
 */
export function durrlemanG(k: number, d: TotalVarianceDerivs): number {
  const { w, dw, d2w } = d;
  if (!(w > 0)) return -Infinity;
  const t = 1 - (k * dw) / (2 * w);
  return t * t - ((dw * dw) / 4) * (1 / w + 0.25) + d2w / 2;
}

export function sviG(p: SviRawParams, k: number): number {
  return durrlemanG(k, sviDerivs(p, k));
}

/** Minimum of w over k (attained at k* = m - rho*sigma/sqrt(1-rho^2)): a + b*sigma*sqrt(1-rho^2). */
export function sviMinTotalVariance(p: SviRawParams): number {
  return p.a + p.b * p.sigma * Math.sqrt(Math.max(0, 1 - p.rho * p.rho));
}

/**
 * Basic validity of raw SVI: b >= 0, |rho| < 1, sigma > 0 and w >= 0 everywhere. Returns the first
 * broken condition, or undefined when the parameters are admissible.
 */
export function sviParamsProblem(p: SviRawParams): string | undefined {
  for (const [name, v] of Object.entries(p)) {
    if (!Number.isFinite(v)) return `${name} is not finite`;
  }
  if (p.b < 0) return 'b must be >= 0';
  if (!(Math.abs(p.rho) < 1)) return '|rho| must be < 1';
  if (!(p.sigma > 0)) return 'sigma must be > 0';
  if (sviMinTotalVariance(p) < 0)
    return 'total variance becomes negative (a + b*sigma*sqrt(1-rho^2) < 0)';
  return undefined;
}
