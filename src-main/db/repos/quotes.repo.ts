/**
 * Quote time series ("Timescale-lite"): raw rows keyed by (series, tsMs), a 1-minute OHLC
 * rollup maintained in the same transaction as each batch, time-bucket queries for charts and
 * a retention policy for raw rows (rollups are kept).
 */
import type { Candle } from '../../../shared/contract/schemas';
import type { Db } from '../database';

export interface QuoteRow {
  series: string;
  tsMs: number;
  bid?: number | undefined;
  ask?: number | undefined;
  mark: number;
  iv?: number | undefined;
  fundingRate?: number | undefined;
}

const MINUTE_MS = 60_000;

export function createQuotesRepo(db: Db) {
  const insertRaw = db.prepare(
    'INSERT OR REPLACE INTO quotes (series, ts_ms, bid, ask, mark, iv, funding_rate) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertMinute = db.prepare(
    `INSERT INTO quotes_1m (series, bucket_ms, open, high, low, close, close_ts_ms, n) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (series, bucket_ms) DO UPDATE SET
       high = max(high, excluded.high),
       low = min(low, excluded.low),
       close = CASE WHEN excluded.close_ts_ms >= close_ts_ms THEN excluded.close ELSE close END,
       close_ts_ms = max(close_ts_ms, excluded.close_ts_ms),
       n = n + 1`,
  );
  const insertBatch = db.transaction((rows: readonly QuoteRow[]) => {
    let written = 0;
    for (const r of rows) {
      // The store refuses what the screens must never show: non-finite or non-positive marks.
      if (!(r.mark > 0) || !Number.isFinite(r.mark) || !Number.isFinite(r.tsMs)) continue;
      insertRaw.run(
        r.series,
        r.tsMs,
        r.bid ?? null,
        r.ask ?? null,
        r.mark,
        r.iv ?? null,
        r.fundingRate ?? null,
      );
      const bucket = Math.floor(r.tsMs / MINUTE_MS) * MINUTE_MS;
      upsertMinute.run(r.series, bucket, r.mark, r.mark, r.mark, r.mark, r.tsMs);
      written++;
    }
    return written;
  });

  return {
    /** Inserts a batch in one transaction; returns the number of rows accepted. */
    insertQuotes(rows: readonly QuoteRow[]): number {
      return insertBatch(rows);
    },
    candles1m(series: string, fromMs: number, toMs: number, limit: number): Candle[] {
      const rows = db
        .prepare(
          `SELECT bucket_ms AS tsMs, open, high, low, close FROM quotes_1m
           WHERE series = ? AND bucket_ms >= ? AND bucket_ms <= ? ORDER BY bucket_ms DESC LIMIT ?`,
        )
        .all(series, fromMs, toMs, limit) as Candle[];
      return rows.reverse();
    },
    /** Buckets of any width over the 1-minute rollup (e.g. 5m, 1h), OHLC preserved. */
    candles(series: string, bucketMs: number, fromMs: number, toMs: number): Candle[] {
      return db
        .prepare(
          `SELECT DISTINCT t AS tsMs,
                  first_value(open) OVER w AS open, max(high) OVER w AS high,
                  min(low) OVER w AS low, last_value(close) OVER w AS close
           FROM (SELECT bucket_ms - (bucket_ms % CAST(@w AS INTEGER)) AS t, bucket_ms, open, high, low, close
                 FROM quotes_1m WHERE series = @s AND bucket_ms >= @from AND bucket_ms <= @to)
           WINDOW w AS (PARTITION BY t ORDER BY bucket_ms ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
           ORDER BY t`,
        )
        .all({ s: series, w: bucketMs, from: fromMs, to: toMs }) as Candle[];
    },
    latestMark(series: string): { tsMs: number; mark: number } | undefined {
      return db
        .prepare(
          'SELECT ts_ms AS tsMs, mark FROM quotes WHERE series = ? ORDER BY ts_ms DESC LIMIT 1',
        )
        .get(series) as { tsMs: number; mark: number } | undefined;
    },
    countRaw(series?: string): number {
      const row = series
        ? db.prepare('SELECT count(*) AS n FROM quotes WHERE series = ?').get(series)
        : db.prepare('SELECT count(*) AS n FROM quotes').get();
      return (row as { n: number }).n;
    },
    /** Retention: deletes raw quotes older than `olderThanMs`; rollups stay. */
    pruneRaw(olderThanMs: number): number {
      return db.prepare('DELETE FROM quotes WHERE ts_ms < ?').run(olderThanMs).changes;
    },
  };
}
