/** Funding history per perpetual: one row per funding time (the store caches every source). */
import type { FundingPoint, FundingPointSource } from '../../../shared/domain/derivatives';
import { MS_PER_DAY } from '../../../shared/domain/time';
import type { Db } from '../database';

interface Row {
  tsMs: number;
  rate: number;
  markPrice: number | null;
  source: FundingPointSource;
}

const SOURCE_RANK = "CASE source WHEN 'recorded' THEN 0 WHEN 'synthetic' THEN 1 ELSE 2 END";
const RANK_SOURCE: FundingPointSource[] = ['recorded', 'synthetic', 'live'];

function toPoint(r: Row): FundingPoint {
  return {
    tsMs: r.tsMs,
    rate: r.rate,
    source: r.source,
    ...(r.markPrice !== null ? { markPrice: r.markPrice } : {}),
  };
}

export function createFundingRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO funding_history (instrument_id, ts_ms, rate, mark_price, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (instrument_id, ts_ms) DO UPDATE SET rate = excluded.rate,
       mark_price = coalesce(excluded.mark_price, funding_history.mark_price), source = excluded.source`,
  );
  const saveTx = db.transaction((instrumentId: string, points: readonly FundingPoint[]) => {
    let n = 0;
    for (const p of points) {
      if (!Number.isFinite(p.rate) || !Number.isFinite(p.tsMs)) continue;
      const mark =
        p.markPrice !== undefined && p.markPrice > 0 && Number.isFinite(p.markPrice)
          ? p.markPrice
          : null;
      upsert.run(instrumentId, Math.round(p.tsMs), p.rate, mark, p.source ?? 'recorded');
      n++;
    }
    return n;
  });
  return {
    /** Inserts or replaces points (a point without a mark keeps a stored one); returns rows written. */
    saveFundingPoints(instrumentId: string, points: readonly FundingPoint[]): number {
      return saveTx(instrumentId, points);
    },
    fundingPoints(
      instrumentId: string,
      fromMs = 0,
      toMs = Number.MAX_SAFE_INTEGER,
    ): FundingPoint[] {
      return (
        db
          .prepare(
            `SELECT ts_ms AS tsMs, rate, mark_price AS markPrice, source FROM funding_history
             WHERE instrument_id = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms`,
          )
          .all(instrumentId, fromMs, toMs) as Row[]
      ).map(toPoint);
    },
    /** Daily means (UTC days); a day's source is its "most live" point's. */
    fundingDailyMeans(
      instrumentId: string,
      fromMs = 0,
      toMs = Number.MAX_SAFE_INTEGER,
    ): { tsMs: number; rate: number; source: FundingPointSource }[] {
      const rows = db
        .prepare(
          `SELECT (ts_ms / ${MS_PER_DAY}) * ${MS_PER_DAY} AS tsMs, avg(rate) AS rate, max(${SOURCE_RANK}) AS rank
           FROM funding_history WHERE instrument_id = ? AND ts_ms >= ? AND ts_ms <= ?
           GROUP BY ts_ms / ${MS_PER_DAY} ORDER BY tsMs`,
        )
        .all(instrumentId, fromMs, toMs) as { tsMs: number; rate: number; rank: number }[];
      return rows.map((r) => ({
        tsMs: r.tsMs,
        rate: r.rate,
        source: RANK_SOURCE[r.rank] ?? 'live',
      }));
    },
    fundingRange(instrumentId: string): { n: number; firstMs: number; lastMs: number } | undefined {
      const row = db
        .prepare(
          'SELECT count(*) AS n, min(ts_ms) AS firstMs, max(ts_ms) AS lastMs FROM funding_history WHERE instrument_id = ?',
        )
        .get(instrumentId) as { n: number; firstMs: number | null; lastMs: number | null };
      return row.n > 0 && row.firstMs !== null && row.lastMs !== null
        ? { n: row.n, firstMs: row.firstMs, lastMs: row.lastMs }
        : undefined;
    },
  };
}
