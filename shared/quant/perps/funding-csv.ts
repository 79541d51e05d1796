/**
 * Reads funding histories from CSV text, detecting the format from the header:
 * - per-interval rates: a time column (`time`, `timestamp`, `fundingTime`, `date`) and a rate
 *   column (`funding_rate`, `fundingRate`, `rate`), e.g. test/fixtures/data/
 *   binance_btcusdt_funding_8h_2019-2020.csv (`time,funding_rate`);
 * - daily means: `date,funding_mean[,funding_abs]`, e.g. assets/data/
 *   binance_btcusdt_funding_daily_mean_2019-2026.csv (mean of the day's 8-hour rates).
 * Times are UTC (`YYYY-MM-DD[ HH:MM:SS][offset]`) or epoch milliseconds.
 */
import { csvNumber, parseCsv } from '../../io/csv';
import { parseUtcMs } from '../../domain/time';
import type { FundingPoint } from './funding-summary';

export type FundingCsvFormat = 'perInterval' | 'dailyMean';

export interface FundingCsv {
  format: FundingCsvFormat;
  points: FundingPoint[];
  /** Rows skipped (blank or unparsable), with 1-based line numbers. */
  skipped: { line: number; reason: string }[];
}

export class FundingCsvError extends Error {
  override name = 'FundingCsvError';
}

const TIME_COLUMNS = ['time', 'timestamp', 'fundingtime', 'date', 'datetime'];
const RATE_COLUMNS = ['funding_rate', 'fundingrate', 'rate'];

function findColumn(header: readonly string[], candidates: readonly string[]): string | undefined {
  for (const c of candidates) {
    const hit = header.find((h) => h.toLowerCase() === c);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function parseTime(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{11,14}$/.test(t)) return Number(t);
  return parseUtcMs(t);
}

export function parseFundingCsv(text: string): FundingCsv {
  const table = parseCsv(text);
  const timeCol = findColumn(table.header, TIME_COLUMNS);
  const meanCol = findColumn(table.header, ['funding_mean']);
  const rateCol = meanCol ?? findColumn(table.header, RATE_COLUMNS);
  if (timeCol === undefined || rateCol === undefined) {
    throw new FundingCsvError(
      `unrecognised funding CSV header "${table.header.join(',')}": expected a time column ` +
        `(${TIME_COLUMNS.join('/')}) and funding_rate/rate (per interval) or funding_mean (daily means)`,
    );
  }
  const skipped = table.errors.map((e) => ({ line: e.line, reason: e.message }));
  const points: FundingPoint[] = [];
  table.rows.forEach((row, i) => {
    const tsMs = parseTime(row[timeCol] ?? '');
    const rate = csvNumber(row[rateCol]);
    if (tsMs === undefined || rate === undefined) {
      skipped.push({ line: i + 2, reason: tsMs === undefined ? 'bad time' : 'bad rate' });
      return;
    }
    points.push({ tsMs, rate });
  });
  if (points.length === 0) throw new FundingCsvError('no usable rows in the funding CSV');
  return { format: meanCol !== undefined ? 'dailyMean' : 'perInterval', points, skipped };
}
