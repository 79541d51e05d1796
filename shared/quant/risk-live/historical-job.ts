/**
 * The historical-simulation job of a risk run: plain, EWMA-weighted and filtered (EWMA, GARCH)
 * historical VaR/ES of the live book by full revaluation (`risk/historical-var.ts`) at every
 * horizon and confidence, with histograms, contributions (by underlying for every variant, by
 * position for the plain one) and the basis and liquidity rows of the heatmap.
 */
import { isoDate } from '../../domain/time';
import type { HistoricalVarOptions } from '../risk/historical-var';
import { historicalVar } from '../risk/historical-var';
import { basisLosses, liquidityLosses } from './factor-losses';
import {
  checkCancelled,
  clockOf,
  prepareBook,
  type JobHooks,
  type RiskJobInput,
} from './job-input';
import type { HistoricalJobView, MethodView, VarMethodId } from './risk-views';
import { approximationView, cellsOf, contributionSets, pnlHistogram } from './view-helpers';

interface HsVariant {
  method: VarMethodId;
  label: string;
  options: Partial<HistoricalVarOptions>;
}

export function historicalVariants(ewmaWeightLambda: number): HsVariant[] {
  return [
    { method: 'historical', label: 'Historical', options: { weighting: 'equal' } },
    {
      method: 'historical-ewma',
      label: `Historical, EWMA weights (\u03bb ${ewmaWeightLambda})`,
      options: { weighting: 'ewma', weightLambda: ewmaWeightLambda },
    },
    { method: 'filtered-ewma', label: 'Filtered HS (EWMA vol)', options: { filter: 'ewma' } },
    { method: 'filtered-garch', label: 'Filtered HS (GARCH vol)', options: { filter: 'garch' } },
  ];
}

export function historicalJob(input: RiskJobInput, hooks: JobHooks = {}): HistoricalJobView {
  const s = input.settings;
  const prepared = prepareBook(input);
  const { book, portfolio } = prepared;
  const clock = clockOf(hooks);
  const variants = historicalVariants(s.ewmaWeightLambda);
  const total = variants.length + 1;
  let fromDayMs = 0;
  let toDayMs = 0;
  let windowDays = 0;
  const methods: MethodView[] = variants.map((variant, i) => {
    checkCancelled(hooks);
    const t0 = clock();
    const r = historicalVar(book, input.book.history, {
      windowDays: s.windowDays,
      horizonsDays: s.horizonsDays,
      confidences: s.confidences,
      keepScenarioPnl: true,
      ...variant.options,
      ...(variant.method === 'historical' ? { byPosition: portfolio } : {}),
    });
    fromDayMs = r.fromDayMs;
    toDayMs = r.toDayMs;
    windowDays = r.windowDays;
    hooks.onProgress?.(i + 1, total);
    const notes = [
      `${r.windowDays} daily returns ${isoDate(r.fromDayMs)}..${isoDate(r.toDayMs)}, overlapping h-day moves, full revaluation, vol levels and rates held`,
      prepared.volNote,
    ];
    if (r.gaps.length > 0) notes.push(`${r.gaps.length} gap(s) of more than 4 days in the history`);
    return {
      method: variant.method,
      label: variant.label,
      cells: r.horizons.flatMap((h) => cellsOf(h.horizonDays, h.results)),
      contributions: r.horizons.flatMap((h) =>
        contributionSets(h.horizonDays, h.contributions, h.positionContributions, true),
      ),
      histograms: r.horizons.map((h) => pnlHistogram(h.horizonDays, h.scenarioPnl ?? [])),
      approximation: approximationView(undefined),
      scenarios: r.horizons.map((h) => h.scenarios),
      notes,
      computeMs: clock() - t0,
    };
  });
  checkCancelled(hooks);
  const basis = basisLosses(prepared, s.horizonsDays, s.windowDays);
  const liquidity = liquidityLosses(prepared, s.horizonsDays);
  hooks.onProgress?.(total, total);
  return { methods, basis, liquidity, fromDayMs, toDayMs, windowDays };
}
