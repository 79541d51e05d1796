/**
 * Funding history per perpetual (one row per funding time, with its provenance and, when known,
 * the mark it was paid on) and margin band alerts (level transitions per account, kept until the
 * user acknowledges them and for the record afterwards).
 */
export const sql = `
CREATE TABLE funding_history (
  instrument_id TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  rate REAL NOT NULL,
  mark_price REAL CHECK (mark_price IS NULL OR mark_price > 0),
  source TEXT NOT NULL CHECK (source IN ('recorded', 'synthetic', 'live')),
  PRIMARY KEY (instrument_id, ts_ms)
) WITHOUT ROWID;

CREATE TABLE margin_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts_ms INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  account_name TEXT NOT NULL,
  from_level TEXT NOT NULL CHECK (from_level IN ('safe', 'warning', 'danger', 'liquidation')),
  to_level TEXT NOT NULL CHECK (to_level IN ('safe', 'warning', 'danger', 'liquidation')),
  direction TEXT NOT NULL CHECK (direction IN ('worse', 'better')),
  margin_ratio REAL,
  message TEXT NOT NULL,
  acknowledged_ms INTEGER
);
CREATE INDEX margin_alerts_account ON margin_alerts (account_id, id);
CREATE INDEX margin_alerts_open ON margin_alerts (acknowledged_ms, id);
`;
