/**
 * Bjerksund & Stensland (2002), "Closed form valuation of American options", NHH discussion
 * paper 2002/09: a two-step flat exercise boundary (trigger I2 on [0, t1], I1 on [t1, T] with
 * t1 = (sqrt5 - 1)/2 T) gives a lower bound to the American call that is within a few basis
 * points of the true value for ordinary inputs. Puts use the put-call transformation
 * P(S, K, T, r, b, sigma) = C(K, S, T, r - b, -b, sigma), with cost of carry b = r - q.
 *
 * Powers S^beta are formed as (S / I)^beta so small vols (beta ~ 2r/sigma^2 large) cannot overflow.
 *
 * Speed (this is the whole cost of the 'bs2002' method): the formula is 6 phi and 5 psi terms,
 * 20 bivariate orthants in all. Terms that only depend on gamma (the e-arguments, their normal
 * probabilities, the reflection powers, the prefactors) are computed once per gamma and shared
 * by both psi(gamma, I1) and psi(gamma, K); three logarithms ln(S/I1), ln(S/I2), ln(S/K) give every
 * other logarithm; the orthants use the fixed correlation +-sqrt(t1/T) (bs2002-normal.ts); no
 * object is allocated. Prices equal the general Genz evaluation within ~1e-14 relative
 * (test/quant/american/bs2002-fast.test.ts states the measured bound).
 */
import { fastExp } from '../pricing/batch-math';
import { bsmPrice } from '../pricing/bsm';
import type { BsmInput } from '../pricing/types';
import { BS2002_T1_FRACTION, bs2002UpperOrthant, fastNormCdf } from './bs2002-normal';

/** e^x: the table exponential inside its range, Math.exp (0 or Infinity) outside. */
function exp(x: number): number {
  return x >= -745 && x <= 709 ? fastExp(x) : Math.exp(x);
}

/**
 * The four orthants of psi for one barrier H, weighted by the reflection powers p2 = (I2/S)^kappa,
 * p1 = (I1/S)^kappa, p12 = (I1/I2)^kappa; e1..e4 and c_j = Phi(-e_j) are shared by both H.
 */
function psiOrthants(
  e1: number,
  e2: number,
  e3: number,
  e4: number,
  c1: number,
  c2: number,
  c3: number,
  c4: number,
  f1: number,
  shift2: number,
  shift1: number,
  shift12: number,
  p2: number,
  p1: number,
  p12: number,
): number {
  const f2 = f1 + shift2;
  const f3 = f1 + shift1;
  const f4 = f1 + shift12;
  return (
    bs2002UpperOrthant(e1, f1, c1, fastNormCdf(-f1), 1) -
    p2 * bs2002UpperOrthant(e2, f2, c2, fastNormCdf(-f2), 1) -
    p1 * bs2002UpperOrthant(e3, f3, c3, fastNormCdf(-f3), -1) +
    p12 * bs2002UpperOrthant(e4, f4, c4, fastNormCdf(-f4), -1)
  );
}

/**
 * wA psi(gamma, H_A) + wB psi(gamma, H_B) without the prefactor e^{lambda T} (S/base)^gamma
 * (wB = 0 skips H_B). lnSHa = ln(S / H_A); drift = b + (gamma - 1/2) v^2; kappa = 2b/v^2 + 2 gamma - 1.
 */
function psiPair(
  ls1: number,
  ls2: number,
  t1: number,
  t: number,
  invSd1: number,
  invSd2: number,
  drift: number,
  kappa: number,
  lnSHa: number,
  wA: number,
  lnSHb: number,
  wB: number,
): number {
  const m1 = drift * t1;
  const e1 = (ls1 + m1) * invSd1;
  const e2 = (ls1 - 2 * ls2 + m1) * invSd1;
  const e3 = (ls1 - m1) * invSd1;
  const e4 = (ls1 - 2 * ls2 - m1) * invSd1;
  const c1 = fastNormCdf(-e1);
  const c2 = fastNormCdf(-e2);
  const c3 = fastNormCdf(-e3);
  const c4 = fastNormCdf(-e4);
  const p2 = exp(-kappa * ls2);
  const p1 = exp(-kappa * ls1);
  const p12 = exp(kappa * (ls2 - ls1));
  const shift2 = -2 * ls2 * invSd2;
  const shift1 = -2 * ls1 * invSd2;
  const shift12 = 2 * (ls2 - ls1) * invSd2;
  const m2 = drift * t;
  let sum =
    wA *
    psiOrthants(
      e1,
      e2,
      e3,
      e4,
      c1,
      c2,
      c3,
      c4,
      (lnSHa + m2) * invSd2,
      shift2,
      shift1,
      shift12,
      p2,
      p1,
      p12,
    );
  if (wB !== 0) {
    sum +=
      wB *
      psiOrthants(
        e1,
        e2,
        e3,
        e4,
        c1,
        c2,
        c3,
        c4,
        (lnSHb + m2) * invSd2,
        shift2,
        shift1,
        shift12,
        p2,
        p1,
        p12,
      );
  }
  return sum;
}

/**
 * BS's phi over [0, t1] without its prefactor: N(d) - (I2/S)^kappa N(d + 2 ln(S/I2) / (v sqrt t1)),
 * d = -(ln(S/H) + drift t1) / (v sqrt t1); `reflect` = (I2/S)^kappa.
 */
function phiBracket(
  lnSH: number,
  driftT1: number,
  invSd1: number,
  reflect: number,
  shift: number,
): number {
  const d = -(lnSH + driftT1) * invSd1;
  return fastNormCdf(d) - reflect * fastNormCdf(d + shift);
}

/**
 * The BS2002 call value for spot s, strike k, time t, rate r, carry b, vol v (no floors); NaN where
 * the flat-boundary construction does not apply (the perpetual exponent beta is not real or not
 * above 1, which needs r <= 0 or extreme carry). Requires t > 0, v > 0.
 */
export function bs2002CallValue(
  s: number,
  k: number,
  t: number,
  r: number,
  b: number,
  v: number,
): number {
  const v2 = v * v;
  const bv = b / v2;
  const disc = (bv - 0.5) ** 2 + (2 * r) / v2;
  if (!(disc >= 0)) return Number.NaN;
  const beta = 0.5 - bv + Math.sqrt(disc);
  if (!(beta > 1)) return Number.NaN;
  const bInf = (beta / (beta - 1)) * k;
  const b0 = Math.max(k, (r / (r - b)) * k);
  const t1 = BS2002_T1_FRACTION * t;
  const sqrtT1 = Math.sqrt(t1);
  const sqrtT = Math.sqrt(t);
  const scale = (k * k) / ((bInf - b0) * b0);
  const h1 = -(b * t1 + 2 * v * sqrtT1) * scale;
  const h2 = -(b * t + 2 * v * sqrtT) * scale;
  // 1 - e^h via expm1 keeps the triggers exact when h -> 0 (short maturities).
  const i1 = b0 - (bInf - b0) * Math.expm1(h1);
  const i2 = b0 - (bInf - b0) * Math.expm1(h2);
  if (s >= i2) return s - k;
  const ls1 = Math.log(s / i1);
  const ls2 = Math.log(s / i2);
  const lsk = Math.log(s / k);
  const invSd1 = 1 / (v * sqrtT1);
  const invSd2 = 1 / (v * sqrtT);
  const a1 = i1 - k;
  const a2 = i2 - k;
  const driftB = b + (beta - 0.5) * v2;
  const drift1 = b + 0.5 * v2;
  const drift0 = b - 0.5 * v2;
  const kappaB = 2 * bv + 2 * beta - 1;
  const kappa1 = 2 * bv + 1;
  const kappa0 = 2 * bv - 1;
  const lambdaB = -r + beta * b + 0.5 * beta * (beta - 1) * v2;
  // phi terms (all over [0, t1] with reflection at I2).
  const shift = 2 * ls2 * invSd1;
  const reflectB = exp(-kappaB * ls2);
  const reflect1 = exp(-kappa1 * ls2);
  const reflect0 = exp(-kappa0 * ls2);
  const growth1 = s * exp((b - r) * t1);
  const growth0 = exp(-r * t1);
  // alpha_j S^beta = (I_j - K) (S / I_j)^beta: every beta power is taken relative to its trigger.
  const phiTerms =
    a2 *
      (exp(beta * ls2) -
        exp(lambdaB * t1 + beta * ls2) * phiBracket(ls2, driftB * t1, invSd1, reflectB, shift)) +
    growth1 *
      (phiBracket(ls2, drift1 * t1, invSd1, reflect1, shift) -
        phiBracket(ls1, drift1 * t1, invSd1, reflect1, shift)) -
    k *
      growth0 *
      (phiBracket(ls2, drift0 * t1, invSd1, reflect0, shift) -
        phiBracket(ls1, drift0 * t1, invSd1, reflect0, shift)) +
    a1 * exp(lambdaB * t1 + beta * ls1) * phiBracket(ls1, driftB * t1, invSd1, reflectB, shift);
  // psi terms over [0, T].
  const psiTerms =
    -a1 *
      exp(lambdaB * t + beta * ls1) *
      psiPair(ls1, ls2, t1, t, invSd1, invSd2, driftB, kappaB, ls1, 1, 0, 0) +
    s *
      exp((b - r) * t) *
      psiPair(ls1, ls2, t1, t, invSd1, invSd2, drift1, kappa1, ls1, 1, lsk, -1) +
    k * exp(-r * t) * psiPair(ls1, ls2, t1, t, invSd1, invSd2, drift0, kappa0, ls1, -1, lsk, 1);
  return phiTerms + psiTerms;
}

/**
 * BS2002 price of an American option on an asset with continuous yield `carryYield`. Falls
 * back to the European value where early exercise is never optimal (calls with q <= 0, puts
 * with r <= 0 <= q - r ... see below), and returns NaN where the approximation is undefined
 * (double-boundary regimes with negative rates); `priceAmerican` routes those cases elsewhere.
 * The result is floored at the European value and at intrinsic value, both of which it bounds
 * from above in exact arithmetic.
 */
export function americanBs2002Price(input: BsmInput): number {
  const { type, spot, strike, tYears, rate, carryYield, volAnnual } = input;
  const intrinsic = Math.max(type === 'call' ? spot - strike : strike - spot, 0);
  if (tYears <= 0) return intrinsic;
  const carry = rate - carryYield;
  const european = bsmPrice(input);
  // Call: early exercise needs q > 0 (b < r). Put, as a call with r' = q, b' = -b: needs r > 0.
  const isCall = type === 'call';
  if (isCall ? carry >= rate : -carry >= carryYield) return european;
  const value = isCall
    ? bs2002CallValue(spot, strike, tYears, rate, carry, volAnnual)
    : bs2002CallValue(strike, spot, tYears, carryYield, -carry, volAnnual);
  if (Number.isNaN(value)) return Number.NaN;
  return Math.max(value, european, intrinsic);
}
