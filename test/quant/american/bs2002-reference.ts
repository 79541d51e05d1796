/**
 * The BS2002 implementation as it was before the fast path (general Genz bivariate normal, one
 * call per term, nothing hoisted): the oracle for "the fast formula changes prices only through
 * the bivariate normal's rounding". Test-only.
 */
import { bivariateNormalCdf } from '../../../shared/quant/math/bivariate-normal';
import { normCdf } from '../../../shared/quant/math/normal';
import { bsmPrice } from '../../../shared/quant/pricing/bsm';
import type { BsmInput } from '../../../shared/quant/pricing/types';

const T1_FRACTION = (Math.sqrt(5) - 1) / 2;

interface CallParams {
  spot: number;
  strike: number;
  tYears: number;
  rate: number;
  carry: number;
  vol: number;
}

/** e^{lambda T} (S/base)^gamma [N(-d) - (I/S)^kappa N(-d + 2 ln(I/S)/(v sqrtT))]: BS's phi. */
function phi(
  p: CallParams,
  tYears: number,
  gamma: number,
  h: number,
  i: number,
  base: number,
): number {
  const { spot: s, rate: r, carry: b, vol: v } = p;
  const v2 = v * v;
  const sd = v * Math.sqrt(tYears);
  const lambda = (-r + gamma * b + 0.5 * gamma * (gamma - 1) * v2) * tYears;
  const d = -(Math.log(s / h) + (b + (gamma - 0.5) * v2) * tYears) / sd;
  const kappa = (2 * b) / v2 + (2 * gamma - 1);
  const logIs = Math.log(i / s);
  const reflected = Math.exp(kappa * logIs) * normCdf(d - (2 * logIs) / sd);
  return Math.exp(lambda + gamma * Math.log(s / base)) * (normCdf(d) - reflected);
}

/** BS2002's psi: the two-period barrier claim on S^gamma, as a sum of four bivariate terms. */
function psi(
  p: CallParams,
  gamma: number,
  h: number,
  i2: number,
  i1: number,
  t1: number,
  base: number,
): number {
  const { spot: s, tYears: t2, rate: r, carry: b, vol: v } = p;
  const v2 = v * v;
  const drift = b + (gamma - 0.5) * v2;
  const sd1 = v * Math.sqrt(t1);
  const sd2 = v * Math.sqrt(t2);
  const lnSI1 = Math.log(s / i1);
  const lnI2I2SI1 = Math.log((i2 / s) * (i2 / i1));
  const e1 = (lnSI1 + drift * t1) / sd1;
  const e2 = (lnI2I2SI1 + drift * t1) / sd1;
  const e3 = (lnSI1 - drift * t1) / sd1;
  const e4 = (lnI2I2SI1 - drift * t1) / sd1;
  const f1 = (Math.log(s / h) + drift * t2) / sd2;
  const f2 = (Math.log((i2 / s) * (i2 / h)) + drift * t2) / sd2;
  const f3 = (Math.log((i1 / s) * (i1 / h)) + drift * t2) / sd2;
  const f4 = (Math.log((s / h) * (i1 / i2) * (i1 / i2)) + drift * t2) / sd2;
  const rho = Math.sqrt(t1 / t2);
  const lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1) * v2;
  const kappa = (2 * b) / v2 + (2 * gamma - 1);
  const sum =
    bivariateNormalCdf(-e1, -f1, rho) -
    Math.exp(kappa * Math.log(i2 / s)) * bivariateNormalCdf(-e2, -f2, rho) -
    Math.exp(kappa * Math.log(i1 / s)) * bivariateNormalCdf(-e3, -f3, -rho) +
    Math.exp(kappa * Math.log(i1 / i2)) * bivariateNormalCdf(-e4, -f4, -rho);
  return Math.exp(lambda * t2 + gamma * Math.log(s / base)) * sum;
}

/**
 * The BS2002 call; NaN where the flat-boundary construction does not apply (the perpetual
 * exponent beta is not real or not above 1, which needs r <= 0 or extreme carry).
 */
function bs2002Call(p: CallParams): number {
  const { spot: s, strike: k, tYears: t, rate: r, carry: b, vol: v } = p;
  const v2 = v * v;
  const disc = (b / v2 - 0.5) ** 2 + (2 * r) / v2;
  if (!(disc >= 0)) return Number.NaN;
  const beta = 0.5 - b / v2 + Math.sqrt(disc);
  if (!(beta > 1)) return Number.NaN;
  const bInf = (beta / (beta - 1)) * k;
  const b0 = Math.max(k, (r / (r - b)) * k);
  const t1 = T1_FRACTION * t;
  const scale = (k * k) / ((bInf - b0) * b0);
  const h1 = -(b * t1 + 2 * v * Math.sqrt(t1)) * scale;
  const h2 = -(b * t + 2 * v * Math.sqrt(t)) * scale;
  // 1 - e^h via expm1 keeps the triggers exact when h -> 0 (short maturities).
  const i1 = b0 - (bInf - b0) * Math.expm1(h1);
  const i2 = b0 - (bInf - b0) * Math.expm1(h2);
  if (s >= i2) return s - k;
  // alpha_j S^beta = (I_j - K) (S / I_j)^beta: every beta power is taken relative to its trigger.
  const a1 = i1 - k;
  const a2 = i2 - k;
  const value =
    a2 * Math.exp(beta * Math.log(s / i2)) -
    a2 * phi(p, t1, beta, i2, i2, i2) +
    phi(p, t1, 1, i2, i2, 1) -
    phi(p, t1, 1, i1, i2, 1) -
    k * phi(p, t1, 0, i2, i2, 1) +
    k * phi(p, t1, 0, i1, i2, 1) +
    a1 * phi(p, t1, beta, i1, i2, i1) -
    a1 * psi(p, beta, i1, i2, i1, t1, i1) +
    psi(p, 1, i1, i2, i1, t1, 1) -
    psi(p, 1, k, i2, i1, t1, 1) -
    k * psi(p, 0, i1, i2, i1, t1, 1) +
    k * psi(p, 0, k, i2, i1, t1, 1);
  return value;
}

/**
 * BS2002 price of an American option on an asset with continuous yield `carryYield`. Falls
 * back to the European value where early exercise is never optimal (calls with q <= 0, puts
 * with r <= 0 <= q - r ... see below), and returns NaN where the approximation is undefined
 * (double-boundary regimes with negative rates); `priceAmerican` routes those cases elsewhere.
 * The result is floored at the European value and at intrinsic value, both of which it bounds
 * from above in exact arithmetic.
 */
export function referenceBs2002Price(input: BsmInput): number {
  const { type, spot, strike, tYears, rate, carryYield, volAnnual } = input;
  const intrinsic = Math.max(type === 'call' ? spot - strike : strike - spot, 0);
  if (tYears <= 0) return intrinsic;
  const carry = rate - carryYield;
  // Call: early exercise needs q > 0 (b < r). Put, as a call with r' = q, b' = -b: needs r > 0.
  const callParams: CallParams =
    type === 'call'
      ? { spot, strike, tYears, rate, carry, vol: volAnnual }
      : { spot: strike, strike: spot, tYears, rate: rate - carry, carry: -carry, vol: volAnnual };
  const european = bsmPrice(input);
  if (callParams.carry >= callParams.rate) return european;
  const value = bs2002Call(callParams);
  if (Number.isNaN(value)) return Number.NaN;
  return Math.max(value, european, intrinsic);
}
