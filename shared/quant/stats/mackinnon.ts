/**
 * Critical values and approximate p-values for Dickey-Fuller tau statistics (ADF, N = 1) and
 * Engle-Granger residual-based cointegration tests (N = 2 variables in the cointegrating
 * regression), from MacKinnon's response surfaces:
 *
 * - Critical values: J. G. MacKinnon (2010), "Critical Values for Cointegration Tests", Queen's
 *   Economics Department Working Paper 1227, Table 2: C(p, T) = b_inf + b1/T + b2/T^2 + b3/T^3
 *   (T = number of observations in the test regression). The no-constant ADF row ('n', N = 1) is
 *   the one distributed with these tables by statsmodels (`adfvalues.py`), which attributes it to
 *   MacKinnon (1996); it is used only by `adfTest(..., { trend: 'n' })`.
 * - p-values: J. G. MacKinnon (1994), "Approximate Asymptotic Distribution Functions for Unit-Root
 *   and Cointegration Tests", J. Business & Economic Statistics 12(2), 167-176, Tables 3 and 4:
 *   p = Phi(g0 + g1 tau + g2 tau^2 [+ g3 tau^3]), the quadratic left-tail fit for tau <= tau*,
 *   the cubic fit above; p = 0 below tau_min and 1 above tau_max. These are asymptotic p-values.
 *
 * Only N = 1 and N = 2 are tabulated here (the ADF test and bivariate Engle-Granger).
 */
import { normCdf } from '../math/normal';

/** Deterministic terms in the test regression: none, constant, constant + linear trend. */
export type DickeyFullerTrend = 'n' | 'c' | 'ct';

export interface CriticalValues {
  '1%': number;
  '5%': number;
  '10%': number;
}

type Surface = readonly [number, number, number, number];

/** [trend][N - 1] = [1%, 5%, 10%] response surfaces. */
const CRITICAL_SURFACES: Record<
  DickeyFullerTrend,
  readonly (readonly [Surface, Surface, Surface])[]
> = {
  n: [
    [
      [-2.56574, -2.2358, -3.627, 0],
      [-1.941, -0.2686, -3.365, 31.223],
      [-1.61682, 0.2656, -2.714, 25.364],
    ],
  ],
  c: [
    [
      [-3.43035, -6.5393, -16.786, -79.433],
      [-2.86154, -2.8903, -4.234, -40.04],
      [-2.56677, -1.5384, -2.809, 0],
    ],
    [
      [-3.89644, -10.9519, -33.527, 0],
      [-3.33613, -6.1101, -6.823, 0],
      [-3.04445, -4.2412, -2.72, 0],
    ],
  ],
  ct: [
    [
      [-3.95877, -9.0531, -28.428, -134.155],
      [-3.41049, -4.3904, -9.036, -45.374],
      [-3.12705, -2.5856, -3.925, -22.38],
    ],
    [
      [-4.32762, -15.4387, -35.679, 0],
      [-3.78057, -9.5106, -12.074, 0],
      [-3.49631, -7.0815, -7.538, 21.892],
    ],
  ],
};

interface PValueSurface {
  tauStar: number;
  tauMin: number;
  tauMax: number;
  /** g0, g1, g2 of the left-tail (small p) fit. */
  small: readonly [number, number, number];
  /** g0..g3 of the fit above tau*. */
  large: readonly [number, number, number, number];
}

const P_VALUE_SURFACES: Record<DickeyFullerTrend, readonly PValueSurface[]> = {
  n: [
    {
      tauStar: -1.04,
      tauMin: -19.04,
      tauMax: Infinity,
      small: [0.6344, 1.2378, 0.032496],
      large: [0.4797, 0.93557, -0.06999, 0.033066],
    },
    {
      tauStar: -1.53,
      tauMin: -19.62,
      tauMax: 1.51,
      small: [1.9129, 1.3857, 0.035322],
      large: [1.5578, 0.8558, -0.2083, -0.033549],
    },
  ],
  c: [
    {
      tauStar: -1.61,
      tauMin: -18.83,
      tauMax: 2.74,
      small: [2.1659, 1.4412, 0.038269],
      large: [1.7339, 0.93202, -0.12745, -0.010368],
    },
    {
      tauStar: -2.62,
      tauMin: -18.86,
      tauMax: 0.92,
      small: [2.92, 1.5012, 0.039796],
      large: [2.1945, 0.64695, -0.29198, -0.042377],
    },
  ],
  ct: [
    {
      tauStar: -2.89,
      tauMin: -16.18,
      tauMax: 0.7,
      small: [3.2512, 1.6047, 0.049588],
      large: [2.5261, 0.61654, -0.37956, -0.060285],
    },
    {
      tauStar: -3.19,
      tauMin: -21.15,
      tauMax: 0.63,
      small: [3.6646, 1.5419, 0.036448],
      large: [2.85, 0.5272, -0.36622, -0.051695],
    },
  ],
};

function surfaceFor<T>(
  table: Record<DickeyFullerTrend, readonly T[]>,
  trend: DickeyFullerTrend,
  nVariables: number,
): T {
  const row = table[trend][nVariables - 1];
  if (row === undefined) {
    throw new RangeError(
      `MacKinnon tables here cover N = 1..${table[trend].length} for trend '${trend}', got N = ${nVariables}`,
    );
  }
  return row;
}

/**
 * Critical values of the tau statistic for a test regression with `nObs` observations
 * (Infinity gives the asymptotic values). nVariables = 1 for ADF, 2 for bivariate Engle-Granger.
 */
export function mackinnonCriticalValues(
  trend: DickeyFullerTrend,
  nVariables: number,
  nObs: number,
): CriticalValues {
  if (!(nObs > 0)) throw new RangeError(`mackinnonCriticalValues: nObs must be > 0, got ${nObs}`);
  const [s1, s5, s10] = surfaceFor(CRITICAL_SURFACES, trend, nVariables);
  const at = ([b0, b1, b2, b3]: Surface): number => {
    const inv = 1 / nObs;
    return b0 + inv * (b1 + inv * (b2 + inv * b3));
  };
  return { '1%': at(s1), '5%': at(s5), '10%': at(s10) };
}

/** Approximate asymptotic p-value of a tau statistic (left-tailed test: small tau rejects). */
export function mackinnonPValue(tau: number, trend: DickeyFullerTrend, nVariables: number): number {
  if (Number.isNaN(tau)) throw new RangeError('mackinnonPValue: statistic is NaN');
  const s = surfaceFor(P_VALUE_SURFACES, trend, nVariables);
  if (tau > s.tauMax) return 1;
  if (tau < s.tauMin) return 0;
  if (tau <= s.tauStar) {
    const [g0, g1, g2] = s.small;
    return normCdf(g0 + tau * (g1 + tau * g2));
  }
  const [g0, g1, g2, g3] = s.large;
  return normCdf(g0 + tau * (g1 + tau * (g2 + tau * g3)));
}
