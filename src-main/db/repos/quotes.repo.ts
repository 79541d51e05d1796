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

interface MinuteBar {
  series: string;
  bucketMs: number;
  open: number;
  openTsMs: number;
  high: number;
  low: number;
  close: number;
  closeTsMs: number;
  n: number;
}

function foldMinute(minutes: Map<string, MinuteBar>, r: QuoteRow): void {
  const bucketMs = Math.floor(r.tsMs / MINUTE_MS) * MINUTE_MS;
  const key = `${r.series}\u0000${bucketMs}`;
  const m = minutes.get(key);
  if (!m) {
    minutes.set(key, {
      series: r.series,
      bucketMs,
      open: r.mark,
      openTsMs: r.tsMs,
      high: r.mark,
      low: r.mark,
      close: r.mark,
      closeTsMs: r.tsMs,
      n: 1,
    });
    return;
  }
  if (r.tsMs < m.openTsMs) {
    m.open = r.mark;
    m.openTsMs = r.tsMs;
  }
  if (r.tsMs >= m.closeTsMs) {
    m.close = r.mark;
    m.closeTsMs = r.tsMs;
  }
  m.high = Math.max(m.high, r.mark);
  m.low = Math.min(m.low, r.mark);
  m.n++;
}

export function createQuotesRepo(db: Db) {
  const insertRaw = db.prepare(
    'INSERT OR REPLACE INTO quotes (series, ts_ms, bid, ask, mark, iv, funding_rate) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertMinute = db.prepare(
    `INSERT INTO quotes_1m (series, bucket_ms, open, high, low, close, close_ts_ms, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (series, bucket_ms) DO UPDATE SET
       high = max(high, excluded.high),
       low = min(low, excluded.low),
       close = CASE WHEN excluded.close_ts_ms >= close_ts_ms THEN excluded.close ELSE close END,
       close_ts_ms = max(close_ts_ms, excluded.close_ts_ms),
       n = n + excluded.n`,
  );
  const insertBatch = db.transaction((rows: readonly QuoteRow[]) => {
    let written = 0;
    // The batch is first folded into one OHLC per (series, minute), so the rollup costs one
    // upsert per bucket instead of one per row.
    const minutes = new Map<string, MinuteBar>();
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
      foldMinute(minutes, r);
      written++;
    }
    for (const m of minutes.values()) {
      upsertMinute.run(m.series, m.bucketMs, m.open, m.high, m.low, m.close, m.closeTsMs, m.n);
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
