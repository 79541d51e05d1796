/**
 * Aligns the daily close series of a book's underlyings on common dates, the scenario calendar of
 * historical simulation, factor-model estimation and book backtests.
 *
 * Dates are UTC days. A scenario day exists where every needed underlying has a close; returns
 * run between consecutive common days, so crypto weekend moves fold into Monday's equity-calendar
 * return and nothing is double counted or lost (a log return over several days is the sum of
 * the daily ones). What alignment cost is reported, not hidden:
 * - `gaps`: holes in a series longer than `maxGapDays` calendar days (default 4: a long weekend),
 * - `droppedDays`: per underlying, its closes that fell on days another series lacks.
 * Empty series, missing underlyings, non-positive or duplicate closes are errors naming the series.
 */
import type { DailyCloseSeries } from '../../domain/book-file';
import { isoDate, MS_PER_DAY, utcDayStartMs } from '../../domain/time';

export class HistoryError extends Error {
  override name = 'HistoryError';
}

export interface HistoryGap {
  underlying: string;
  /** Last date before the hole and first date after it (YYYY-MM-DD). */
  from: string;
  to: string;
  calendarDays: number;
}

export interface AlignedHistory {
  underlyings: string[];
  /** Common UTC day starts, oldest first. */
  dayMs: number[];
  /** closes[u][t]: close of underlying u on day t. */
  closes: Float64Array[];
  gaps: HistoryGap[];
  droppedDays: Record<string, number>;
}

export interface AlignOptions {
  maxGapDays?: number;
  /** Keep only the last `lastDays` common days (e.g. window + horizon). */
  lastDays?: number;
}

function seriesMap(series: DailyCloseSeries): Map<number, number> {
  const m = new Map<number, number>();
  if (series.points.length === 0)
    throw new HistoryError(`history of ${series.underlying} is empty`);
  for (const p of series.points) {
    if (!(p.close > 0) || !Number.isFinite(p.close)) {
      throw new HistoryError(
        `history of ${series.underlying}: close on ${isoDate(p.tsMs)} must be > 0, got ${p.close}`,
      );
    }
    const day = utcDayStartMs(p.tsMs);
    if (m.has(day))
      throw new HistoryError(`history of ${series.underlying}: two closes on ${isoDate(day)}`);
    m.set(day, p.close);
  }
  return m;
}

export function alignHistory(
  history: readonly DailyCloseSeries[] | undefined,
  underlyings: readonly string[],
  options: AlignOptions = {},
): AlignedHistory {
  if (!history || history.length === 0)
    throw new HistoryError('the book has no history (needed for this method)');
  if (underlyings.length === 0) throw new HistoryError('no underlyings to align');
  const maps = underlyings.map((u) => {
    const s = history.find((h) => h.underlying === u);
    if (!s) throw new HistoryError(`no history for underlying ${u}`);
    return seriesMap(s);
  });
  const maxGap = options.maxGapDays ?? 4;
  const gaps: HistoryGap[] = [];
  maps.forEach((m, i) => {
    const days = [...m.keys()].sort((a, b) => a - b);
    for (let t = 1; t < days.length; t++) {
      const d = ((days[t] as number) - (days[t - 1] as number)) / MS_PER_DAY;
      if (d > maxGap) {
        gaps.push({
          underlying: underlyings[i] as string,
          from: isoDate(days[t - 1] as number),
          to: isoDate(days[t] as number),
          calendarDays: d,
        });
      }
    }
  });
  let common = [...(maps[0] as Map<number, number>).keys()].filter((d) =>
    maps.every((m) => m.has(d)),
  );
  common.sort((a, b) => a - b);
  if (common.length < 2) {
    throw new HistoryError(
      `the histories of ${underlyings.join(', ')} share ${common.length} date(s); need at least 2`,
    );
  }
  const droppedDays: Record<string, number> = {};
  underlyings.forEach((u, i) => {
    const first = common[0] as number;
    let dropped = 0;
    for (const d of (maps[i] as Map<number, number>).keys())
      if (d >= first && !maps.every((m) => m.has(d))) dropped++;
    droppedDays[u] = dropped;
  });
  if (options.lastDays !== undefined && common.length > options.lastDays)
    common = common.slice(-options.lastDays);
  return {
    underlyings: underlyings.slice(),
    dayMs: common,
    closes: maps.map((m) => Float64Array.from(common, (d) => m.get(d) as number)),
    gaps,
    droppedDays,
  };
}

/** 1-day log returns of underlying u between consecutive common days (length days - 1). */
export function dailyLogReturns(aligned: AlignedHistory, u: number): Float64Array {
  const c = aligned.closes[u] as Float64Array;
  const out = new Float64Array(c.length - 1);
  for (let t = 1; t < c.length; t++) out[t - 1] = Math.log((c[t] as number) / (c[t - 1] as number));
  return out;
}
