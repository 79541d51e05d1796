/**
 * History of fitted vol surfaces: per fit its quality and arbitrage numbers, per fit and tenor the
 * constant-maturity smile metrics. Queried by the surface screen's time slider; thinned by the
 * retention policy (every fit for `fullResolutionMs`, then the first fit of each hour, dropped
 * after `keepMs`).
 */
import type {
  SurfaceHistoryPoint,
  SurfaceModel,
  SurfaceTenorMetrics,
} from '../../../shared/domain/vol-surface';
import type { Db } from '../database';

export interface SurfaceFitRow extends SurfaceHistoryPoint {
  underlying: string;
  model: SurfaceModel;
  expiries: number;
  fitMs: number;
}

export const SURFACE_RETENTION = {
  fullResolutionMs: 2 * 86_400_000,
  keepMs: 366 * 86_400_000,
};

const HOUR_MS = 3_600_000;

function finiteRow(r: SurfaceFitRow): boolean {
  const nums = [
    r.tsMs,
    r.spot,
    r.rmseVolPts,
    r.insideBidAsk,
    r.butterflyMinG,
    r.calendarViolations,
    r.expiries,
    r.fitMs,
  ];
  return nums.every(Number.isFinite) && r.spot > 0;
}

function finiteTenor(t: SurfaceTenorMetrics): boolean {
  return (
    [t.tenorDays, t.atmVol, t.rr25, t.bf25, t.skewSlope].every(Number.isFinite) && t.atmVol > 0
  );
}

/** Evenly spaced indices 0..n-1 (first and last always kept). */
function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(Math.round((i * (n - 1)) / (max - 1)));
  return [...new Set(out)];
}

interface FitDbRow {
  tsMs: number;
  spot: number;
  rmseVolPts: number;
  insideBidAsk: number;
  butterflyMinG: number;
  calendarViolations: number;
}

export function createSurfaceRepo(db: Db) {
  const insertFit = db.prepare(
    `INSERT OR IGNORE INTO surface_fits (underlying, model, ts_ms, spot, rmse_vol_pts, inside_bid_ask,
       butterfly_min_g, calendar_violations, expiries, fit_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMetric = db.prepare(
    `INSERT OR REPLACE INTO surface_metrics (underlying, model, ts_ms, tenor_days, atm_vol, rr25, bf25, skew_slope)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTx = db.transaction((r: SurfaceFitRow): boolean => {
    const added = insertFit.run(
      r.underlying,
      r.model,
      r.tsMs,
      r.spot,
      r.rmseVolPts,
      r.insideBidAsk,
      r.butterflyMinG,
      r.calendarViolations,
      r.expiries,
      r.fitMs,
    ).changes;
    if (added === 0) return false;
    for (const t of r.tenors.filter(finiteTenor)) {
      insertMetric.run(
        r.underlying,
        r.model,
        r.tsMs,
        t.tenorDays,
        t.atmVol,
        t.rr25,
        t.bf25,
        t.skewSlope,
      );
    }
    return true;
  });

  return {
    /** Stores one fit and its tenor metrics atomically; false for a duplicate or non-finite row. */
    insertSurfaceFit(row: SurfaceFitRow): boolean {
      if (!finiteRow(row)) return false;
      return insertTx(row);
    },
    latestSurfaceFitMs(underlying: string, model: SurfaceModel): number | undefined {
      const row = db
        .prepare('SELECT max(ts_ms) AS tsMs FROM surface_fits WHERE underlying = ? AND model = ?')
        .get(underlying, model) as { tsMs: number | null };
      return row.tsMs ?? undefined;
    },
    /** Fits in [fromMs, toMs], oldest first, evenly thinned to at most maxPoints. */
    surfaceHistory(
      underlying: string,
      model: SurfaceModel,
      fromMs: number,
      toMs: number,
      maxPoints: number,
    ): SurfaceHistoryPoint[] {
      const fits = db
        .prepare(
          `SELECT ts_ms AS tsMs, spot, rmse_vol_pts AS rmseVolPts, inside_bid_ask AS insideBidAsk,
                  butterfly_min_g AS butterflyMinG, calendar_violations AS calendarViolations
           FROM surface_fits WHERE underlying = ? AND model = ? AND ts_ms BETWEEN ? AND ?
           ORDER BY ts_ms`,
        )
        .all(underlying, model, fromMs, toMs) as FitDbRow[];
      const picked = sampleIndices(fits.length, Math.max(2, maxPoints)).map(
        (i) => fits[i] as FitDbRow,
      );
      if (picked.length === 0) return [];
      const wanted = new Set(picked.map((f) => f.tsMs));
      const tenors = new Map<number, SurfaceTenorMetrics[]>();
      const rows = db
        .prepare(
          `SELECT ts_ms AS tsMs, tenor_days AS tenorDays, atm_vol AS atmVol, rr25, bf25, skew_slope AS skewSlope
           FROM surface_metrics WHERE underlying = ? AND model = ? AND ts_ms BETWEEN ? AND ?
           ORDER BY ts_ms, tenor_days`,
        )
        .all(
          underlying,
          model,
          (picked[0] as FitDbRow).tsMs,
          (picked[picked.length - 1] as FitDbRow).tsMs,
        ) as (SurfaceTenorMetrics & { tsMs: number })[];
      for (const { tsMs, ...t } of rows) {
        if (!wanted.has(tsMs)) continue;
        const list = tenors.get(tsMs);
        if (list) list.push(t);
        else tenors.set(tsMs, [t]);
      }
      return picked.map((f) => ({ ...f, tenors: tenors.get(f.tsMs) ?? [] }));
    },
    /** Applies the retention policy; returns the number of fits deleted (metrics cascade). */
    pruneSurfaceHistory(nowMs: number, policy = SURFACE_RETENTION): number {
      const dropped = db
        .prepare('DELETE FROM surface_fits WHERE ts_ms < ?')
        .run(nowMs - policy.keepMs).changes;
      const thinned = db
        .prepare(
          `DELETE FROM surface_fits WHERE ts_ms < @cut AND EXISTS (
             SELECT 1 FROM surface_fits AS f2
             WHERE f2.underlying = surface_fits.underlying AND f2.model = surface_fits.model
               AND f2.ts_ms < surface_fits.ts_ms
               AND f2.ts_ms >= surface_fits.ts_ms - (surface_fits.ts_ms % @hour))`,
        )
        .run({ cut: nowMs - policy.fullResolutionMs, hour: HOUR_MS }).changes;
      return dropped + thinned;
    },
  };
}
