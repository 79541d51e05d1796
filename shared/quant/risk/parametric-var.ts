/**
 * Parametric VaR/ES from the first moments of a P&L distribution (loss L = -P&L), in closed form.
 *
 * - Normal: VaR = -mu + sigma z_a, ES = -mu + sigma phi(z_a) / (1 - a).
 * - Student-t with nu > 2 degrees of freedom scaled to standard deviation sigma (c = sqrt((nu-2)/nu)):
 *   VaR = -mu + sigma c t_a, ES = -mu + sigma c f_nu(t_a) (nu + t_a^2) / ((nu - 1)(1 - a)).
 * - Cornish-Fisher (skewness S and excess kurtosis K of the LOSS): the quantile
 *   q(z) = z + (z^2-1) S/6 + (z^3-3z) K/24 - (2z^3-5z) S^2/36; VaR = mean_L + sigma q(z_a), and
 *   ES = mean_L + sigma/(1-a) * int_{z_a}^inf q(z) phi(z) dz, which integrates in closed form to
 *   phi(z_a)/(1-a) [1 + S z_a/6 + K (z_a^2-1)/24 - S^2 (2 z_a^2-1)/36]. The expansion is only a
 *   valid quantile function while q is increasing; `monotone` reports whether it is on [z_a, 5].
 */
import { normInv, normPdf } from '../math/normal';
import { excessKurtosis, mean, skewness, standardDeviation } from '../stats/descriptive';
import { fitStudentTDof } from '../stats/student-t-fit';
import { studentTPdf, studentTQuantile } from '../stats/student-t';
import { checkConfidence, type TailMeasure } from './tail-measures';

export type ParametricMethod = 'normal' | 'student-t' | 'cornish-fisher';

export interface PnlMoments {
  mean: number;
  sd: number;
  /** Skewness of the P&L (not of the loss). */
  skew: number;
  /** Excess kurtosis. */
  exKurt: number;
}

export interface ParametricResult {
  method: ParametricMethod;
  moments: PnlMoments;
  /** Degrees of freedom (student-t). */
  nu?: number;
  /** Cornish-Fisher quantile increasing over the tail (cornish-fisher). */
  monotone?: boolean;
  results: TailMeasure[];
}

function checkSd(sd: number): void {
  if (!(sd >= 0) || !Number.isFinite(sd))
    throw new RangeError(`P&L standard deviation must be finite and >= 0, got ${sd}`);
}

export function normalVarEs(
  meanPnl: number,
  sdPnl: number,
  confidences: readonly number[],
): TailMeasure[] {
  checkSd(sdPnl);
  return confidences.map((a) => {
    checkConfidence(a);
    const z = normInv(a);
    return {
      confidence: a,
      var: -meanPnl + sdPnl * z,
      es: -meanPnl + (sdPnl * normPdf(z)) / (1 - a),
    };
  });
}

export function studentTVarEs(
  meanPnl: number,
  sdPnl: number,
  nu: number,
  confidences: readonly number[],
): TailMeasure[] {
  checkSd(sdPnl);
  if (!(nu > 2)) throw new RangeError(`Student-t VaR needs nu > 2 (finite variance), got ${nu}`);
  const c = Math.sqrt((nu - 2) / nu);
  return confidences.map((a) => {
    checkConfidence(a);
    const t = studentTQuantile(a, nu);
    const esStd = (studentTPdf(t, nu) * (nu + t * t)) / ((nu - 1) * (1 - a));
    return { confidence: a, var: -meanPnl + sdPnl * c * t, es: -meanPnl + sdPnl * c * esStd };
  });
}

function cfQuantile(z: number, s: number, k: number): number {
  return (
    z +
    ((z * z - 1) * s) / 6 +
    ((z * z * z - 3 * z) * k) / 24 -
    ((2 * z * z * z - 5 * z) * s * s) / 36
  );
}

/** Cornish-Fisher VaR/ES; `skewPnl` and `exKurtPnl` are moments of the P&L. */
export function cornishFisherVarEs(
  meanPnl: number,
  sdPnl: number,
  skewPnl: number,
  exKurtPnl: number,
  confidences: readonly number[],
): { results: TailMeasure[]; monotone: boolean } {
  checkSd(sdPnl);
  const s = -skewPnl;
  const k = exKurtPnl;
  let monotone = true;
  const results = confidences.map((a) => {
    checkConfidence(a);
    const z = normInv(a);
    for (let zz = z; zz < 5; zz += 0.05)
      if (cfQuantile(zz + 0.05, s, k) < cfQuantile(zz, s, k)) monotone = false;
    const esStd =
      (normPdf(z) / (1 - a)) *
      (1 + (s * z) / 6 + (k * (z * z - 1)) / 24 - (s * s * (2 * z * z - 1)) / 36);
    return {
      confidence: a,
      var: -meanPnl + sdPnl * cfQuantile(z, s, k),
      es: -meanPnl + sdPnl * esStd,
    };
  });
  return { results, monotone };
}

export function pnlMoments(pnl: ArrayLike<number>): PnlMoments {
  if (pnl.length < 4)
    throw new RangeError(`parametric VaR needs at least 4 P&L values, got ${pnl.length}`);
  return {
    mean: mean(pnl),
    sd: standardDeviation(pnl),
    skew: skewness(pnl),
    exKurt: excessKurtosis(pnl),
  };
}

/** Parametric VaR/ES fitted to a P&L sample (student-t: nu by maximum likelihood). */
export function parametricFromPnl(
  pnl: ArrayLike<number>,
  method: ParametricMethod,
  confidences: readonly number[],
): ParametricResult {
  const moments = pnlMoments(pnl);
  return parametricFromMoments(
    moments,
    method,
    confidences,
    method === 'student-t' ? fitStudentTDof(pnl).nu : undefined,
  );
}

/** Parametric VaR/ES from given moments (student-t needs `nu`). */
export function parametricFromMoments(
  moments: PnlMoments,
  method: ParametricMethod,
  confidences: readonly number[],
  nu?: number,
): ParametricResult {
  if (method === 'normal')
    return { method, moments, results: normalVarEs(moments.mean, moments.sd, confidences) };
  if (method === 'student-t') {
    if (nu === undefined) throw new RangeError('student-t parametric VaR needs nu');
    return {
      method,
      moments,
      nu,
      results: studentTVarEs(moments.mean, moments.sd, nu, confidences),
    };
  }
  const cf = cornishFisherVarEs(
    moments.mean,
    moments.sd,
    moments.skew,
    moments.exKurt,
    confidences,
  );
  return { method, moments, monotone: cf.monotone, results: cf.results };
}
