/**
 * History of fitted implied-vol surfaces: one row per fit (quality and arbitrage) and one row per
 * fit and constant-maturity tenor (ATM vol, 25-delta risk reversal and butterfly, skew slope).
 * Retention (surface.repo.ts): every fit for two days, then the first fit of each hour, for a year.
 */
export const sql = `
CREATE TABLE surface_fits (
  underlying TEXT NOT NULL,
  model TEXT NOT NULL CHECK (model IN ('svi', 'sabr')),
  ts_ms INTEGER NOT NULL,
  spot REAL NOT NULL CHECK (spot > 0),
  rmse_vol_pts REAL NOT NULL CHECK (rmse_vol_pts >= 0),
  inside_bid_ask REAL NOT NULL CHECK (inside_bid_ask BETWEEN 0 AND 1),
  butterfly_min_g REAL NOT NULL,
  calendar_violations INTEGER NOT NULL CHECK (calendar_violations >= 0),
  expiries INTEGER NOT NULL,
  fit_ms REAL NOT NULL,
  PRIMARY KEY (underlying, model, ts_ms)
) WITHOUT ROWID;

CREATE TABLE surface_metrics (
  underlying TEXT NOT NULL,
  model TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  tenor_days INTEGER NOT NULL CHECK (tenor_days > 0),
  atm_vol REAL NOT NULL CHECK (atm_vol > 0),
  rr25 REAL NOT NULL,
  bf25 REAL NOT NULL,
  skew_slope REAL NOT NULL,
  PRIMARY KEY (underlying, model, ts_ms, tenor_days),
  FOREIGN KEY (underlying, model, ts_ms) REFERENCES surface_fits (underlying, model, ts_ms)
    ON DELETE CASCADE
) WITHOUT ROWID;
`;
