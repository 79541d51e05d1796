/**
 * Greeks of the accurate method where the ALO boundary applies (r > 0 for the equivalent put),
 * with fewer and cheaper boundary solves than bumping every input (9 full solves before):
 * - delta, gamma: central differences in spot on ONE boundary (it does not depend on spot);
 * - theta, rho, phi: central differences whose bumped boundaries are warm-started from the
 *   unbumped one (no QD+ start; two chord sweeps from a ~1e-5 perturbation converge to
 *   rounding, so small bumps are safe). theta bumps only the expiry at fixed escrowed spot S*
 *   (theta_G), then subtracts delta r PV(dividends), the drift of S* = S - PV when the valuation
 *   date moves at fixed S: the same derivative as moving expiry and dividend dates together.
 *   (The PDE theta, r V - (r-q) S delta - vol^2 S^2 gamma / 2, was tried and dropped: near the
 *   boundary the node-limited gamma is off by ~0.5 %, which costs ~3 % of theta.)
 * - vega: from time-scaling invariance. (T, t_i, r, q, vol) -> (lT, l t_i, r/l, q/l, vol/sqrt(l))
 *   leaves the model, the escrowed spot and the exercise right unchanged, so
 *     -T theta_G + delta r sum t_i D_i e^{-r t_i} - r rho - q phi - (vol/2) vega = 0.
 *   The ALO discretisation is in normalised time, so the identity holds for the computed price
 *   too; it is used for vol >= 2 % (below, the 2/vol factor would amplify errors: vol is bumped).
 * Total: 1 full solve and 6 warm ones: no QD+ start, and chord sweeps with the unbumped
 * solve's LU factors (no Jacobian to build), about half a full solve each.
 * Units as in american-types.ts: vega per 1.00 vol, rho and phi per 1.00, theta per year.
 */
import type { BsmInput } from '../pricing/types';
import {
  aloPutBoundary,
  createAloWorkspace,
  type AloPutBoundary,
  type AloWorkspace,
} from './alo-engine';
import { aloPutPrice } from './alo-price';
import type { AloScheme } from './alo-scheme';
import type { AmericanGreeks, CashDividend } from './american-types';
import { exerciseValue } from './american-limits';
import { dividendsPresentValue, escrowedSpot } from './escrowed-dividends';

const RATE_BUMP = 1e-5;
/**
 * Relative expiry bump of theta: small, because warm-started solves are converged to rounding
 * (no QD+ noise to step over) and the discrete solution is smooth in T.
 */
const TIME_BUMP = 1e-4;
/** Below this vol the scaling identity's 2/vol factor would amplify errors: bump vol instead. */
const MIN_VOL_FOR_IDENTITY = 0.02;

interface Solved {
  readonly boundary: AloPutBoundary;
  readonly sign: number;
  readonly strike: number;
}

/**
 * Boundary of the option with these inputs, or undefined outside the ALO regime (r_put <= 0).
 * With `warm`, a bump of the solve `warm` came from: its H as the start and the LU factors it
 * left in `workspace` for chord sweeps.
 */
function solveAt(
  base: BsmInput,
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
  scheme: AloScheme,
  workspace: AloWorkspace,
  warm?: Solved,
): Solved | undefined {
  const sign = base.type === 'call' ? 1 : -1;
  const rPut = sign > 0 ? carryYield : rate;
  const qPut = sign > 0 ? rate : carryYield;
  if (!(rPut > 0)) return undefined;
  const options =
    warm === undefined
      ? { workspace }
      : { workspace, warmStart: warm.boundary.nodeH, reuseFactors: true };
  const boundary = aloPutBoundary(tYears, rPut, qPut, volAnnual, scheme, options);
  return { boundary, sign, strike: base.strike };
}

function price(x: Solved, s: number): number {
  const raw =
    x.sign > 0
      ? s * aloPutPrice(x.boundary, x.strike / s)
      : x.strike * aloPutPrice(x.boundary, s / x.strike);
  return Math.max(raw, exerciseValue(x.sign, s, x.strike));
}

/** sum over dividends before expiry of t_i D_i e^{-r t_i} (the dividend-date part of the identity). */
function dividendDuration(
  dividends: readonly CashDividend[] | undefined,
  rate: number,
  tYears: number,
): number {
  let sum = 0;
  for (const d of dividends ?? []) {
    if (d.tYears > 0 && d.tYears <= tYears) sum += d.tYears * d.amount * Math.exp(-rate * d.tYears);
  }
  return sum;
}

/**
 * Greeks of an already validated input (`base` is its escrowed, dividend-free form, T > 0, in
 * the lognormal regime) with the ALO scheme fixed; undefined where ALO does not apply.
 */
export function aloGreeks(
  input: { readonly spot: number; readonly dividends?: readonly CashDividend[] },
  base: BsmInput,
  scheme: AloScheme,
): AmericanGreeks | undefined {
  const { tYears: t, rate: r, carryYield: q, volAnnual: vol, spot: s } = base;
  const ws = createAloWorkspace(scheme);
  const solve = (tt: number, rr: number, qq: number, vv: number, warm?: Solved) =>
    solveAt(base, tt, rr, qq, vv, scheme, ws, warm);
  const solved = solve(t, r, q, vol);
  if (solved === undefined) return undefined;
  const hS = s * Math.max(1e-5, 0.01 * vol * Math.sqrt(t));
  const p = price(solved, s);
  const up = price(solved, s + hS);
  const down = price(solved, s - hS);
  const delta = (up - down) / (2 * hS);
  const gamma = (up - 2 * p + down) / (hS * hS);
  // theta at fixed S*: only the expiry moves (the escrowed spot is an input of G).
  const hT = TIME_BUMP * t;
  const later = solve(t - hT, r, q, vol, solved);
  const earlier = solve(t + hT, r, q, vol, solved);
  if (later === undefined || earlier === undefined) return undefined;
  const thetaEscrowed = (price(later, s) - price(earlier, s)) / (2 * hT);
  const pv = dividendsPresentValue(input.dividends, r, t);
  const theta = thetaEscrowed - delta * r * pv;
  // Rate bumps move the escrowed spot too (the dividends' present value).
  const bumpedRate = (h: number): number | undefined => {
    const x = solve(t, r + h, q, vol, solved);
    if (x === undefined) return undefined;
    const spot = escrowedSpot(input.spot, input.dividends, r + h, t, 'american');
    return price(x, spot);
  };
  const bumpedYield = (h: number): number | undefined => {
    const x = solve(t, r, q + h, vol, solved);
    return x === undefined ? undefined : price(x, s);
  };
  const rUp = bumpedRate(RATE_BUMP);
  const rDown = bumpedRate(-RATE_BUMP);
  const qUp = bumpedYield(RATE_BUMP);
  const qDown = bumpedYield(-RATE_BUMP);
  if (rUp === undefined || rDown === undefined || qUp === undefined || qDown === undefined) {
    return undefined;
  }
  const rho = (rUp - rDown) / (2 * RATE_BUMP);
  const phi = (qUp - qDown) / (2 * RATE_BUMP);
  let vega: number;
  if (vol >= MIN_VOL_FOR_IDENTITY) {
    const durationTerm = delta * r * dividendDuration(input.dividends, r, t);
    vega = (2 / vol) * (-t * thetaEscrowed + durationTerm - r * rho - q * phi);
  } else {
    const hVol = Math.max(1e-5, 1e-3 * vol);
    const vUp = solve(t, r, q, vol + hVol, solved);
    const vDown = vol > hVol ? solve(t, r, q, vol - hVol, solved) : undefined;
    if (vUp === undefined) return undefined;
    vega =
      vDown === undefined
        ? (price(vUp, s) - p) / hVol
        : (price(vUp, s) - price(vDown, s)) / (2 * hVol);
  }
  return { price: p, delta, gamma, vega, theta, rho, phi };
}
