/**
 * Risk-factor model of Monte Carlo VaR and the linearised parametric VaR: per underlying u a
 * log-spot factor x_u and an ATM-vol factor v_u (log of the vol multiplier applied to every
 * option on u), over a horizon of h trading days:
 *
 *   x_u = -(sigma_u^2 / 2 + lambda_u kappa_u) h + sigma_u sqrt(h) e_u + J_u(h)
 *   v_u = eta_u sqrt(h) (rho_u e_u + sqrt(1 - rho_u^2) e'_u)
 *
 * e = L g with L L^T the spot correlation matrix, e' independent; under the Student-t copula
 * (e, e') = sqrt((nu-2)/nu) (g, g') / sqrt(W / nu) with one W ~ chi2(nu) per path, i.e. a
 * multivariate t with unit variances: t-copula tail dependence with t(nu) margins. J_u is a Merton
 * compound Poisson sum of N(meanLog, volLog^2) jumps with intensity lambda_u per trading day;
 * kappa_u = E[e^J] - 1 and the -sigma^2/2 term make E[S_h] = S_0 (no drift: VaR measures the
 * risk, not a forecast). The vol factor has zero mean; its correlation with the spot is rho_u
 * (the leverage effect), and vol factors of different underlyings correlate only through
 * their spots.
 *
 * Time: one day is one trading day of the aligned history calendar; implied vols convert with
 * 252 trading days a year.
 * Defaults without data: vol of vol 1.0 a year (the bundled MSTR implied-vol series, 2025-26,
 * gives 1.25 for daily log changes), spot-vol correlation -0.4 (the same series gives -0.39).
 */
import { cholesky, NotPositiveDefiniteError } from '../math/cholesky';
import { correlation as sampleCorrelation } from '../stats/descriptive';
import { ewmaVarianceSeries } from '../stats/ewma';
import type { UnderlyingState } from '../../domain/quote';
import { alignHistory, dailyLogReturns, type AlignedHistory } from './history-align';
import type { DailyCloseSeries } from '../../domain/book-file';

export const TRADING_DAYS_PER_YEAR = 252;
export const DEFAULT_VOL_OF_VOL_ANNUAL = 1.0;
export const DEFAULT_SPOT_VOL_CORRELATION = -0.4;

export type Copula = { kind: 'gaussian' } | { kind: 'student-t'; nu: number };

export interface FactorModel {
  underlyings: string[];
  /** sd of the daily log spot return. */
  dailyVol: Float64Array;
  /** Spot correlation matrix, row-major nU x nU. */
  correlation: Float64Array;
  /** Lower Cholesky factor of `correlation` (after any repair). */
  choleskyLower: Float64Array;
  /** sd of the daily log change of the ATM vol. */
  volOfVolDaily: Float64Array;
  spotVolCorrelation: Float64Array;
  /** Merton jumps per underlying: intensity per trading day (0 = none), log-jump mean and sd. */
  jumpIntensityDaily: Float64Array;
  jumpMeanLog: Float64Array;
  jumpVolLog: Float64Array;
  copula: Copula;
  /** How the inputs were obtained (shown with results). */
  notes: string[];
}

export interface JumpSpec {
  intensityPerYear: number;
  meanLog: number;
  volLog: number;
}

export interface FactorModelOptions {
  /** 'ewma' (lambda 0.94, today's vol), 'sample' (window sd) or 'implied' (ATM vols). */
  volSource?: 'ewma' | 'sample' | 'implied';
  windowDays?: number;
  volOfVolAnnual?: Record<string, number>;
  spotVolCorrelation?: Record<string, number>;
  jumps?: Record<string, JumpSpec>;
  copula?: Copula;
  /** Overrides the estimated correlation (row-major). */
  correlation?: readonly number[];
}

/** Cholesky with a repair: shrink toward the identity until positive definite. */
export function repairedCholesky(
  c: Float64Array,
  n: number,
  notes: string[],
): { corr: Float64Array; lower: Float64Array } {
  let corr = c;
  for (let shrink = 0; shrink <= 1; shrink = shrink === 0 ? 1e-6 : shrink * 10) {
    if (shrink > 0) {
      corr = c.map((v, i) => (i % (n + 1) === 0 ? 1 : v * (1 - shrink)));
    }
    try {
      const lower = cholesky(corr, n);
      if (shrink > 0)
        notes.push(`correlation not positive definite: shrunk ${shrink} toward identity`);
      return { corr, lower };
    } catch (err) {
      if (!(err instanceof NotPositiveDefiniteError)) throw err;
    }
  }
  const id = new Float64Array(n * n).map((_, i) => (i % (n + 1) === 0 ? 1 : 0));
  notes.push('correlation unusable: identity used');
  return { corr: id, lower: id.slice() };
}

export function buildFactorModel(
  underlyings: readonly string[],
  states: readonly UnderlyingState[],
  history: readonly DailyCloseSeries[] | undefined,
  options: FactorModelOptions = {},
): FactorModel {
  const nU = underlyings.length;
  const notes: string[] = [];
  const window = options.windowDays ?? 500;
  let aligned: AlignedHistory | undefined;
  const volSource = options.volSource ?? (history && history.length > 0 ? 'ewma' : 'implied');
  if (history && history.length > 0)
    aligned = alignHistory(history, underlyings, { lastDays: window + 1 });
  const returns = aligned
    ? underlyings.map((_, u) => dailyLogReturns(aligned as AlignedHistory, u))
    : undefined;
  const dailyVol = Float64Array.from(underlyings, (name, u) => {
    if (volSource === 'implied' || !returns) {
      const st = states.find((s) => s.underlying === name);
      if (!st) throw new RangeError(`no market state for underlying ${name}`);
      return st.atmVol / Math.sqrt(TRADING_DAYS_PER_YEAR);
    }
    const r = returns[u] as Float64Array;
    if (volSource === 'sample') {
      let s2 = 0;
      for (const x of r) s2 += x * x;
      return Math.sqrt(s2 / r.length);
    }
    const v = ewmaVarianceSeries(r, { lambda: 0.94 });
    return Math.sqrt(v[v.length - 1] as number);
  });
  notes.push(
    `spot vols: ${volSource}${aligned ? `, ${aligned.dayMs.length - 1} aligned daily returns` : ''}`,
  );
  let corr = new Float64Array(nU * nU).map((_, i) => (i % (nU + 1) === 0 ? 1 : 0));
  if (options.correlation) {
    if (options.correlation.length !== nU * nU)
      throw new RangeError(`correlation needs ${nU * nU} entries`);
    corr = Float64Array.from(options.correlation);
    notes.push('correlation: given');
  } else if (returns) {
    for (let i = 0; i < nU; i++) {
      for (let j = 0; j < i; j++) {
        const c = sampleCorrelation(returns[i] as Float64Array, returns[j] as Float64Array);
        corr[i * nU + j] = c;
        corr[j * nU + i] = c;
      }
    }
    notes.push('correlation: sample over the window');
  } else {
    notes.push('correlation: none (no history): underlyings independent');
  }
  const { corr: fixed, lower } = repairedCholesky(corr, nU, notes);
  const perU = (rec: Record<string, number> | undefined, fallback: number) =>
    Float64Array.from(underlyings, (name) => rec?.[name] ?? fallback);
  const volOfVolAnnual = perU(options.volOfVolAnnual, DEFAULT_VOL_OF_VOL_ANNUAL);
  const jumps = options.jumps ?? {};
  return {
    underlyings: underlyings.slice(),
    dailyVol,
    correlation: fixed,
    choleskyLower: lower,
    volOfVolDaily: volOfVolAnnual.map((x) => x / Math.sqrt(TRADING_DAYS_PER_YEAR)),
    spotVolCorrelation: perU(options.spotVolCorrelation, DEFAULT_SPOT_VOL_CORRELATION),
    jumpIntensityDaily: Float64Array.from(
      underlyings,
      (n) => (jumps[n]?.intensityPerYear ?? 0) / TRADING_DAYS_PER_YEAR,
    ),
    jumpMeanLog: Float64Array.from(underlyings, (n) => jumps[n]?.meanLog ?? 0),
    jumpVolLog: Float64Array.from(underlyings, (n) => jumps[n]?.volLog ?? 0),
    copula: options.copula ?? { kind: 'gaussian' },
    notes,
  };
}

/**
 * The model with some spot correlations replaced (custom correlation stress), repaired to the
 * nearest usable matrix by shrinkage if the shocked matrix is not positive definite. Pairs naming
 * an underlying the book does not hold are reported in the notes and skipped.
 */
export function withCorrelationShock(
  model: FactorModel,
  pairs: readonly { a: string; b: string; value: number }[],
): FactorModel {
  const n = model.underlyings.length;
  const corr = Float64Array.from(model.correlation);
  const notes = model.notes.slice();
  for (const { a, b, value } of pairs) {
    const i = model.underlyings.indexOf(a);
    const j = model.underlyings.indexOf(b);
    if (i < 0 || j < 0 || i === j) {
      notes.push(`correlation shock ${a}-${b} skipped (not two distinct underlyings of the book)`);
      continue;
    }
    corr[i * n + j] = value;
    corr[j * n + i] = value;
    notes.push(`correlation ${a}-${b} set to ${value}`);
  }
  const { corr: fixed, lower } = repairedCholesky(corr, n, notes);
  return { ...model, correlation: fixed, choleskyLower: lower, notes };
}
