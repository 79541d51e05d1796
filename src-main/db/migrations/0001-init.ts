/** Initial schema: reference data, positions, time series with 1-minute rollup, daily bars. */
export const sql = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  venue TEXT NOT NULL,
  name TEXT NOT NULL,
  base_currency TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('demo', 'live', 'file')),
  margin_mode TEXT NOT NULL
);

CREATE TABLE instruments (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  venue TEXT NOT NULL,
  underlying TEXT NOT NULL,
  spec TEXT NOT NULL CHECK (json_valid(spec))
);
CREATE INDEX instruments_underlying ON instruments (underlying);

CREATE TABLE positions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  instrument_id TEXT NOT NULL REFERENCES instruments (id),
  quantity REAL NOT NULL,
  avg_price REAL NOT NULL CHECK (avg_price >= 0),
  opened_ms INTEGER NOT NULL,
  leverage REAL NOT NULL DEFAULT 1 CHECK (leverage > 0),
  updated_ms INTEGER NOT NULL
);
CREATE INDEX positions_account ON positions (account_id);

-- Raw quotes, batched in by the writer; pruned by the retention policy.
CREATE TABLE quotes (
  series TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  bid REAL,
  ask REAL,
  mark REAL NOT NULL CHECK (mark > 0),
  iv REAL,
  funding_rate REAL,
  PRIMARY KEY (series, ts_ms)
) WITHOUT ROWID;

-- Continuous 1-minute rollup of quotes.mark, maintained on insert; kept after raw ticks are pruned.
CREATE TABLE quotes_1m (
  series TEXT NOT NULL,
  bucket_ms INTEGER NOT NULL,
  open REAL NOT NULL,
  high REAL NOT NULL,
  low REAL NOT NULL,
  close REAL NOT NULL,
  close_ts_ms INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (series, bucket_ms)
) WITHOUT ROWID;

CREATE TABLE bars_1d (
  series TEXT NOT NULL,
  day_ms INTEGER NOT NULL,
  close REAL NOT NULL CHECK (close > 0),
  source TEXT NOT NULL CHECK (source IN ('recorded', 'synthetic', 'live')),
  PRIMARY KEY (series, day_ms)
) WITHOUT ROWID;

CREATE TABLE risk_snapshots (
  kind TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  PRIMARY KEY (kind, ts_ms)
) WITHOUT ROWID;

CREATE TABLE limits (
  metric TEXT PRIMARY KEY,
  limit_value REAL NOT NULL CHECK (limit_value > 0),
  warn_fraction REAL NOT NULL CHECK (warn_fraction > 0 AND warn_fraction < 1),
  updated_ms INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL CHECK (json_valid(detail))
);
`;
