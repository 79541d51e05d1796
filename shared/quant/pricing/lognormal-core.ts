/**
 * Generalised (cost-of-carry) lognormal European option: price and all Greeks to third order in
 * closed form, for already validated inputs in the lognormal regime (see validate.ts).
 * BSM is this core as is; Black-76 is the core with S = F and q = r (discounted) or r = q = 0.
 *
 * Accuracy: the two legs S e^{-qT} N(s d1) and K e^{-rT} N(s d2) are never formed from two
 * independent tail probabilities. Both are written as P * m(|d|) with ONE Gaussian factor
 * P = S e^{-qT} phi(d1) (= K e^{-rT} phi(d2) exactly in real arithmetic) and the Mills ratio
 * m(t) = N(-t) / phi(t) = sqrt(pi/2) erfcx(t / sqrt2), which is smooth and relatively accurate to
 * a few ulp. Forming phi(d1) and phi(d2) separately would let the rounding of d2 = d1 - a
 * (~|d| ulp) be amplified by |d| through the exponent and then again by the cancellation of the
 * legs (~|d| / a): ~1e-9 relative error for a 1-day option 36 standard deviations out of the
 * money. With the shared factor the out-of-the-money price P (m(t1) - m(t2)) keeps ~1e-13.
 */
import { erfcx, normPdf } from '../math/normal';
import type { Greeks } from './types';

const SQRT_HALF_PI = 1.2533141373155003;
const INV_SQRT_2PI = 0.3989422804014327;

/** Mills ratio m(t) = N(-t) / phi(t) for t >= 0. */
export function millsRatio(t: number): number {
  return SQRT_HALF_PI * erfcx(t * Math.SQRT1_2);
}

/** d1 and d2 of the cost-of-carry model, b = r - q. */
export function lognormalD1(
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  v: number,
): number {
  const a = v * Math.sqrt(T);
  return (Math.log(S / K) + (r - q) * T) / a + 0.5 * a;
}

/** Price only (sg = +1 call, -1 put). */
export function lognormalPrice(
  sg: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  v: number,
): number {
  const a = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q) * T) / a + 0.5 * a;
  const d2 = d1 - a;
  const fS = S * Math.exp(-q * T);
  const fK = K * Math.exp(-r * T);
  const sPdf = fS * normPdf(d1);
  const tailS = sPdf * millsRatio(Math.abs(d1));
  const tailK = sPdf * millsRatio(Math.abs(d2));
  const legS = sg * d1 <= 0 ? tailS : fS - tailS;
  const legK = sg * d2 <= 0 ? tailK : fK - tailK;
  return Math.max(sg * (legS - legK), 0);
}

/** All Greeks (sg = +1 call, -1 put); time Greeks are d/dt = -d/dT per year. */
export function lognormalGreeks(
  sg: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  v: number,
): Greeks {
  const sqrtT = Math.sqrt(T);
  const a = v * sqrtT;
  const b = r - q;
  const d1 = (Math.log(S / K) + b * T) / a + 0.5 * a;
  const d2 = d1 - a;
  const dfQ = Math.exp(-q * T);
  const dfR = Math.exp(-r * T);
  const fS = S * dfQ;
  const fK = K * dfR;
  const pdf1 = normPdf(d1);
  const sPdf = fS * pdf1;
  const m1 = millsRatio(Math.abs(d1));
  const m2 = millsRatio(Math.abs(d2));
  const cdfS = sg * d1 <= 0 ? pdf1 * m1 : 1 - pdf1 * m1; // N(sg d1)
  const legS = sg * d1 <= 0 ? sPdf * m1 : fS - sPdf * m1; // S e^{-qT} N(sg d1)
  const legK = sg * d2 <= 0 ? sPdf * m2 : fK - sPdf * m2; // K e^{-rT} N(sg d2)

  const gamma = sPdf / (S * S * a);
  const vega = sPdf * sqrtT;
  const d1d2 = d1 * d2;
  // d(d1)/dT = (2bT - d2 a) / (2 T a); charm and veta/color are built from it.
  const dd1dT = (2 * b * T - d2 * a) / (2 * T * a);
  return {
    price: Math.max(sg * (legS - legK), 0),
    delta: sg * dfQ * cdfS,
    gamma,
    vega,
    theta: (-0.5 * sPdf * v) / sqrtT + sg * (q * legS - r * legK),
    rho: sg * T * legK,
    phi: -sg * T * legS,
    vanna: (-sPdf * d2) / (S * v),
    volga: (vega * d1d2) / v,
    charm: sg * q * dfQ * cdfS - dfQ * pdf1 * dd1dT,
    veta: vega * (q + (b * d1) / a - (1 + d1d2) / (2 * T)),
    speed: (-gamma / S) * (d1 / a + 1),
    zomma: (gamma * (d1d2 - 1)) / v,
    color: gamma * (q + (b * d1) / a + (1 - d1d2) / (2 * T)),
    ultima: (-vega / (v * v)) * (d1d2 * (1 - d1d2) + d1 * d1 + d2 * d2),
    dualDelta: (-sg * legK) / K,
    dualGamma: sPdf / (K * K * a),
  };
}

/** Greeks of the limit regimes; `+ 0` turns the -0 of sign * 0 into 0. */
function greeksOf(
  price: number,
  delta: number,
  vega: number,
  theta: number,
  rho: number,
  phi: number,
  charm: number,
  dualDelta: number,
): Greeks {
  return {
    price: price + 0,
    delta: delta + 0,
    gamma: 0,
    vega: vega + 0,
    theta: theta + 0,
    rho: rho + 0,
    phi: phi + 0,
    vanna: 0,
    volga: 0,
    charm: charm + 0,
    veta: 0,
    speed: 0,
    zomma: 0,
    color: 0,
    ultima: 0,
    dualDelta: dualDelta + 0,
    dualGamma: 0,
  };
}

/** Expiring now: intrinsic value; delta 1/0 in/out of the money, 0.5 at the money. */
export function expiredGreeks(sg: number, S: number, K: number): Greeks {
  const intrinsic = sg * (S - K);
  const w = intrinsic > 0 ? 1 : intrinsic === 0 ? 0.5 : 0;
  return greeksOf(Math.max(intrinsic, 0), sg * w, 0, 0, 0, 0, 0, -sg * w);
}

/**
 * vol * sqrt(T) below MIN_TOTAL_STD: the forward is reached with certainty. Derivatives of
 * sg * max(sg (S e^{-qT} - K e^{-rT}), 0), half-weighted exactly at the forward; vega is the
 * vol -> 0 limit S e^{-qT} sqrt(T) phi(d1), non-zero only within a few 1e-10 of the forward.
 */
export function deterministicGreeks(
  sg: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  v: number,
): Greeks {
  const dfQ = Math.exp(-q * T);
  const dfR = Math.exp(-r * T);
  const fS = S * dfQ;
  const fK = K * dfR;
  const diff = sg * (fS - fK);
  const w = diff > 0 ? 1 : diff === 0 ? 0.5 : 0;
  const sqrtT = Math.sqrt(T);
  const a = v * sqrtT;
  const x = Math.log(fS / fK);
  const vega =
    x === 0 ? fS * sqrtT * INV_SQRT_2PI : a > 0 ? fS * sqrtT * normPdf(x / a + 0.5 * a) : 0;
  return greeksOf(
    Math.max(diff, 0),
    sg * w * dfQ,
    vega,
    sg * w * (q * fS - r * fK),
    sg * w * T * fK,
    -sg * w * T * fS,
    sg * w * q * dfQ,
    -sg * w * dfR,
  );
}
