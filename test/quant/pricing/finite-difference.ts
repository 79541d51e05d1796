/**
 * Central finite differences for checking closed-form Greeks, with a tolerance that follows
 * from the error analysis of the scheme rather than from trial and error:
 *
 *   fd = (X(y + h) - X(y - h)) / (2h)
 *   |fd - X'(y)| <= (h^2 / 6) |X'''| + eps_X / h
 *
 * With h = REL_STEP * L, L the length over which X varies (S vol sqrt(T) for spot and strike,
 * vol for vol, T for time, 1 for rates), the truncation term is ~ REL_STEP^2 / 6 * P(d) times
 * the size of X' (P a low-degree polynomial in d1, d2; |d| <= 8 in the tests), i.e. <= ~1e-7
 * for REL_STEP = 1e-5; TRUNCATION_TOL = 1e-6 leaves a margin of 10. The rounding term uses the
 * size of the terms X is computed from (its condition), to which X is accurate to a few ulp:
 * ROUNDING_ULPS * eps * scale(X) / h. A wrong sign, factor or missing term is an O(1) error and
 * fails by many orders of magnitude.
 */
export const REL_STEP = 1e-5;
export const TRUNCATION_TOL = 1e-6;
export const ROUNDING_ULPS = 64;

export function centralDiff(f: (y: number) => number, y: number, h: number): number {
  return (f(y + h) - f(y - h)) / (2 * h);
}

/** Allowed |fd - analytic| for an analytic derivative of size `scaleDeriv`. */
export function fdTolerance(scaleDeriv: number, scaleX: number, h: number): number {
  return TRUNCATION_TOL * scaleDeriv + (ROUNDING_ULPS * Number.EPSILON * scaleX) / h;
}
