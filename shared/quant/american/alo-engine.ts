/**
 * American put by the integral-equation method of Andersen, Lake & Offengenden ("High-performance
 * American option pricing", J. Comput. Finance 20(1), 2016). The exercise boundary B(tau) solves
 * the smooth-pasting fixed point (ALO's FP-B)
 *   B(tau) = K e^{-(r-q) tau} N(tau, B) / D(tau, B),
 *   N = phi(d-(tau, B/K)) / (v sqrt(tau)) + r int_0^tau e^{ru} phi(d-(tau-u, B(tau)/B(u))) / (v sqrt(tau-u)) du,
 *   D = phi(d+(tau, B/K)) / (v sqrt(tau)) + Phi(d+(tau, B/K))
 *       + q int_0^tau e^{qu} [phi(d+(..)) / (v sqrt(tau-u)) + Phi(d+(..))] du,
 * iterated on Chebyshev nodes of H(sqrt tau) = ln(B/X)^2, X = K min(1, r/q); then
 *   P = p_European + int_0^T [r K e^{-r(T-u)} Phi(-d-(T-u, S/B(u))) - q S e^{-q(T-u)} Phi(-d+(..))] du.
 *
 * Everything is per unit strike (K = 1): the boundary then serves every spot, which the Greeks
 * and the call (through McDonald-Schroder symmetry, strike and spot swapped) exploit.
 * Preconditions (checked by the caller): r > 0, T > 0, vol > 0.
 */
import { erf, erfcx } from '../math/normal';
import type { AloScheme } from './alo-scheme';

const INV_SQRT_2PI = 0.3989422804014327;
/** Where Cody's erf and erfc forms meet, in the normal variable: 0.46875 sqrt2. */
const CDF_BREAK = 0.6629126073623883;

/** Phi(x) given e = exp(-x^2/2) already computed: one exponential serves phi and Phi. */
function cdfWithDensity(x: number, e: number): number {
  if (x > -CDF_BREAK && x < CDF_BREAK) return 0.5 + 0.5 * erf(x * Math.SQRT1_2);
  const tail = 0.5 * erfcx(Math.abs(x) * Math.SQRT1_2) * e;
  return x < 0 ? tail : 1 - tail;
}

export interface AloPutBoundary {
  readonly scheme: AloScheme;
  readonly tYears: number;
  readonly rate: number;
  readonly carryYield: number;
  readonly volAnnual: number;
  /** ln X, the boundary at expiry per unit strike. */
  readonly logX: number;
  /** H at the Chebyshev nodes j = 0..n-1 (H = 0 at tau = 0). */
  readonly nodeH: Float64Array;
}

/**
 * Starting boundary from Li's QD+ approximation (M. Li, "Analytical approximations for the
 * critical stock prices of American options", Quant. Finance 10(5), 2010): at each tau the
 * critical price x solves
 *   g(x) = (1 - e^{-q tau} Phi(-d+)) x - beta (1 - x - p(x)) + alpha theta(x) / (r e^{-r tau}) = 0
 * (unit strike; p, theta the European put and its calendar theta), by safeguarded Newton.
 * QD+ is within ~1e-3 of the true boundary, so few fixed-point sweeps are needed after it.
 */
function qdPlusBoundary(
  tau: number,
  r: number,
  q: number,
  vol: number,
  xMax: number,
  start: number,
): number {
  const v2 = vol * vol;
  const v = vol * Math.sqrt(tau);
  const dr = Math.exp(-r * tau);
  const dq = Math.exp(-q * tau);
  const h = -Math.expm1(-r * tau);
  const omega = (2 * (r - q)) / v2;
  const root = Math.sqrt((omega - 1) * (omega - 1) + (8 * r) / (v2 * h));
  const lambda = 0.5 * (-(omega - 1) - root);
  const lambdaPrime = (2 * r) / (v2 * h * h * root);
  const alpha = (2 * dr * r) / (v2 * (2 * lambda + omega - 1));
  const beta = alpha * (1 / h + lambdaPrime / (2 * lambda + omega - 1)) - lambda;
  let x = Math.min(start, xMax);
  const xMin = 1e-6 * xMax;
  for (let it = 0; it < 12; it++) {
    const dp = Math.log((x * dq) / dr) / v + 0.5 * v;
    const dm = dp - v;
    const eP = Math.exp(-0.5 * dp * dp);
    const phiP = INV_SQRT_2PI * eP;
    const cdfNp = cdfWithDensity(-dp, eP);
    const cdfNm = cdfWithDensity(-dm, Math.exp(-0.5 * dm * dm));
    const npv = dr * cdfNm - x * dq * cdfNp;
    const theta = r * dr * cdfNm - q * x * dq * cdfNp - ((v2 * x) / (2 * v)) * dq * phiP;
    const charm = -dq * (phiP * ((r - q) / v - dm / (2 * tau)) + q * cdfNp);
    const g = (1 - dq * cdfNp) * x - beta * (1 - x - npv) + (alpha * theta) / (r * dr);
    const gPrime =
      1 - dq * cdfNp + (dq * phiP) / v + beta * (1 - dq * cdfNp) + (alpha / (r * dr)) * charm;
    if (!(Math.abs(gPrime) > 0)) break;
    const next = Math.min(Math.max(x - g / gPrime, 0.5 * x, xMin), xMax);
    const done = Math.abs(next - x) <= 1e-10 * x;
    x = next;
    if (done) break;
  }
  return x;
}

/** Solves the exercise boundary of the unit-strike put. */
export function aloPutBoundary(
  tYears: number,
  rate: number,
  carryYield: number,
  volAnnual: number,
  scheme: AloScheme,
): AloPutBoundary {
  const { chebyshevNodes: n, fixedPointOrder: l, nodeZ, fpSin, fpCos, fpWeight, fpInterp } = scheme;
  const r = rate;
  const q = carryYield;
  const vol = volAnnual;
  const logX = q > r ? Math.log(r / q) : 0;
  const nodeH = new Float64Array(n);
  const tau = new Float64Array(n);
  const expQu = new Float64Array(n * l);
  const expRu = new Float64Array(n * l);
  const valueMatching = scheme.equation === 'value-matching';
  const xMax = Math.exp(logX);
  let guess = xMax;
  // From short to long tau, so each Newton solve starts from its neighbour's root.
  for (let j = n - 1; j >= 0; j--) {
    const half = 0.5 * (1 + (nodeZ[j] as number));
    const t = tYears * half * half;
    tau[j] = t;
    guess = qdPlusBoundary(t, r, q, vol, xMax, guess);
    const lnb = Math.log(guess) - logX;
    nodeH[j] = lnb < 0 ? lnb * lnb : 0;
    for (let k = 0; k < l; k++) {
      const s = fpSin[k] as number;
      expQu[j * l + k] = Math.exp(q * t * s * s);
      if (valueMatching) expRu[j * l + k] = Math.exp(r * t * s * s);
    }
  }
  const sqrtH = new Float64Array(n);
  const next = new Float64Array(n);
  for (let iter = 0; iter < scheme.iterations; iter++) {
    for (let j = 0; j < n; j++) sqrtH[j] = Math.sqrt(nodeH[j] as number);
    for (let j = 0; j < n; j++) {
      const t = tau[j] as number;
      const sqT = Math.sqrt(t);
      const sv = vol * sqT;
      const sHt = sqrtH[j] as number;
      const logB = logX - sHt;
      const dPlus0 = (logB + (r - q) * t) / sv + 0.5 * sv;
      const dMinus0 = dPlus0 - sv;
      const eP0 = Math.exp(-0.5 * dPlus0 * dPlus0);
      const phiP0 = INV_SQRT_2PI * eP0;
      const phiM0 = INV_SQRT_2PI * Math.exp(-0.5 * dMinus0 * dMinus0);
      const cdfP0 = cdfWithDensity(dPlus0, eP0);
      let nInt = 0;
      let dInt = 0;
      const base = j * l;
      for (let k = 0; k < l; k++) {
        const row = (base + k) * n;
        let hu = 0;
        for (let i = 0; i < n; i++) hu += (fpInterp[row + i] as number) * (nodeH[i] as number);
        const lnx = (hu > 0 ? Math.sqrt(hu) : 0) - sHt;
        const sinT = fpSin[k] as number;
        const cosT = fpCos[k] as number;
        const s = t * cosT * cosT;
        const vs = sv * cosT;
        const dp = (lnx + (r - q) * s) / vs + 0.5 * vs;
        const ep = Math.exp(-0.5 * dp * dp);
        const eq = expQu[base + k] as number;
        // du / (v sqrt(tau - u)) = 2 sqrt(tau) sin(theta) / v dtheta; du = 2 tau sin cos dtheta.
        const kernel = (2 * sqT * sinT) / vol;
        const eqPhiP = eq * INV_SQRT_2PI * ep;
        const w = fpWeight[k] as number;
        const du = 2 * t * sinT * cosT;
        if (valueMatching) {
          const dm = dp - vs;
          nInt +=
            w * (expRu[base + k] as number) * cdfWithDensity(dm, Math.exp(-0.5 * dm * dm)) * du;
          dInt += w * eq * cdfWithDensity(dp, ep) * du;
        } else {
          // e^{ru} phi(d-) = e^{qu} phi(d+) x e^{(r-q) tau}: the factor e^{(r-q) tau} is applied below.
          nInt += w * eqPhiP * Math.exp(lnx) * kernel;
          dInt += w * (eqPhiP * kernel + eq * cdfWithDensity(dp, ep) * du);
        }
      }
      const growth = Math.exp((r - q) * t);
      const numer = valueMatching
        ? cdfWithDensity(dMinus0, Math.exp(-0.5 * dMinus0 * dMinus0)) + r * nInt
        : phiM0 / sv + r * growth * nInt;
      const denom = valueMatching ? cdfP0 + q * dInt : phiP0 / sv + cdfP0 + q * dInt;
      let b = numer / (growth * denom);
      if (iter === 0 && scheme.newtonDamping > 0 && !valueMatching) {
        // Jacobi-Newton on the explicit B(tau) dependence of the non-integral terms.
        const bOld = Math.exp(logB);
        const dNum = (-dMinus0 * phiM0) / (bOld * sv * sv);
        const dDen = (-dPlus0 * phiP0) / (bOld * sv * sv) + phiP0 / (bOld * sv);
        const fPrime = (dNum / denom - (numer * dDen) / (denom * denom)) / growth;
        const newton = bOld - (b - bOld) / (fPrime - 1);
        if (newton > 0 && Number.isFinite(newton))
          b = bOld + scheme.newtonDamping * (newton - bOld);
      }
      const lnb = Math.log(b) - logX;
      next[j] = lnb < 0 ? lnb * lnb : 0;
    }
    nodeH.set(next);
  }
  return { scheme, tYears, rate, carryYield, volAnnual, logX, nodeH };
}

/** Exercise boundary B(tau) per unit strike at time to expiry tau in [0, T]. */
export function aloBoundaryAt(boundary: AloPutBoundary, tauYears: number): number {
  const { scheme, tYears, nodeH, logX } = boundary;
  const n = scheme.chebyshevNodes;
  const z = 2 * Math.sqrt(Math.min(Math.max(tauYears / tYears, 0), 1)) - 1;
  // Direct Chebyshev sum (not hot): coefficients from node values, then the series at z.
  let h = 0;
  for (let m = 0; m <= n; m++) {
    let a = 0;
    for (let i = 0; i < n; i++)
      a += (i === 0 ? 0.5 : 1) * (nodeH[i] as number) * Math.cos((m * i * Math.PI) / n);
    a *= 2 / n;
    h += (m === 0 || m === n ? 0.5 : 1) * a * Math.cos(m * Math.acos(Math.max(-1, Math.min(1, z))));
  }
  return Math.exp(logX - Math.sqrt(Math.max(h, 0)));
}

/** Early-exercise premium plus European put per unit strike, at spot/strike = `moneyness`. */
export function aloPutPrice(boundary: AloPutBoundary, moneyness: number): number {
  const { scheme, tYears: t, rate: r, carryYield: q, volAnnual: vol, logX, nodeH } = boundary;
  const { chebyshevNodes: n, priceOrder: p, priceSin, priceCos, priceWeight, priceInterp } = scheme;
  const s0 = moneyness;
  const bNow = Math.exp(logX - Math.sqrt(nodeH[0] as number));
  if (s0 <= bNow) return 1 - s0;
  const sqT = Math.sqrt(t);
  const sv = vol * sqT;
  const logS = Math.log(s0);
  // European put, unit strike.
  const dP = (logS + (r - q) * t) / sv + 0.5 * sv;
  const eP = Math.exp(-0.5 * dP * dP);
  const dM = dP - sv;
  const eM = Math.exp(-0.5 * dM * dM);
  const european =
    Math.exp(-r * t) * cdfWithDensity(-dM, eM) - s0 * Math.exp(-q * t) * cdfWithDensity(-dP, eP);
  let premium = 0;
  for (let k = 0; k < p; k++) {
    let hu = 0;
    const row = k * n;
    for (let i = 0; i < n; i++) hu += (priceInterp[row + i] as number) * (nodeH[i] as number);
    const logB = logX - (hu > 0 ? Math.sqrt(hu) : 0);
    const sinT = priceSin[k] as number;
    const cosT = priceCos[k] as number;
    const s = t * cosT * cosT;
    const vs = sv * cosT;
    const dp = (logS - logB + (r - q) * s) / vs + 0.5 * vs;
    const dm = dp - vs;
    const term =
      r * Math.exp(-r * s) * cdfWithDensity(-dm, Math.exp(-0.5 * dm * dm)) -
      q * s0 * Math.exp(-q * s) * cdfWithDensity(-dp, Math.exp(-0.5 * dp * dp));
    premium += (priceWeight[k] as number) * term * 2 * t * sinT * cosT;
  }
  return Math.max(european + premium, european, 1 - s0);
}
