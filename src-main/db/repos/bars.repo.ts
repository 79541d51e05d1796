/** Daily closes per series (history for VaR, backtests and basis; seeded on first launch). */
import type { DailyCloseSeries } from '../../../shared/domain/book-file';
import type { Db } from '../database';

export type BarSource = 'recorded' | 'synthetic' | 'live';

export function createBarsRepo(db: Db) {
  const upsert = db.prepare(
    'INSERT INTO bars_1d (series, day_ms, close, source) VALUES (?, ?, ?, ?) ON CONFLICT (series, day_ms) DO UPDATE SET close = excluded.close, source = excluded.source',
  );
  const saveSeriesTx = db.transaction(
    (series: readonly DailyCloseSeries[], recordedUntilMs: Record<string, number>) => {
      let n = 0;
      for (const s of series) {
        const until =
          recordedUntilMs[s.underlying] ?? (s.source === 'recorded' ? Infinity : -Infinity);
        for (const p of s.points) {
          upsert.run(s.underlying, p.tsMs, p.close, p.tsMs <= until ? 'recorded' : 'synthetic');
          n++;
        }
      }
      return n;
    },
  );
  return {
    /** Writes whole series; points after `recordedUntilMs[underlying]` are tagged synthetic. */
    saveDailySeries(
      series: readonly DailyCloseSeries[],
      recordedUntilMs: Record<string, number>,
    ): number {
      return saveSeriesTx(series, recordedUntilMs);
    },
    upsertClose(series: string, dayMs: number, close: number, source: BarSource): void {
      if (close > 0 && Number.isFinite(close)) upsert.run(series, dayMs, close, source);
    },
    dailyCloses(
      series: string,
      fromMs = 0,
      toMs = Number.MAX_SAFE_INTEGER,
    ): { tsMs: number; close: number; source: BarSource }[] {
      return db
        .prepare(
          'SELECT day_ms AS tsMs, close, source FROM bars_1d WHERE series = ? AND day_ms >= ? AND day_ms <= ? ORDER BY day_ms',
        )
        .all(series, fromMs, toMs) as { tsMs: number; close: number; source: BarSource }[];
    },
    seriesList(): { series: string; n: number; firstMs: number; lastMs: number }[] {
      return db
        .prepare(
          'SELECT series, count(*) AS n, min(day_ms) AS firstMs, max(day_ms) AS lastMs FROM bars_1d GROUP BY series ORDER BY series',
        )
        .all() as { series: string; n: number; firstMs: number; lastMs: number }[];
    },
  };
}
