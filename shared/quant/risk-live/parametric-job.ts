/**
 * The parametric job of a risk run: the linearised book (delta-gamma-vega by finite differences
 * of full revaluation) in the Monte Carlo factor model, with normal (delta), Cornish-Fisher
 * (delta-gamma cumulants) and Student-t (nu fitted by maximum likelihood on the book's 1-day
 * historical P&L) VaR/ES at every horizon and confidence, as `var book --method parametric`.
 */
import { buildFactorModel, type FactorModel } from '../risk/factor-model';
import { historicalVar } from '../risk/historical-var';
import { linearisedBookVar } from '../risk/parametric-book';
import type { ParametricMethod } from '../risk/parametric-var';
import { taylorCoefficients } from '../risk/taylor-approx';
import { fitStudentTDof } from '../stats/student-t-fit';
import type { RiskBookInput } from '../risk/book-input';
import {
  checkCancelled,
  clockOf,
  prepareBook,
  type JobHooks,
  type RiskJobInput,
} from './job-input';
import type { MethodView, VarMethodId } from './risk-views';
import { cellsOf } from './view-helpers';

const DISTRIBUTIONS: { dist: ParametricMethod; method: VarMethodId; label: string }[] = [
  { dist: 'normal', method: 'parametric-normal', label: 'Parametric normal (delta)' },
  { dist: 'student-t', method: 'parametric-t', label: 'Parametric Student-t' },
  { dist: 'cornish-fisher', method: 'cornish-fisher', label: 'Cornish-Fisher (delta-gamma)' },
];

/**
 * The factor model every model-based method of a run shares (same window and copula). Without
 * usable history for every underlying of the book (a live desk trading a name with no stored
 * closes) it falls back to the quotes' ATM vols and independent underlyings, and says so.
 */
export function runFactorModel(prepared: RiskBookInput, input: RiskJobInput): FactorModel {
  const { book, file } = prepared;
  const options = { windowDays: input.settings.windowDays, copula: input.settings.copula };
  const missing = book.underlyings.filter(
    (u) => !(file.history ?? []).some((h) => h.underlying === u && h.points.length > 20),
  );
  if (missing.length === 0)
    return buildFactorModel(book.underlyings, file.underlyings, file.history, options);
  const model = buildFactorModel(book.underlyings, file.underlyings, undefined, {
    ...options,
    volSource: 'implied',
  });
  model.notes.push(`no daily history for ${missing.join(', ')}: implied vols, no correlation`);
  return model;
}

/** nu of the Student-t fitted on the book's 1-day historical P&L; null without usable history. */
function fittedNu(prepared: RiskBookInput, input: RiskJobInput): { nu: number; n: number } | null {
  try {
    const hs = historicalVar(prepared.book, input.book.history, {
      windowDays: input.settings.windowDays,
      horizonsDays: [1],
      confidences: input.settings.confidences,
      keepScenarioPnl: true,
    });
    const pnl = hs.horizons[0]?.scenarioPnl ?? [];
    return { nu: fitStudentTDof(pnl).nu, n: pnl.length };
  } catch (err) {
    if (err instanceof RangeError || (err instanceof Error && err.name === 'HistoryError'))
      return null;
    throw err;
  }
}

export function parametricJob(input: RiskJobInput, hooks: JobHooks = {}): MethodView[] {
  const s = input.settings;
  const prepared = prepareBook(input);
  const clock = clockOf(hooks);
  const t0 = clock();
  const model = runFactorModel(prepared, input);
  const taylor = taylorCoefficients(prepared.book);
  const fit = fittedNu(prepared, input);
  const setupMs = clock() - t0;
  const dists = DISTRIBUTIONS.filter((d) => d.dist !== 'student-t' || fit !== null);
  return dists.map((d, i) => {
    checkCancelled(hooks);
    const t1 = clock();
    let monotone = true;
    const cells = s.horizonsDays.flatMap((h) => {
      const r = linearisedBookVar(taylor, model, {
        horizonDays: h,
        confidences: s.confidences,
        method: d.dist,
        ...(d.dist === 'student-t' && fit ? { nu: fit.nu } : {}),
      });
      if (r.monotone === false) monotone = false;
      return cellsOf(h, r.results);
    });
    hooks.onProgress?.(i + 1, dists.length);
    const notes = [...model.notes];
    if (d.dist === 'student-t' && fit)
      notes.push(`nu ${fit.nu.toFixed(2)} fitted on ${fit.n} historical 1-day P&Ls`);
    if (!monotone) notes.push('Cornish-Fisher expansion not monotone in the tail: treat with care');
    return {
      method: d.method,
      label: d.label,
      cells,
      contributions: [],
      histograms: [],
      approximation: null,
      scenarios: s.horizonsDays.map(() => 0),
      notes,
      computeMs: clock() - t1 + (i === 0 ? setupMs : 0),
    };
  });
}
