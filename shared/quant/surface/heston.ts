import {
  cAdd,
  cDiv,
  cExp,
  cLog1pOverZ,
  cMul,
  cScale,
  cSqrt,
  cSub,
  cx,
  type Complex,
} from './complex';

/**
 * Heston (1993) stochastic volatility, written for the forward: dF/F = sqrt(v) dW1,
 * dv = kappa (theta - v) dt + xi sqrt(v) dW2, d<W1, W2> = rho dt.
 */
export interface HestonParams {
  v0: number;
  kappa: number;
  theta: number;
  /** Volatility of variance. */
  xi: number;
  rho: number;
}

/**
 * ln E[exp(i u X)] of X = ln(F_T / F_0), in the "little Heston trap" form of Albrecher, Mayer,
 * Schoutens & Tistaert (2007), which stays on the principal branch of the logarithm. Two further
 * rewrites keep it exact as xi -> 0 (no division of a vanishing difference by xi^2):
 *   beta - d = -xi^2 s / (beta + d),  s = i u + u^2,  beta = kappa - i rho xi u,
 * and ln(1 + z) / xi^2 is formed as (z / xi^2) * ln(1 + z) / z.
 * u may be complex (Fourier methods that shift the contour need that).
 */
export function hestonLogCf(u: Complex, tYears: number, p: HestonParams): Complex {
  const { v0, kappa, theta, xi, rho } = p;
  const iu = cx(-u.im, u.re);
  const s = cAdd(iu, cMul(u, u));
  const beta = cSub(cx(kappa), cScale(iu, rho * xi));
  const d = cSqrt(cAdd(cMul(beta, beta), cScale(s, xi * xi)));
  const bPlusD = cAdd(beta, d);
  // q = (d - beta) / xi^2, finite at xi = 0.
  const q = cDiv(s, bPlusD);
  const g = cScale(cDiv(q, bPlusD), -xi * xi); // (beta - d) / (beta + d)
  const e = cExp(cScale(d, -tYears));
  const oneMinusE = cSub(cx(1), e);
  const oneMinusGE = cSub(cx(1), cMul(g, e));
  const D = cScale(cDiv(cMul(q, oneMinusE), oneMinusGE), -1);
  // z = g (1 - e) / (1 - g), zOverXi2 = z / xi^2.
  const zOverXi2 = cScale(cDiv(cMul(cDiv(q, bPlusD), oneMinusE), cSub(cx(1), g)), -1);
  const z = cScale(zOverXi2, xi * xi);
  const logTerm = cMul(zOverXi2, cLog1pOverZ(z));
  const C = cScale(cAdd(cScale(q, -tYears), cScale(logTerm, -2)), kappa * theta);
  return cAdd(C, cScale(D, v0));
}

/**
 * hestonLogCf for real u without temporaries (the COS loop calls it N times per expiry and
 * calibration thousands of times): the same formulas as hestonLogCf written out on (re, im)
 * pairs, checked against it in the tests. Returns [re, im] in `out`.
 */
export function hestonLogCfReal(
  u: number,
  tYears: number,
  p: HestonParams,
  out: Float64Array,
): Float64Array {
  const { v0, kappa, theta, xi, rho } = p;
  const xi2 = xi * xi;
  // s = i u + u^2, beta = kappa - i rho xi u, d = sqrt(beta^2 + xi^2 s).
  const sRe = u * u;
  const sIm = u;
  const bIm = -rho * xi * u;
  const d2Re = kappa * kappa - bIm * bIm + xi2 * sRe;
  const d2Im = 2 * kappa * bIm + xi2 * sIm;
  const dm = Math.hypot(d2Re, d2Im);
  let dRe = Math.sqrt((dm + Math.abs(d2Re)) / 2);
  let dIm = dRe === 0 ? 0 : d2Im / (2 * dRe);
  if (d2Re < 0) {
    const t = dRe;
    dRe = Math.abs(d2Im) / (2 * t);
    dIm = d2Im >= 0 ? t : -t;
  }
  const pRe = kappa + dRe; // beta + d
  const pIm = bIm + dIm;
  const pn = pRe * pRe + pIm * pIm;
  // q = s / (beta + d), qb = q / (beta + d), g = -xi^2 qb.
  const qRe = (sRe * pRe + sIm * pIm) / pn;
  const qIm = (sIm * pRe - sRe * pIm) / pn;
  const qbRe = (qRe * pRe + qIm * pIm) / pn;
  const qbIm = (qIm * pRe - qRe * pIm) / pn;
  const gRe = -xi2 * qbRe;
  const gIm = -xi2 * qbIm;
  const em = Math.exp(-tYears * dRe);
  const eRe = em * Math.cos(tYears * dIm);
  const eIm = -em * Math.sin(tYears * dIm);
  const omeRe = 1 - eRe;
  const omeIm = -eIm;
  const ogeRe = 1 - (gRe * eRe - gIm * eIm);
  const ogeIm = -(gRe * eIm + gIm * eRe);
  const ogn = ogeRe * ogeRe + ogeIm * ogeIm;
  // D = -q (1 - e) / (1 - g e).
  const nRe = qRe * omeRe - qIm * omeIm;
  const nIm = qRe * omeIm + qIm * omeRe;
  const DRe = -(nRe * ogeRe + nIm * ogeIm) / ogn;
  const DIm = -(nIm * ogeRe - nRe * ogeIm) / ogn;
  // zx = z / xi^2 = -qb (1 - e) / (1 - g).
  const mRe = qbRe * omeRe - qbIm * omeIm;
  const mIm = qbRe * omeIm + qbIm * omeRe;
  const omgRe = 1 - gRe;
  const omgIm = -gIm;
  const omgn = omgRe * omgRe + omgIm * omgIm;
  const zxRe = -(mRe * omgRe + mIm * omgIm) / omgn;
  const zxIm = -(mIm * omgRe - mRe * omgIm) / omgn;
  const zRe = xi2 * zxRe;
  const zIm = xi2 * zxIm;
  // ln(1 + z) / z.
  const zm = Math.hypot(zRe, zIm);
  let rRe: number;
  let rIm: number;
  if (zm < 1e-5) {
    rRe = 1 - zRe / 2 + (zRe * zRe - zIm * zIm) / 3;
    rIm = -zIm / 2 + (2 * zRe * zIm) / 3;
  } else {
    const lRe = 0.5 * Math.log1p(2 * zRe + zm * zm);
    const lIm = Math.atan2(zIm, 1 + zRe);
    const zn = zm * zm;
    rRe = (lRe * zRe + lIm * zIm) / zn;
    rIm = (lIm * zRe - lRe * zIm) / zn;
  }
  const LRe = zxRe * rRe - zxIm * rIm;
  const LIm = zxRe * rIm + zxIm * rRe;
  const kt = kappa * theta;
  out[0] = kt * (-qRe * tYears - 2 * LRe) + v0 * DRe;
  out[1] = kt * (-qIm * tYears - 2 * LIm) + v0 * DIm;
  return out;
}

export function hestonCf(u: Complex, tYears: number, p: HestonParams): Complex {
  return cExp(hestonLogCf(u, tYears, p));
}

/** Feller's condition 2 kappa theta >= xi^2: the variance then never touches zero. */
export function fellerRatio(p: HestonParams): number {
  return (2 * p.kappa * p.theta) / (p.xi * p.xi);
}

export function hestonParamsProblem(p: HestonParams): string | undefined {
  for (const [name, v] of Object.entries(p))
    if (!Number.isFinite(v)) return `${name} is not finite`;
  if (!(p.v0 >= 0)) return 'v0 must be >= 0';
  if (!(p.kappa > 0)) return 'kappa must be > 0';
  if (!(p.theta >= 0)) return 'theta must be >= 0';
  if (!(p.xi >= 0)) return 'xi must be >= 0';
  if (!(Math.abs(p.rho) < 1)) return '|rho| must be < 1';
  return undefined;
}
