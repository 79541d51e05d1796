/** Key-value settings, limits (with an audit trail) and risk snapshots. */
import type { LimitMetric, RiskLimit } from '../../../shared/domain/limits';
import type { Db } from '../database';

export function createSettingsRepo(db: Db) {
  const audit = db.prepare(
    'INSERT INTO audit_log (ts_ms, actor, action, detail) VALUES (?, ?, ?, ?)',
  );
  const upsertLimit = db.prepare(
    `INSERT INTO limits (metric, limit_value, warn_fraction, updated_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (metric) DO UPDATE SET limit_value = excluded.limit_value, warn_fraction = excluded.warn_fraction, updated_ms = excluded.updated_ms`,
  );
  const saveLimitsTx = db.transaction(
    (limits: readonly RiskLimit[], actor: string, nowMs: number) => {
      for (const l of limits) {
        upsertLimit.run(l.metric, l.limit, l.warnFraction, nowMs);
        audit.run(nowMs, actor, 'limit.set', JSON.stringify(l));
      }
    },
  );
  return {
    getMeta(key: string): unknown {
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
        { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    setMeta(key: string, value: unknown): void {
      db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, JSON.stringify(value));
    },
    listLimits(): RiskLimit[] {
      return (
        db
          .prepare(
            'SELECT metric, limit_value AS "limit", warn_fraction AS warnFraction FROM limits ORDER BY metric',
          )
          .all() as {
          metric: LimitMetric;
          limit: number;
          warnFraction: number;
        }[]
      ).map((r) => ({ metric: r.metric, limit: r.limit, warnFraction: r.warnFraction }));
    },
    /** Upserts limits and writes one audit row per change, atomically. */
    saveLimits(limits: readonly RiskLimit[], actor: string, nowMs: number): void {
      saveLimitsTx(limits, actor, nowMs);
    },
    saveRiskSnapshot(kind: string, tsMs: number, payload: unknown): void {
      db.prepare(
        'INSERT OR REPLACE INTO risk_snapshots (kind, ts_ms, payload) VALUES (?, ?, ?)',
      ).run(kind, tsMs, JSON.stringify(payload));
    },
    latestRiskSnapshot(kind: string): { tsMs: number; payload: unknown } | undefined {
      const row = db
        .prepare(
          'SELECT ts_ms AS tsMs, payload FROM risk_snapshots WHERE kind = ? ORDER BY ts_ms DESC LIMIT 1',
        )
        .get(kind) as { tsMs: number; payload: string } | undefined;
      return row ? { tsMs: row.tsMs, payload: JSON.parse(row.payload) as unknown } : undefined;
    },
    auditTrail(limit = 100): { tsMs: number; actor: string; action: string; detail: unknown }[] {
      return (
        db
          .prepare(
            'SELECT ts_ms AS tsMs, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?',
          )
          .all(limit) as {
          tsMs: number;
          actor: string;
          action: string;
          detail: string;
        }[]
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
    },
  };
}
