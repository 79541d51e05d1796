/**
 * Delta-gamma-vega approximation of each underlying's option P&L, a LABELLED approximation (it is
 * never called full revaluation): F_u(x, v) ~ D_u x + G_u x^2 / 2 + V_u v in the factor
 * coordinates of Monte Carlo (x = log spot move, v = log vol multiplier), with the linear rows
 * still exact (linearUsd (e^x - 1)). The coefficients are central finite differences of the
 * full revaluation, so they include American rows and coin-settled rows exactly as priced.
 * In dollar terms D = S dV/dS (dollar delta), G = S dV/dS + S^2 d2V/dS2, V = vol dV/dvol.
 */
import { underlyingPnlExact, type RevalBook, type UnderlyingMove } from './reval-rows';

export interface TaylorCoefficients {
  linearUsd: Float64Array;
  /** dF/dx per underlying (USD per unit log move). */
  deltaX: Float64Array;
  /** d2F/dx2. */
  gammaXX: Float64Array;
  /** dF/dv (USD per unit log vol move). */
  vegaV: Float64Array;
}

const HX = 0.005;
const HV = 0.01;

export function taylorCoefficients(
  book: RevalBook,
  base: Omit<UnderlyingMove, 'x' | 'volMultiplier'> = { volAddAbs: 0, rateShift: 0, dtYears: 0 },
): TaylorCoefficients {
  const nU = book.underlyings.length;
  // Options only: zero the linear exposure in a shallow copy of the book.
  const optionsOnly: RevalBook = { ...book, linearUsd: new Float64Array(nU) };
  const f = (u: number, x: number, v: number) =>
    underlyingPnlExact(optionsOnly, u, { ...base, x, volMultiplier: Math.exp(v) });
  const c: TaylorCoefficients = {
    linearUsd: Float64Array.from(book.linearUsd),
    deltaX: new Float64Array(nU),
    gammaXX: new Float64Array(nU),
    vegaV: new Float64Array(nU),
  };
  for (let u = 0; u < nU; u++) {
    const f0 = f(u, 0, 0);
    const fp = f(u, HX, 0);
    const fm = f(u, -HX, 0);
    c.deltaX[u] = (fp - fm) / (2 * HX);
    c.gammaXX[u] = (fp - 2 * f0 + fm) / (HX * HX);
    c.vegaV[u] = (f(u, 0, HV) - f(u, 0, -HV)) / (2 * HV);
  }
  return c;
}

export function taylorUnderlyingPnl(
  c: TaylorCoefficients,
  u: number,
  x: number,
  v: number,
): number {
  return (
    (c.linearUsd[u] as number) * Math.expm1(x) +
    (c.deltaX[u] as number) * x +
    0.5 * (c.gammaXX[u] as number) * x * x +
    (c.vegaV[u] as number) * v
  );
}
