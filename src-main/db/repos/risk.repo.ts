/**
 * Risk engine storage: the user's stress scenarios (append-only versions, see migration 0005)
 * and the time series of risk snapshots (`risk_snapshots`, written by the risk service) with
 * their retention: every snapshot for two days, then the first of each hour, for a year.
 */
import type { Db } from '../database';

export interface UserScenarioRow {
  id: string;
  version: number;
  savedMs: number;
  /** The scenario JSON as saved. */
  body: string;
}

export const RISK_SNAPSHOT_RETENTION = {
  fullResolutionMs: 2 * 86_400_000,
  keepMs: 366 * 86_400_000,
};

const HOUR_MS = 3_600_000;

export function createRiskRepo(db: Db) {
  const latestVersion = db.prepare('SELECT max(version) AS v FROM risk_scenarios WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO risk_scenarios (id, version, saved_ms, body) VALUES (?, ?, ?, ?)',
  );
  const currentBody = db.prepare(
    'SELECT body FROM risk_scenarios WHERE id = ? ORDER BY version DESC LIMIT 1',
  );
  const appendTx = db.transaction((id: string, savedMs: number, body: string | null): number => {
    const row = latestVersion.get(id) as { v: number | null };
    const version = (row.v ?? 0) + 1;
    insert.run(id, version, savedMs, body);
    return version;
  });
  return {
    /** Appends a version of a user scenario; returns its version number. */
    saveUserScenario(id: string, body: string, savedMs: number): number {
      return appendTx(id, savedMs, body);
    },
    /** Appends a tombstone; false when the scenario has no current version. */
    deleteUserScenario(id: string, savedMs: number): boolean {
      const cur = currentBody.get(id) as { body: string | null } | undefined;
      if (!cur || cur.body === null) return false;
      appendTx(id, savedMs, null);
      return true;
    },
    /** The current version of every user scenario that is not deleted, by id. */
    listUserScenarios(): UserScenarioRow[] {
      return db
        .prepare(
          `SELECT s.id AS id, s.version AS version, s.saved_ms AS savedMs, s.body AS body
           FROM risk_scenarios s
           JOIN (SELECT id, max(version) AS v FROM risk_scenarios GROUP BY id) m
             ON m.id = s.id AND m.v = s.version
           WHERE s.body IS NOT NULL ORDER BY s.id`,
        )
        .all() as UserScenarioRow[];
    },
    /** Every version of one scenario, newest first (body null = deleted). */
    userScenarioVersions(id: string): { version: number; savedMs: number; body: string | null }[] {
      return db
        .prepare(
          'SELECT version, saved_ms AS savedMs, body FROM risk_scenarios WHERE id = ? ORDER BY version DESC',
        )
        .all(id) as { version: number; savedMs: number; body: string | null }[];
    },
    /** Snapshots of one kind in [fromMs, toMs], oldest first, evenly thinned to `maxPoints`. */
    riskSnapshots(
      kind: string,
      fromMs: number,
      toMs: number,
      maxPoints: number,
    ): { tsMs: number; payload: unknown }[] {
      const rows = db
        .prepare(
          'SELECT ts_ms AS tsMs, payload FROM risk_snapshots WHERE kind = ? AND ts_ms >= ? AND ts_ms <= ? ORDER BY ts_ms',
        )
        .all(kind, fromMs, toMs) as { tsMs: number; payload: string }[];
      const n = rows.length;
      const keep =
        n <= maxPoints
          ? rows
          : [
              ...new Set(
                Array.from({ length: maxPoints }, (_, i) =>
                  Math.round((i * (n - 1)) / Math.max(1, maxPoints - 1)),
                ),
              ),
            ].map((i) => rows[i] as { tsMs: number; payload: string });
      return keep.map((r) => ({ tsMs: r.tsMs, payload: JSON.parse(r.payload) as unknown }));
    },
    /** Applies the retention policy to one kind; returns the rows removed. */
    pruneRiskSnapshots(kind: string, nowMs: number): number {
      const cut = nowMs - RISK_SNAPSHOT_RETENTION.fullResolutionMs;
      const old = db
        .prepare(`DELETE FROM risk_snapshots WHERE kind = ? AND ts_ms < ?`)
        .run(kind, nowMs - RISK_SNAPSHOT_RETENTION.keepMs).changes;
      const thinned = db
        .prepare(
          `DELETE FROM risk_snapshots WHERE kind = ? AND ts_ms < ? AND ts_ms NOT IN (
             SELECT min(ts_ms) FROM risk_snapshots WHERE kind = ? AND ts_ms < ?
             GROUP BY ts_ms / ${HOUR_MS})`,
        )
        .run(kind, cut, kind, cut).changes;
      return old + thinned;
    },
  };
}
