/**
 * The backtest job of a risk run, as `cerberus backtest var --book`: today's book revalued in
 * full on every past day's spot moves (hypothetical P&L, vols held) over the whole stored
 * history; on each day after the first `windowDays`, the historical VaR of the previous
 * `windowDays` losses is the forecast and a loss above it is a breach. Kupiec, Christoffersen
 * and the Basel traffic light per confidence (`risk/var-backtest.ts`).
 */
import { historicalScenarioSet } from '../risk/historical-scenarios';
import { NO_MOVE, underlyingPnlExact } from '../risk/reval-rows';
import { backtestHistoricalVar } from '../risk/var-backtest';
import {
  checkCancelled,
  clockOf,
  prepareBook,
  type JobHooks,
  type RiskJobInput,
} from './job-input';
import type { BacktestConfidenceView, BacktestJobView } from './risk-views';

export const BACKTEST_WINDOW_DAYS = 250;

/** Daily hypothetical P&L of today's book on each day of the stored history (oldest first). */
export function hypotheticalPnl(input: RiskJobInput): { dayMs: number[]; pnlUsd: Float64Array } {
  const { book, file } = prepareBook(input);
  const set = historicalScenarioSet(file.history, book.underlyings, { windowDays: 'all' });
  const nU = book.underlyings.length;
  const move = { ...NO_MOVE };
  const pnlUsd = new Float64Array(set.windowDays);
  for (let t = 0; t < set.windowDays; t++) {
    let pnl = 0;
    for (let u = 0; u < nU; u++) {
      move.x = set.daily[t * nU + u] as number;
      pnl += underlyingPnlExact(book, u, move);
    }
    pnlUsd[t] = pnl;
  }
  return { dayMs: set.dayMs, pnlUsd };
}

export function backtestJob(
  input: RiskJobInput,
  windowDays = BACKTEST_WINDOW_DAYS,
  hooks: JobHooks = {},
): BacktestJobView {
  const clock = clockOf(hooks);
  const t0 = clock();
  const { dayMs, pnlUsd } = hypotheticalPnl(input);
  const losses = pnlUsd.map((p) => -p);
  const confidences = input.settings.confidences;
  const byConfidence: BacktestConfidenceView[] = confidences.map((a, i) => {
    checkCancelled(hooks);
    const r = backtestHistoricalVar(losses, windowDays, a, dayMs);
    hooks.onProgress?.(i + 1, confidences.length);
    return {
      confidence: a,
      varUsd: Array.from(r.forecasts),
      breaches: r.breaches,
      expectedBreaches: r.expectedBreaches,
      breachRate: r.breachRate,
      kupiec: { lr: r.kupiec.lr, pValue: r.kupiec.pValue },
      independence: { lr: r.independence.lr, pValue: r.independence.pValue },
      conditionalCoverage: { lr: r.conditionalCoverage.lr, pValue: r.conditionalCoverage.pValue },
      transitions: r.transitions,
      trafficLight: r.trafficLight,
      breachLog: r.breachLog.map((b) => ({
        dayMs: b.tsMs ?? dayMs[b.index] ?? 0,
        lossUsd: b.loss,
        varUsd: b.var,
      })),
    };
  });
  return {
    source: `today's book (${input.book.positions.length} positions) revalued on each past day's spot moves (hypothetical P&L)`,
    windowDays,
    dayMs: dayMs.slice(windowDays),
    pnlUsd: Array.from(pnlUsd.subarray(windowDays)),
    byConfidence,
    computeMs: clock() - t0,
  };
}
