/**
 * Bivariate Student-t copula: density, semi-parametric fit and tail dependence.
 *
 * Fit (the usual two-stage "inversion of Kendall's tau + pseudo-likelihood" method, e.g. McNeil,
 * Frey & Embrechts, Quantitative Risk Management, 2nd ed., sec. 7.5): rho = sin(pi tau / 2), which
 * holds for every elliptical copula, then nu maximises the copula log-likelihood of the
 * pseudo-observations with rho held fixed (Brent search on ln nu).
 *
 * Tail dependence (upper = lower, by symmetry):
 *   lambda = 2 t_{nu+1}( -sqrt((nu + 1)(1 - rho) / (1 + rho)) ).
 */
import { kendallTau } from './rank-correlation';
import { brentMinimize } from './optimize';
import { createStudentT, studentTCdf } from './student-t';
import { logGammaHalfRatio } from './special';

const LOG_PI = 1.1447298858494002;

/**
 * ln c(u, v) of the t copula given x = t_nu^-1(u), y = t_nu^-1(v):
 * ln f2(x, y; rho, nu) - ln f1(x; nu) - ln f1(y; nu).
 */
export function studentTCopulaLogDensityAt(x: number, y: number, rho: number, nu: number): number {
  const det = 1 - rho * rho;
  // ln Gamma((nu + 2) / 2) - ln Gamma(nu / 2) = ln(nu / 2).
  const logF2 =
    Math.log(nu / 2) -
    Math.log(nu) -
    LOG_PI -
    0.5 * Math.log(det) -
    0.5 * (nu + 2) * Math.log1p((x * x - 2 * rho * x * y + y * y) / (nu * det));
  const logF1Const = logGammaHalfRatio(nu) - 0.5 * (Math.log(nu) + LOG_PI);
  const logF1x = logF1Const - 0.5 * (nu + 1) * Math.log1p((x * x) / nu);
  const logF1y = logF1Const - 0.5 * (nu + 1) * Math.log1p((y * y) / nu);
  return logF2 - logF1x - logF1y;
}

/** Copula log-likelihood sum ln c(u_i, v_i; rho, nu) over pseudo-observations in (0, 1). */
export function studentTCopulaLogLikelihood(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  rho: number,
  nu: number,
): number {
  // Pseudo-observations repeat the same n values k / (n + 1) in both margins: invert each once.
  const dist = createStudentT(nu);
  const cache = new Map<number, number>();
  const q = (p: number): number => {
    let x = cache.get(p);
    if (x === undefined) {
      x = dist.quantile(p);
      cache.set(p, x);
    }
    return x;
  };
  const det = 1 - rho * rho;
  const logF1Const = logGammaHalfRatio(nu) - 0.5 * (Math.log(nu) + LOG_PI);
  // Everything in ln c(u, v) that does not depend on the point (see studentTCopulaLogDensityAt).
  const constant = Math.log(nu / 2) - Math.log(nu) - LOG_PI - 0.5 * Math.log(det) - 2 * logF1Const;
  let ll = 0;
  for (let i = 0; i < u.length; i++) {
    const x = q(u[i] as number);
    const y = q(v[i] as number);
    ll +=
      constant -
      0.5 * (nu + 2) * Math.log1p((x * x - 2 * rho * x * y + y * y) / (nu * det)) +
      0.5 * (nu + 1) * (Math.log1p((x * x) / nu) + Math.log1p((y * y) / nu));
  }
  return ll;
}

/** Tail dependence coefficient lambda_L = lambda_U of the t copula. */
export function studentTCopulaTailDependence(rho: number, nu: number): number {
  if (!(rho > -1 && rho <= 1))
    throw new RangeError(`tail dependence: rho must be in (-1, 1], got ${rho}`);
  if (rho === 1) return 1;
  return 2 * studentTCdf(-Math.sqrt(((nu + 1) * (1 - rho)) / (1 + rho)), nu + 1);
}

export interface StudentTCopulaFit {
  rho: number;
  nu: number;
  kendallTau: number;
  logLikelihood: number;
  tailDependence: number;
  /** nu hit the upper search bound: the data look Gaussian (no tail dependence detected). */
  nuAtUpperBound: boolean;
  /** nu hit the lower search bound. */
  nuAtLowerBound: boolean;
}

export interface StudentTCopulaFitOptions {
  nuMin?: number;
  nuMax?: number;
}

/** Fits rho (Kendall inversion) and nu (profile pseudo-MLE) to pseudo-observations u, v in (0, 1). */
export function fitStudentTCopula(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  options: StudentTCopulaFitOptions = {},
): StudentTCopulaFit {
  const n = u.length;
  if (v.length !== n)
    throw new RangeError(`fitStudentTCopula: lengths differ (${n} vs ${v.length})`);
  if (n < 20) throw new RangeError(`fitStudentTCopula needs at least 20 observations, got ${n}`);
  for (let i = 0; i < n; i++) {
    const a = u[i] as number;
    const b = v[i] as number;
    if (!(a > 0 && a < 1 && b > 0 && b < 1)) {
      throw new RangeError(
        `fitStudentTCopula: pseudo-observations must lie in (0, 1) (index ${i})`,
      );
    }
  }
  const nuMin = options.nuMin ?? 1.5;
  const nuMax = options.nuMax ?? 100;
  const tau = kendallTau(u, v);
  // Keep rho inside (-1, 1) so the density stays finite for perfectly concordant samples.
  const rho = Math.max(-0.9999, Math.min(0.9999, Math.sin((Math.PI * tau) / 2)));
  const lnMin = Math.log(nuMin);
  const lnMax = Math.log(nuMax);
  const res = brentMinimize(
    (s) => -studentTCopulaLogLikelihood(u, v, rho, Math.exp(s)),
    lnMin,
    lnMax,
    {
      tol: 1e-4,
    },
  );
  const nu = Math.exp(res.x);
  const edge = 1e-2;
  return {
    rho,
    nu,
    kendallTau: tau,
    logLikelihood: -res.fx,
    tailDependence: studentTCopulaTailDependence(rho, nu),
    nuAtUpperBound: res.x > lnMax - edge,
    nuAtLowerBound: res.x < lnMin + edge,
  };
}
