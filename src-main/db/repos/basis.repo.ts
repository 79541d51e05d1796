/**
 * MSTR fundamentals (the imported company record, one row per day) and the user's 8-K purchases,
 * each purchase written together with its audit_log row.
 */
import type {
  FundamentalsRecord,
  HoldingsPurchase,
} from '../../../shared/quant/basis/holdings-timeline';
import type { Db } from '../database';

/** One day of the company record as the file has it (USD; null = blank cell). */
export interface MstrFundamentalsRow {
  dayMs: number;
  closeUsd: number;
  marketCapUsd: number;
  btcPriceUsd: number | null;
  btcHoldings: number;
  debtUsd: number | null;
  preferredUsd: number | null;
  cashUsd: number | null;
  sourceMNav: number | null;
}

export type NewPurchase = Omit<HoldingsPurchase, 'id' | 'recordedMs'>;

const PURCHASE_COLUMNS = `id, day_ms AS dayMs, btc_bought AS btcBought, btc_holdings AS btcHoldings,
  avg_cost_usd AS avgCostUsd, shares_outstanding AS sharesOutstanding, debt_usd AS debtUsd,
  preferred_usd AS preferredUsd, cash_usd AS cashUsd, note, recorded_ms AS recordedMs`;

export function createBasisRepo(db: Db) {
  const audit = db.prepare(
    'INSERT INTO audit_log (ts_ms, actor, action, detail) VALUES (?, ?, ?, ?)',
  );
  const upsertDay = db.prepare(
    `INSERT INTO mstr_fundamentals (day_ms, close_usd, market_cap_usd, btc_price_usd, btc_holdings,
       debt_usd, preferred_usd, cash_usd, source_mnav, imported_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day_ms) DO UPDATE SET close_usd = excluded.close_usd,
       market_cap_usd = excluded.market_cap_usd, btc_price_usd = excluded.btc_price_usd,
       btc_holdings = excluded.btc_holdings, debt_usd = excluded.debt_usd,
       preferred_usd = excluded.preferred_usd, cash_usd = excluded.cash_usd,
       source_mnav = excluded.source_mnav, imported_ms = excluded.imported_ms`,
  );
  const insertPurchase = db.prepare(
    `INSERT INTO mstr_purchases (day_ms, btc_bought, btc_holdings, avg_cost_usd, shares_outstanding,
       debt_usd, preferred_usd, cash_usd, note, actor, recorded_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const purchaseById = db.prepare(`SELECT ${PURCHASE_COLUMNS} FROM mstr_purchases WHERE id = ?`);

  const importTx = db.transaction(
    (rows: readonly MstrFundamentalsRow[], source: string, actor: string, nowMs: number) => {
      let first = Infinity;
      let last = -Infinity;
      for (const r of rows) {
        upsertDay.run(
          r.dayMs,
          r.closeUsd,
          r.marketCapUsd,
          r.btcPriceUsd,
          r.btcHoldings,
          r.debtUsd,
          r.preferredUsd,
          r.cashUsd,
          r.sourceMNav,
          nowMs,
        );
        first = Math.min(first, r.dayMs);
        last = Math.max(last, r.dayMs);
      }
      const detail = {
        rows: rows.length,
        source,
        ...(rows.length ? { firstDayMs: first, lastDayMs: last } : {}),
      };
      audit.run(nowMs, actor, 'basis.fundamentals.import', JSON.stringify(detail));
      return rows.length;
    },
  );
  const purchaseTx = db.transaction((p: NewPurchase, actor: string, nowMs: number) => {
    const info = insertPurchase.run(
      p.dayMs,
      p.btcBought,
      p.btcHoldings,
      p.avgCostUsd,
      p.sharesOutstanding,
      p.debtUsd,
      p.preferredUsd,
      p.cashUsd,
      p.note,
      actor,
      nowMs,
    );
    const id = Number(info.lastInsertRowid);
    audit.run(nowMs, actor, 'basis.purchase.record', JSON.stringify({ id, ...p }));
    return purchaseById.get(id) as HoldingsPurchase;
  });

  return {
    /** Upserts the company record and writes one audit row for the import, atomically. */
    importMstrFundamentals(
      rows: readonly MstrFundamentalsRow[],
      source: string,
      actor: string,
      nowMs: number,
    ): number {
      return importTx(rows, source, actor, nowMs);
    },
    countMstrFundamentals(): number {
      return (db.prepare('SELECT count(*) AS n FROM mstr_fundamentals').get() as { n: number }).n;
    },
    /** The record oldest first; shares outstanding = market cap / close (split-adjusted). */
    listMstrFundamentals(): FundamentalsRecord[] {
      return db
        .prepare(
          `SELECT day_ms AS dayMs, btc_holdings AS btcHoldings,
             market_cap_usd / close_usd AS sharesOutstanding, debt_usd AS debtUsd,
             preferred_usd AS preferredUsd, cash_usd AS cashUsd, source_mnav AS sourceMNav
           FROM mstr_fundamentals ORDER BY day_ms`,
        )
        .all() as FundamentalsRecord[];
    },
    /** Stores a purchase and its audit row in one transaction; returns it with its id. */
    recordMstrPurchase(p: NewPurchase, actor: string, nowMs: number): HoldingsPurchase {
      return purchaseTx(p, actor, nowMs);
    },
    /** Oldest first (by effective day, then recording order). */
    listMstrPurchases(): HoldingsPurchase[] {
      return db
        .prepare(`SELECT ${PURCHASE_COLUMNS} FROM mstr_purchases ORDER BY day_ms, id`)
        .all() as HoldingsPurchase[];
    },
  };
}
