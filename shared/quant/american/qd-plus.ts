/**
 * Starting boundary of the ALO iteration from Li's QD+ approximation (M. Li, "Analytical
 * approximations for the critical stock prices of American options", Quant. Finance 10(5), 2010):
 * at each tau the critical price x of the unit-strike put solves
 *   g(x) = (1 - e^{-q tau} Phi(-d+)) x - beta (1 - x - p(x)) + alpha theta(x) / (r e^{-r tau}) = 0
 * (p, theta the European put and its calendar theta), by safeguarded Newton. QD+ is within ~1e-3
 * of the true boundary, so a few fixed-point sweeps suffice after it.
 *
 * Normal probabilities use one table exponential and the piecewise Mills ratio
 * (pricing/batch-math.ts): a few ulp, far below what a starting guess needs.
 */
import { fastExp, fastMills } from '../pricing/batch-math';

const INV_SQRT_2PI = 0.3989422804014327;
/**
 * Newton stops when a step moves x by less than this fraction: the error left is then ~1e-12
 * (quadratic convergence), far below QD+'s own ~1e-3, which the ALO Newton sweeps remove.
 */
const NEWTON_TOLERANCE = 1e-5;
const MAX_NEWTON_STEPS = 12;

/** exp(-x^2 / 2), 0 beyond the double range. */
export function gaussianFactor(x: number): number {
  const half = 0.5 * x * x;
  return fastExp(half < 745 ? -half : -745);
}

/** Phi(x) given e = exp(-x^2/2). */
export function cdfFromGaussian(x: number, e: number): number {
  const tail = INV_SQRT_2PI * e * fastMills(Math.abs(x));
  // Selected arithmetically: the sign of x is data-dependent and a branch on it mispredicts.
  return tail + +(x >= 0) * (1 - 2 * tail);
}

/**
 * QD+ critical price per unit strike at time to expiry tau (r > 0), capped at xMax = min(1, r/q),
 * Newton started from `start` (the neighbouring node's root).
 */
export function qdPlusBoundary(
  tau: number,
  r: number,
  q: number,
  vol: number,
  xMax: number,
  start: number,
): number {
  const v2 = vol * vol;
  const v = vol * Math.sqrt(tau);
  const invV = 1 / v;
  const dr = Math.exp(-r * tau);
  const dq = Math.exp(-q * tau);
  const h = -Math.expm1(-r * tau);
  const omega = (2 * (r - q)) / v2;
  const root = Math.sqrt((omega - 1) * (omega - 1) + (8 * r) / (v2 * h));
  const lambda = 0.5 * (-(omega - 1) - root);
  const lambdaPrime = (2 * r) / (v2 * h * h * root);
  const alpha = (2 * dr * r) / (v2 * (2 * lambda + omega - 1));
  const beta = alpha * (1 / h + lambdaPrime / (2 * lambda + omega - 1)) - lambda;
  const thetaScale = alpha / (r * dr);
  const logForward = Math.log(dq / dr);
  let x = Math.min(start, xMax);
  const xMin = 1e-6 * xMax;
  for (let it = 0; it < MAX_NEWTON_STEPS; it++) {
    const dp = (Math.log(x) + logForward) * invV + 0.5 * v;
    const dm = dp - v;
    const eP = gaussianFactor(dp);
    const phiP = INV_SQRT_2PI * eP;
    const cdfNp = cdfFromGaussian(-dp, eP);
    const cdfNm = cdfFromGaussian(-dm, gaussianFactor(dm));
    const npv = dr * cdfNm - x * dq * cdfNp;
    const theta = r * dr * cdfNm - q * x * dq * cdfNp - 0.5 * v2 * x * invV * dq * phiP;
    const charm = -dq * (phiP * ((r - q) * invV - dm / (2 * tau)) + q * cdfNp);
    const g = (1 - dq * cdfNp) * x - beta * (1 - x - npv) + thetaScale * theta;
    const gPrime = 1 - dq * cdfNp + dq * phiP * invV + beta * (1 - dq * cdfNp) + thetaScale * charm;
    if (!(Math.abs(gPrime) > 0)) break;
    const next = Math.min(Math.max(x - g / gPrime, 0.5 * x, xMin), xMax);
    if (!(next > 0)) break;
    const done = Math.abs(next - x) <= NEWTON_TOLERANCE * x;
    x = next;
    if (done) break;
  }
  return x;
}
