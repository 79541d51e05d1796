/** `cerberus var book`: runs one VaR method on a saved book and shapes the JSON output. */
import { isoDate } from '../../../shared/domain/time';
import type { RiskBookInput } from '../../../shared/quant/risk/book-input';
import type { Contribution } from '../../../shared/quant/risk/contributions';
import { buildFactorModel, type Copula } from '../../../shared/quant/risk/factor-model';
import { historicalVar } from '../../../shared/quant/risk/historical-var';
import { monteCarloVar } from '../../../shared/quant/risk/mc-var';
import { linearisedBookVar } from '../../../shared/quant/risk/parametric-book';
import { fitStudentTDof } from '../../../shared/quant/stats/student-t-fit';
import { taylorCoefficients } from '../../../shared/quant/risk/taylor-approx';
import { numberFlag, numberListFlag, type ParsedArgs } from '../cli-args';
import { CliUsageError } from '../cli-command';
import { confidencesFlag, oneOf } from './risk-cli-io';

interface Row {
  horizonDays: number;
  confidence: number;
  var: number;
  es: number;
  distribution?: string;
}

function contributionsOut(
  horizonDays: number,
  list: { confidence: number; byUnderlying: Contribution[] }[],
  positions: { confidence: number; byPosition: Contribution[] }[] | undefined,
  incrementalByPosition: boolean,
) {
  return list.map((c, i) => {
    const byPosition = positions?.[i]?.byPosition;
    return {
      horizonDays,
      confidence: c.confidence,
      byUnderlying: c.byUnderlying.map((b) => ({
        underlying: b.name,
        componentVar: b.componentVar,
        componentEs: b.componentEs,
        incrementalVar: b.incrementalVar,
      })),
      ...(byPosition
        ? {
            byPosition: byPosition.map((b) => ({
              positionId: b.name,
              componentVar: b.componentVar,
              componentEs: b.componentEs,
              ...(incrementalByPosition ? { incrementalVar: b.incrementalVar } : {}),
            })),
          }
        : {}),
    };
  });
}

function intFlag(
  parsed: ParsedArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = numberFlag(parsed, name, fallback);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new CliUsageError(`--${name} must be an integer in [${min}, ${max}], got ${v}`);
  return v;
}

export function runBookVar(input: RiskBookInput, parsed: ParsedArgs): Record<string, unknown> {
  const { file, book } = input;
  const method = oneOf(
    parsed,
    'method',
    ['historical', 'montecarlo', 'parametric'] as const,
    'historical',
  );
  const horizons = numberListFlag(parsed, 'horizon', [1, 10]);
  for (const h of horizons)
    if (!Number.isInteger(h) || h < 1 || h > 250)
      throw new CliUsageError(`--horizon values must be whole days in [1, 250], got ${h}`);
  const confidences = confidencesFlag(parsed, [0.95, 0.99]);
  const head = {
    method,
    currency: 'USD',
    asOf: new Date(file.asOfMs).toISOString(),
    positions: file.positions.length,
  };
  const window = intFlag(parsed, 'window', 500, 20, 5000);
  const byPosition = parsed.flags.get('by-position') === true ? input.portfolio : undefined;
  try {
    if (method === 'historical') {
      const weighting = oneOf(parsed, 'weighting', ['equal', 'ewma'] as const, 'equal');
      const r = historicalVar(book, file.history, {
        windowDays: window,
        horizonsDays: horizons,
        confidences,
        weighting,
        weightLambda: numberFlag(parsed, 'lambda', 0.97),
        filter: oneOf(parsed, 'filter', ['none', 'ewma', 'garch'] as const, 'none'),
        ...(byPosition ? { byPosition } : {}),
      });
      return {
        ...head,
        windowDays: r.windowDays,
        from: isoDate(r.fromDayMs),
        to: isoDate(r.toDayMs),
        weighting: r.weighting,
        ...(r.weightLambda !== undefined ? { lambda: r.weightLambda } : {}),
        filter: r.filter,
        scaling: r.scaling,
        scenarios: r.horizons.map((h) => ({ horizonDays: h.horizonDays, count: h.scenarios })),
        results: r.horizons.flatMap((h) =>
          h.results.map((m): Row => ({ horizonDays: h.horizonDays, ...m })),
        ),
        contributions: r.horizons.flatMap((h) =>
          contributionsOut(h.horizonDays, h.contributions, h.positionContributions, true),
        ),
        gaps: r.gaps,
        droppedDays: r.droppedDays,
      };
    }
    const copulaName = oneOf(parsed, 'copula', ['gaussian', 't'] as const, 'gaussian');
    const copula: Copula =
      copulaName === 't'
        ? { kind: 'student-t', nu: numberFlag(parsed, 'nu', 5) }
        : { kind: 'gaussian' };
    const model = buildFactorModel(book.underlyings, file.underlyings, file.history, {
      windowDays: window,
      copula,
    });
    if (method === 'montecarlo') {
      const paths = intFlag(parsed, 'paths', 100_000, 100, 10_000_000);
      const seed = intFlag(parsed, 'seed', 1, -(2 ** 52), 2 ** 52);
      const scheme = oneOf(parsed, 'scheme', ['grid', 'full', 'delta-gamma-vega'] as const, 'grid');
      const r = monteCarloVar(book, model, {
        paths,
        horizonsDays: horizons,
        confidences,
        seed,
        scheme,
        ...(byPosition ? { byPosition } : {}),
      });
      return {
        ...head,
        paths: r.paths,
        seed: r.seed,
        scheme: r.scheme,
        copula: r.copula,
        results: r.horizons.flatMap((h) =>
          h.results.map((m): Row => ({ horizonDays: h.horizonDays, ...m })),
        ),
        contributions: r.horizons.flatMap((h) =>
          contributionsOut(h.horizonDays, h.contributions, h.positionContributions, false),
        ),
        ...(r.approximationError ? { approximationError: r.approximationError } : {}),
        model: r.modelNotes,
      };
    }
    const taylor = taylorCoefficients(book);
    const notes = [...model.notes];
    let nu: number | undefined;
    if (file.history && file.history.length > 0) {
      const hs = historicalVar(book, file.history, {
        windowDays: window,
        horizonsDays: [1],
        keepScenarioPnl: true,
      });
      nu = fitStudentTDof(hs.horizons[0]?.scenarioPnl ?? []).nu;
      notes.push(
        `student-t nu fitted on the book's ${hs.horizons[0]?.scenarios} historical daily P&Ls`,
      );
    } else {
      notes.push('student-t skipped: the book has no history to fit nu');
    }
    const dists = (['normal', 'cornish-fisher', 'student-t'] as const).filter(
      (d) => d !== 'student-t' || nu !== undefined,
    );
    const results: Row[] = [];
    for (const h of horizons) {
      for (const d of dists) {
        const r = linearisedBookVar(taylor, model, {
          horizonDays: h,
          confidences,
          method: d,
          ...(nu !== undefined ? { nu } : {}),
        });
        for (const m of r.results) results.push({ horizonDays: h, distribution: d, ...m });
      }
    }
    return {
      ...head,
      linearisation: 'delta-gamma-vega (finite differences of full revaluation)',
      ...(nu !== undefined ? { nu } : {}),
      results,
      model: notes,
    };
  } catch (err) {
    if (err instanceof RangeError || (err instanceof Error && err.name === 'HistoryError'))
      throw new CliUsageError(err.message);
    throw err;
  }
}
