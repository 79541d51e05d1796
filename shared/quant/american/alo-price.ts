/**
 * The price of the unit-strike American put from a solved ALO boundary (alo-engine.ts):
 *   P(s0) = p_European(s0) + int_0^T [r e^{-r(T-u)} Phi(-d-(T-u, s0/B(u))) - q s0 e^{-q(T-u)} Phi(-d+(..))] du,
 * with u = T sin^2(theta) and Gauss-Legendre in theta (smooth at both ends, see alo-scheme.ts).
 *
 * Everything that does not depend on the spot (the boundary at the abscissae, e^{-r(T-u)},
 * e^{-q(T-u)}, 1/(v sqrt(T-u)), the weights) is tabulated once per boundary by buildPriceTables;
 * a spot then costs one logarithm and, per abscissa and for the European part, one table
 * exponential and two Mills ratios. Both legs share one Gaussian factor, as in
 * pricing/lognormal-core.ts: G = s0 e^{-q s} phi(d+) = B e^{-r s} phi(d-) exactly, so
 *   e^{-r s} Phi(-d-) = (G / B) m(d-)          (d- > 0; else e^{-r s} - (G / B) m(-d-)),
 *   s0 e^{-q s} Phi(-d+) = G m(d+)             (d+ > 0; else s0 e^{-q s} - G m(-d+)),
 * with m the Mills ratio N(-t)/phi(t) (pricing/batch-math.ts, a few ulp).
 */
import type { AloScheme } from './alo-scheme';
import { fastExp, fastMills } from '../pricing/batch-math';

const INV_SQRT_2PI = 0.3989422804014327;
/** Entries per price abscissa in AloPriceTables.priceTable. */
const STRIDE = 8;

export interface AloPriceTables {
  /**
   * Per price abscissa k, at offset STRIDE k: 1/(v sqrt s), the spot-free part of d+
   * ((r-q) s/(v sqrt s) + v sqrt(s)/2 - ln B / (v sqrt s)), v sqrt s, e^{-q s}, e^{-r s}, 1/B,
   * and the weights of the r- and q-legs (s = T - u, B = B(u)).
   */
  readonly priceTable: Float64Array;
  /** B(T) per unit strike: at or below it the put is exercised now. */
  readonly exerciseBelow: number;
  /** 1/(v sqrt T), the spot-free part of d+ of the European put, v sqrt T, e^{-qT}, e^{-rT}. */
  readonly euroInvSd: number;
  readonly euroOffset: number;
  readonly euroSd: number;
  readonly euroDiscQ: number;
  readonly euroDiscR: number;
}

/** e^x: the table exponential inside its range, Math.exp outside (0 or Infinity). */
function exp(x: number): number {
  return x >= -745 && x <= 709 ? fastExp(x) : Math.exp(x);
}

export function buildPriceTables(
  scheme: AloScheme,
  tYears: number,
  r: number,
  q: number,
  vol: number,
  logX: number,
  nodeH: Float64Array,
): AloPriceTables {
  const { chebyshevNodes: n, priceOrder: p, priceSin, priceCos, priceWeight, priceInterp } = scheme;
  const t = tYears;
  const sv = vol * Math.sqrt(t);
  const priceTable = new Float64Array(p * STRIDE);
  for (let k = 0; k < p; k++) {
    let hu = 0;
    const row = k * n;
    for (let i = 0; i < n; i++) hu += (priceInterp[row + i] as number) * (nodeH[i] as number);
    const logB = logX - (hu > 0 ? Math.sqrt(hu) : 0);
    const sinT = priceSin[k] as number;
    const cosT = priceCos[k] as number;
    const s = t * cosT * cosT;
    const vs = sv * cosT;
    const weight = (priceWeight[k] as number) * 2 * t * sinT * cosT;
    const c = k * STRIDE;
    priceTable[c] = 1 / vs;
    priceTable[c + 1] = ((r - q) * s - logB) / vs + 0.5 * vs;
    priceTable[c + 2] = vs;
    priceTable[c + 3] = exp(-q * s);
    priceTable[c + 4] = exp(-r * s);
    // Capped: a boundary ~e^-700 below the strike only meets spots whose Gaussian factor is 0.
    priceTable[c + 5] = Math.min(exp(-logB), 1e300);
    priceTable[c + 6] = weight * r;
    priceTable[c + 7] = weight * q;
  }
  return {
    priceTable,
    exerciseBelow: Math.exp(logX - Math.sqrt(nodeH[0] as number)),
    euroInvSd: 1 / sv,
    euroOffset: ((r - q) * t) / sv + 0.5 * sv,
    euroSd: sv,
    euroDiscQ: Math.exp(-q * t),
    euroDiscR: Math.exp(-r * t),
  };
}

/**
 * w_r e^{-r s} Phi(-d-) - w_q s0 e^{-q s} Phi(-d+) for d+ = dp, d- = dp - sd, given
 * e^{-q s}, e^{-r s} and 1/B; the European put is the case w_r = w_q = 1, B = 1.
 */
function legs(
  s0: number,
  dp: number,
  sd: number,
  discQ: number,
  discR: number,
  invB: number,
  wR: number,
  wQ: number,
): number {
  const dm = dp - sd;
  const half = 0.5 * dp * dp;
  const g = s0 * discQ * INV_SQRT_2PI * fastExp(half < 745 ? -half : -745);
  const tailR = g * invB * fastMills(Math.abs(dm));
  const tailQ = g * fastMills(Math.abs(dp));
  const legR = dm > 0 ? tailR : discR - tailR;
  const legQ = dp > 0 ? tailQ : s0 * discQ - tailQ;
  return wR * legR - wQ * legQ;
}

/** American put per unit strike at spot/strike = `moneyness`, from the tables of a boundary. */
export function aloPutPrice(tables: AloPriceTables, moneyness: number): number {
  const s0 = moneyness;
  if (s0 <= tables.exerciseBelow) return 1 - s0;
  const logS = Math.log(s0);
  const { priceTable: tab, euroInvSd, euroSd, euroDiscQ, euroDiscR } = tables;
  const european = legs(
    s0,
    logS * euroInvSd + tables.euroOffset,
    euroSd,
    euroDiscQ,
    euroDiscR,
    1,
    1,
    1,
  );
  let premium = 0;
  for (let c = 0; c < tab.length; c += STRIDE) {
    premium += legs(
      s0,
      logS * (tab[c] as number) + (tab[c + 1] as number),
      tab[c + 2] as number,
      tab[c + 3] as number,
      tab[c + 4] as number,
      tab[c + 5] as number,
      tab[c + 6] as number,
      tab[c + 7] as number,
    );
  }
  return Math.max(european + premium, european, 1 - s0);
}
