/**
 * Reads one price column of a daily CSV into a chronological series (oldest first), the input of
 * `var series` and `backtest var`. Files come in either order (the bundled MSTR file is newest
 * first), so rows are sorted by the date column when there is one; duplicate dates, blank or
 * non-positive prices are errors that name the line, never silently dropped or turned into NaN.
 */
import { csvNumber, parseCsv } from '../../io/csv';
import { parseUtcMs } from '../../domain/time';

export interface PriceSeries {
  /** UTC ms of each close when the file has a date column; empty otherwise. */
  tsMs: number[];
  closes: Float64Array;
}

export class PriceSeriesError extends Error {
  override name = 'PriceSeriesError';
}

const DATE_COLUMNS = ['date', 'timestamp', 'time', 'datetime'];

export function readPriceColumn(csvText: string, column: string): PriceSeries {
  const table = parseCsv(csvText);
  if (table.header.length === 0) throw new PriceSeriesError('empty file: no header row');
  const firstError = table.errors[0];
  if (firstError) throw new PriceSeriesError(`line ${firstError.line}: ${firstError.message}`);
  if (!table.header.includes(column)) {
    throw new PriceSeriesError(`no column "${column}" (columns: ${table.header.join(', ')})`);
  }
  const dateColumn = table.header.find((h) => DATE_COLUMNS.includes(h.toLowerCase()));
  const rows = table.rows.map((row, r) => {
    const line = r + 2;
    const price = csvNumber(row[column]);
    if (price === undefined)
      throw new PriceSeriesError(`line ${line}: ${column} is blank or not a number`);
    if (!(price > 0))
      throw new PriceSeriesError(`line ${line}: ${column} must be > 0, got ${price}`);
    let tsMs = r;
    if (dateColumn !== undefined) {
      const parsed = parseUtcMs(row[dateColumn] ?? '');
      if (parsed === undefined)
        throw new PriceSeriesError(`line ${line}: invalid date "${row[dateColumn]}"`);
      tsMs = parsed;
    }
    return { tsMs, price, line };
  });
  if (rows.length === 0) throw new PriceSeriesError('no data rows');
  if (dateColumn !== undefined) rows.sort((a, b) => a.tsMs - b.tsMs);
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1] as (typeof rows)[number];
    const cur = rows[i] as (typeof rows)[number];
    if (dateColumn !== undefined && cur.tsMs === prev.tsMs) {
      throw new PriceSeriesError(`lines ${prev.line} and ${cur.line}: duplicate date`);
    }
  }
  return {
    tsMs: dateColumn !== undefined ? rows.map((r) => r.tsMs) : [],
    closes: Float64Array.from(rows, (r) => r.price),
  };
}
