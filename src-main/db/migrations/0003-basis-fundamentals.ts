/**
 * MSTR fundamentals for the basis model: the company record per day, imported on first launch
 * from the bundled file (`assets/data/mstr_daily_with_btc_holdings_2020-2026.csv`, its own
 * columns: close, market cap, BTC price, holdings, debt, preferreds, cash, m_nav), and the 8-K
 * purchases the user records afterwards (totals after the purchase; NULL = unchanged). Each
 * purchase is also written to audit_log in the same transaction.
 */
export const sql = `
CREATE TABLE mstr_fundamentals (
  day_ms INTEGER PRIMARY KEY,
  close_usd REAL NOT NULL CHECK (close_usd > 0),
  market_cap_usd REAL NOT NULL CHECK (market_cap_usd > 0),
  btc_price_usd REAL CHECK (btc_price_usd > 0),
  btc_holdings REAL NOT NULL CHECK (btc_holdings > 0),
  debt_usd REAL CHECK (debt_usd >= 0),
  preferred_usd REAL CHECK (preferred_usd >= 0),
  cash_usd REAL CHECK (cash_usd >= 0),
  source_mnav REAL,
  imported_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE mstr_purchases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  day_ms INTEGER NOT NULL,
  btc_bought REAL NOT NULL,
  btc_holdings REAL NOT NULL CHECK (btc_holdings > 0),
  avg_cost_usd REAL CHECK (avg_cost_usd > 0),
  shares_outstanding REAL CHECK (shares_outstanding > 0),
  debt_usd REAL CHECK (debt_usd >= 0),
  preferred_usd REAL CHECK (preferred_usd >= 0),
  cash_usd REAL CHECK (cash_usd >= 0),
  note TEXT,
  actor TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL
);
CREATE INDEX mstr_purchases_day ON mstr_purchases (day_ms);
`;
