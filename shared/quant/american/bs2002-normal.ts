/**
 * The normal and bivariate normal probabilities of Bjerksund-Stensland 2002, specialised.
 *
 * Every bivariate term of BS2002 has correlation +-rho* with rho* = sqrt(t1 / T) = sqrt(phi),
 * phi = (sqrt5 - 1)/2 the fixed split of the two-step boundary (rho* = 0.7862). With rho fixed,
 * Genz's form of the upper orthant (math/bivariate-normal.ts, Sheppard's formula in
 * theta = asin(rho)),
 *   P(X > h, Y > k) = Phi(-h) Phi(-k) + 1/(2 pi) int_0^{asin rho} exp(-(h^2 + k^2 - 2hk sin t) / (2 cos^2 t)) dt,
 * has its Gauss-Legendre abscissae, 1/cos^2 and sin/cos^2 fixed too: a term is one exponential of
 * hk B_i - hs A_i, evaluated by the inlinable table exponential of pricing/batch-math.ts.
 *
 * Node count: measured against a 64-point rule over 2e5 random (h, k) in [-12, 12]^2, both signs of
 * rho, the absolute error of the integral is 2.7e-12 with 9 nodes, 2.0e-13 with 10, 1.6e-14 with
 * 11 and 1.2e-15 with 12 (it barely depends on |h|, |k| until the integrand vanishes). 12 nodes
 * keep BS2002 prices within ~1e-14 relative of the general 20-point Genz evaluation (see
 * test/quant/american/bs2002-fast.test.ts); fewer nodes saved ~8 % per price and cost digits.
 */
import { gaussLegendreRule } from '../math/gauss-legendre';
import { fastExp, fastMills } from '../pricing/batch-math';

/** t1 / T of BS2002 (the golden section). */
export const BS2002_T1_FRACTION = (Math.sqrt(5) - 1) / 2;

const NODES = 14;
const INV_SQRT_2PI = 0.3989422804014327;

interface FixedRhoRule {
  /** 1 / cos^2(theta_i). */
  readonly a: Float64Array;
  /** sin(theta_i) / cos^2(theta_i). */
  readonly b: Float64Array;
  /** Gauss-Legendre weights times asin(rho) / (4 pi). */
  readonly w: Float64Array;
}

function fixedRhoRule(rho: number, order: number): FixedRhoRule {
  const { nodes, weights } = gaussLegendreRule(order);
  const asr = Math.asin(rho);
  const a = new Float64Array(order);
  const b = new Float64Array(order);
  const w = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    const sn = Math.sin((asr * ((nodes[i] as number) + 1)) / 2);
    const c2 = (1 - sn) * (1 + sn);
    a[i] = 1 / c2;
    b[i] = sn / c2;
    w[i] = ((weights[i] as number) * asr) / (4 * Math.PI);
  }
  return { a, b, w };
}

const RULE = fixedRhoRule(Math.sqrt(BS2002_T1_FRACTION), NODES);
const RULE_A = RULE.a;
const RULE_B = RULE.b;
const RULE_W = RULE.w;

/**
 * Phi(x) from the table exponential and the piecewise Mills ratio: relative error a few ulp in
 * the lower tail (plus the rounding of x^2 / 2, ~|x|^2 ulp), absolute ~1e-16 above.
 */
export function fastNormCdf(x: number): number {
  const ax = Math.abs(x);
  const half = 0.5 * ax * ax;
  const tail = INV_SQRT_2PI * fastExp(half < 745 ? -half : -745) * fastMills(ax);
  return x < 0 ? tail : 1 - tail;
}

/**
 * P(X > h, Y > k) for corr(X, Y) = sign * rho* (sign = +1 or -1), given cdfH = Phi(-h) and
 * cdfK = Phi(-k) (shared between terms by the caller). Clamped, like the general routine, to
 * [0, min(Phi(-h), Phi(-k))], where rounding of the correction can leave ~1e-17 outside.
 */
export function bs2002UpperOrthant(
  h: number,
  k: number,
  cdfH: number,
  cdfK: number,
  sign: number,
): number {
  const hs = 0.5 * (h * h + k * k);
  const hk = sign * h * k;
  let sum = 0;
  for (let i = 0; i < NODES; i++) {
    const x = hk * (RULE_B[i] as number) - hs * (RULE_A[i] as number);
    sum += (RULE_W[i] as number) * fastExp(x > -745 ? x : -745);
  }
  // For -rho* the integral runs from 0 down to -asin(rho*): the same nodes, with a minus sign.
  const p = sign * sum + cdfH * cdfK;
  const cap = cdfH < cdfK ? cdfH : cdfK;
  return p < 0 ? 0 : p > cap ? cap : p;
}
