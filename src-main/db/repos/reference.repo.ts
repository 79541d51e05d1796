/** Accounts, instruments and positions: small tables, written immediately, never batched. */
import type { Account, Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Db } from '../database';

interface AccountRow {
  id: string;
  venue: string;
  name: string;
  base_currency: string;
  source: string;
  margin_mode: string;
}
interface PositionRow {
  id: string;
  account_id: string;
  instrument_id: string;
  quantity: number;
  avg_price: number;
  opened_ms: number;
  leverage: number;
}

export interface BookRecords {
  accounts: Account[];
  instruments: Instrument[];
  positions: Position[];
}

export function createReferenceRepo(db: Db) {
  const upsertAccount = db.prepare(
    `INSERT INTO accounts (id, venue, name, base_currency, source, margin_mode) VALUES (@id, @venue, @name, @baseCurrency, @source, @marginMode)
     ON CONFLICT (id) DO UPDATE SET venue = excluded.venue, name = excluded.name, base_currency = excluded.base_currency,
       source = excluded.source, margin_mode = excluded.margin_mode`,
  );
  const upsertInstrument = db.prepare(
    `INSERT INTO instruments (id, kind, venue, underlying, spec) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, venue = excluded.venue, underlying = excluded.underlying, spec = excluded.spec`,
  );
  const upsertPosition = db.prepare(
    `INSERT INTO positions (id, account_id, instrument_id, quantity, avg_price, opened_ms, leverage, updated_ms)
     VALUES (@id, @accountId, @instrumentId, @quantity, @avgPrice, @openedMs, @leverage, @updatedMs)
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, instrument_id = excluded.instrument_id,
       quantity = excluded.quantity, avg_price = excluded.avg_price, opened_ms = excluded.opened_ms,
       leverage = excluded.leverage, updated_ms = excluded.updated_ms`,
  );

  const insertInstruments = (instruments: readonly Instrument[]) => {
    for (const i of instruments)
      upsertInstrument.run(i.id, i.kind, i.venue, i.underlying, JSON.stringify(i));
  };
  const saveBookTx = db.transaction((book: BookRecords, nowMs: number) => {
    for (const a of book.accounts) upsertAccount.run(a);
    insertInstruments(book.instruments);
    for (const p of book.positions) upsertPosition.run({ ...p, updatedMs: nowMs });
  });
  const saveInstrumentsTx = db.transaction(insertInstruments);

  return {
    /** Accounts, instruments and positions in one transaction. */
    saveBook(book: BookRecords, nowMs: number): void {
      saveBookTx(book, nowMs);
    },
    saveInstruments(instruments: readonly Instrument[]): void {
      saveInstrumentsTx(instruments);
    },
    listAccounts(): Account[] {
      return (db.prepare('SELECT * FROM accounts ORDER BY id').all() as AccountRow[]).map((r) => ({
        id: r.id,
        venue: r.venue as Account['venue'],
        name: r.name,
        baseCurrency: r.base_currency,
        source: r.source as Account['source'],
        marginMode: r.margin_mode as Account['marginMode'],
      }));
    },
    listInstruments(ids?: readonly string[]): Instrument[] {
      const rows = db.prepare('SELECT spec FROM instruments ORDER BY id').all() as {
        spec: string;
      }[];
      const all = rows.map((r) => JSON.parse(r.spec) as Instrument);
      if (!ids) return all;
      const want = new Set(ids);
      return all.filter((i) => want.has(i.id));
    },
    listPositions(): Position[] {
      return (db.prepare('SELECT * FROM positions ORDER BY id').all() as PositionRow[]).map(
        (r) => ({
          id: r.id,
          accountId: r.account_id,
          instrumentId: r.instrument_id,
          quantity: r.quantity,
          avgPrice: r.avg_price,
          openedMs: r.opened_ms,
          leverage: r.leverage,
        }),
      );
    },
    countPositions(): number {
      return (db.prepare('SELECT count(*) AS n FROM positions').get() as { n: number }).n;
    },
  };
}
