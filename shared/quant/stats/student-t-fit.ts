/**
 * Degrees of freedom of a Student-t fitted by maximum likelihood to standardized data (mean 0,
 * variance 1: GARCH residuals, or returns standardized by their sample moments). The unit-variance
 * t density is used, so nu only shapes the tails and never rescales the data; the search is a
 * Brent minimisation over ln(nu - 2) on (nuMin, nuMax].
 */
import { mean, standardDeviation } from './descriptive';
import { brentMinimize } from './optimize';
import { createStudentT } from './student-t';

export interface StudentTDofFit {
  nu: number;
  logLikelihood: number;
  /** Gaussian log-likelihood of the same data, for a likelihood-ratio comparison. */
  normalLogLikelihood: number;
  /** nu at the upper bound: no evidence of fat tails. */
  atUpperBound: boolean;
}

export interface StudentTDofFitOptions {
  nuMin?: number;
  nuMax?: number;
  /** Standardize by the sample mean and standard deviation first (default true). */
  standardize?: boolean;
}

/** MLE of nu for the unit-variance Student-t on (standardized) data, n >= 10. */
export function fitStudentTDof(
  data: ArrayLike<number>,
  options: StudentTDofFitOptions = {},
): StudentTDofFit {
  const n = data.length;
  if (n < 10) throw new RangeError(`fitStudentTDof needs at least 10 observations, got ${n}`);
  const nuMin = options.nuMin ?? 2.05;
  const nuMax = options.nuMax ?? 200;
  if (!(nuMin > 2 && nuMax > nuMin)) throw new RangeError('fitStudentTDof: need 2 < nuMin < nuMax');
  let z: ArrayLike<number> = data;
  if (options.standardize ?? true) {
    const m = mean(data);
    const s = standardDeviation(data);
    if (!(s > 0)) throw new RangeError('fitStudentTDof: the data are constant');
    z = Float64Array.from(data as ArrayLike<number>, (x) => (x - m) / s);
  }
  const logLik = (nu: number): number => {
    // Unit-variance t: z = t sqrt((nu - 2) / nu), density f_t(z / c) / c with c = sqrt((nu - 2) / nu).
    const dist = createStudentT(nu);
    const c = Math.sqrt((nu - 2) / nu);
    let ll = -n * Math.log(c);
    for (let i = 0; i < n; i++) ll += dist.logPdf((z[i] as number) / c);
    return ll;
  };
  const lo = Math.log(nuMin - 2);
  const hi = Math.log(nuMax - 2);
  const res = brentMinimize((s) => -logLik(2 + Math.exp(s)), lo, hi, { tol: 1e-6 });
  let normalLogLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const x = z[i] as number;
    normalLogLikelihood -= 0.5 * (Math.log(2 * Math.PI) + x * x);
  }
  return {
    nu: 2 + Math.exp(res.x),
    logLikelihood: -res.fx,
    normalLogLikelihood,
    atUpperBound: res.x > hi - 1e-2,
  };
}
