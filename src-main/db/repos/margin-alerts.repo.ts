/** Margin band alerts: written when an account's level changes, kept after acknowledgement. */
import type { MarginAlert } from '../../../shared/contract/features/margin.api';
import type { Db } from '../database';

type Level = MarginAlert['from'];

interface Row {
  id: number;
  tsMs: number;
  accountId: string;
  accountName: string;
  from: Level;
  to: Level;
  direction: MarginAlert['direction'];
  marginRatio: number | null;
  message: string;
  acknowledgedMs: number | null;
}

const SELECT = `SELECT id, ts_ms AS tsMs, account_id AS accountId, account_name AS accountName,
  from_level AS "from", to_level AS "to", direction, margin_ratio AS marginRatio, message,
  acknowledged_ms AS acknowledgedMs FROM margin_alerts`;

export function createMarginAlertsRepo(db: Db) {
  return {
    /** Stores a new alert; returns it with its id. */
    insertMarginAlert(alert: Omit<MarginAlert, 'id' | 'acknowledgedMs'>): MarginAlert {
      const ratio =
        alert.marginRatio !== null && Number.isFinite(alert.marginRatio) ? alert.marginRatio : null;
      const info = db
        .prepare(
          `INSERT INTO margin_alerts (ts_ms, account_id, account_name, from_level, to_level, direction, margin_ratio, message)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          alert.tsMs,
          alert.accountId,
          alert.accountName,
          alert.from,
          alert.to,
          alert.direction,
          ratio,
          alert.message,
        );
      return {
        ...alert,
        marginRatio: ratio,
        id: Number(info.lastInsertRowid),
        acknowledgedMs: null,
      };
    },
    /** Newest first; unacknowledged only unless asked. */
    listMarginAlerts(includeAcknowledged = false, limit = 200): MarginAlert[] {
      const where = includeAcknowledged ? '' : ' WHERE acknowledged_ms IS NULL';
      return db.prepare(`${SELECT}${where} ORDER BY id DESC LIMIT ?`).all(limit) as Row[];
    },
    /** Acknowledges the given alerts (all open ones when `ids` is absent); returns how many. */
    acknowledgeMarginAlerts(ids: readonly number[] | undefined, nowMs: number): number {
      if (ids === undefined) {
        return db
          .prepare('UPDATE margin_alerts SET acknowledged_ms = ? WHERE acknowledged_ms IS NULL')
          .run(nowMs).changes;
      }
      const stmt = db.prepare(
        'UPDATE margin_alerts SET acknowledged_ms = ? WHERE id = ? AND acknowledged_ms IS NULL',
      );
      let n = 0;
      db.transaction(() => {
        for (const id of ids) n += stmt.run(nowMs, id).changes;
      })();
      return n;
    },
    countOpenMarginAlerts(): number {
      const row = db
        .prepare('SELECT count(*) AS n FROM margin_alerts WHERE acknowledged_ms IS NULL')
        .get() as { n: number };
      return row.n;
    },
    /** The level each account was last alerted into (the alert state to resume from). */
    lastMarginLevels(): Record<string, Level> {
      const rows = db
        .prepare(
          `SELECT account_id AS accountId, to_level AS level FROM margin_alerts
           WHERE id IN (SELECT max(id) FROM margin_alerts GROUP BY account_id)`,
        )
        .all() as { accountId: string; level: Level }[];
      return Object.fromEntries(rows.map((r) => [r.accountId, r.level]));
    },
  };
}
