/**
 * Scenario factor moves of historical simulation: for each past day in the window, the log spot
 * move of every underlying over the horizon.
 *
 * Horizon (h > 1 days): OVERLAPPING h-day returns x_s = r_s + ... + r_{s+h-1} inside the window
 * by default: they carry the real h-day behaviour (volatility clustering, fat tails and
 * cross-asset co-movement over h days) into a full revaluation at the true h-day move size,
 * which matters for options where P&L is not linear in the move. The price is autocorrelated
 * scenarios (window - h + 1 of them, fewer effective observations). `sqrt` scaling
 * (x_s = sqrt(h) r_s on every 1-day return) keeps all the window's days but assumes iid returns;
 * it is available for comparison.
 *
 * Filtering (`vol-filter.ts`) is applied to the 1-day returns before they are summed, using up to
 * `estimationDays` of history before the window so EWMA/GARCH start warm.
 */
import type { DailyCloseSeries } from '../../domain/book-file';
import { alignHistory, dailyLogReturns, HistoryError, type HistoryGap } from './history-align';
import { filterReturns, type VolFilter } from './vol-filter';

export type HorizonScaling = 'overlapping' | 'sqrt';

export interface HistoricalScenarioOptions {
  /** Number of 1-day returns in the window (default 500), or 'all' common days. */
  windowDays?: number | 'all';
  filter?: VolFilter;
  ewmaLambda?: number;
  scaling?: HorizonScaling;
  /** History used to warm the vol filter, in days (default 1000). */
  estimationDays?: number;
}

export interface HistoricalScenarios {
  underlyings: string[];
  /** 1-day (filtered) returns of the window: r[t * nU + u], t = 0..windowDays-1. */
  daily: Float64Array;
  windowDays: number;
  /** Day (UTC ms) each 1-day return ends on. */
  dayMs: number[];
  gaps: HistoryGap[];
  droppedDays: Record<string, number>;
}

export function historicalScenarioSet(
  history: readonly DailyCloseSeries[] | undefined,
  underlyings: readonly string[],
  options: HistoricalScenarioOptions = {},
): HistoricalScenarios {
  const requested = options.windowDays ?? 500;
  if (requested !== 'all' && !(Number.isInteger(requested) && requested >= 20)) {
    throw new RangeError(`window must be a whole number of days >= 20, got ${requested}`);
  }
  const filter = options.filter ?? 'none';
  const lastDays =
    requested === 'all'
      ? undefined
      : (filter === 'none' ? requested : Math.max(requested, options.estimationDays ?? 1000)) + 1;
  const aligned = alignHistory(history, underlyings, lastDays === undefined ? {} : { lastDays });
  const nRet = aligned.dayMs.length - 1;
  const windowDays = requested === 'all' ? nRet : requested;
  if (nRet < windowDays || windowDays < 20) {
    throw new HistoryError(
      `history has ${nRet} common daily returns; the window needs ${Math.max(windowDays, 20)}`,
    );
  }
  const nU = underlyings.length;
  const daily = new Float64Array(windowDays * nU);
  for (let u = 0; u < nU; u++) {
    const filtered = filterReturns(dailyLogReturns(aligned, u), filter, options.ewmaLambda ?? 0.94);
    for (let t = 0; t < windowDays; t++)
      daily[t * nU + u] = filtered[nRet - windowDays + t] as number;
  }
  return {
    underlyings: underlyings.slice(),
    daily,
    windowDays,
    dayMs: aligned.dayMs.slice(aligned.dayMs.length - windowDays),
    gaps: aligned.gaps,
    droppedDays: aligned.droppedDays,
  };
}

/** h-day scenario moves x[s * nU + u] (see header) and the end day of each scenario. */
export function horizonMoves(
  set: HistoricalScenarios,
  horizonDays: number,
  scaling: HorizonScaling = 'overlapping',
): { n: number; x: Float64Array; endDayMs: number[] } {
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) {
    throw new RangeError(`horizon must be a whole number of days >= 1, got ${horizonDays}`);
  }
  const nU = set.underlyings.length;
  const W = set.windowDays;
  if (scaling === 'sqrt' || horizonDays === 1) {
    const k = Math.sqrt(horizonDays);
    return { n: W, x: set.daily.map((r) => r * k), endDayMs: set.dayMs.slice() };
  }
  const n = W - horizonDays + 1;
  if (n < 1)
    throw new HistoryError(`window of ${W} days is shorter than the ${horizonDays}-day horizon`);
  const x = new Float64Array(n * nU);
  for (let u = 0; u < nU; u++) {
    let acc = 0;
    for (let t = 0; t < W; t++) {
      acc += set.daily[t * nU + u] as number;
      if (t >= horizonDays) acc -= set.daily[(t - horizonDays) * nU + u] as number;
      if (t >= horizonDays - 1) x[(t - horizonDays + 1) * nU + u] = acc;
    }
  }
  return { n, x, endDayMs: set.dayMs.slice(horizonDays - 1) };
}
