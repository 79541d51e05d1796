/** The basis store: migration 3, the imported MSTR company record and audited 8-K purchases. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi } from '../../../src-main/db/db-api';
import { fundamentalsRowsFromCsv } from '../../../src-main/services/basis/basis-import';
import { tempDir } from '../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function freshApi() {
  const d = tempDir();
  dirs.push(d);
  const opened = openDatabase(join(d.path, 'cerberus.db'));
  return { db: opened.db, api: createDbApi(opened.db) };
}

const CSV = readFileSync(
  join(process.cwd(), 'assets/data/mstr_daily_with_btc_holdings_2020-2026.csv'),
  'utf8',
);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('basis store (migration 3)', () => {
  it('creates the fundamentals and purchases tables with their checks', () => {
    const { db } = freshApi();
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mstr_%'")
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables.sort()).toEqual(['mstr_fundamentals', 'mstr_purchases']);
    const bad = () =>
      db
        .prepare(
          'INSERT INTO mstr_purchases (day_ms, btc_bought, btc_holdings, actor, recorded_ms) VALUES (1, 1, -5, ?, 1)',
        )
        .run('x');
    expect(bad).toThrow(/CHECK constraint/);
    db.close();
  });

  it('imports the bundled company record: 1478 days, values as in the file', () => {
    const { db, api } = freshApi();
    const rows = fundamentalsRowsFromCsv(CSV);
    expect(rows).toHaveLength(1478);
    expect(api.importMstrFundamentals(rows, 'assets/data/test.csv', 'system', 99)).toBe(1478);
    expect(api.countMstrFundamentals()).toBe(1478);
    const list = api.listMstrFundamentals();
    expect(list[0]?.dayMs).toBe(day('2020-08-10'));
    const last = list.at(-1);
    // 2026-06-29: close 93.056, market cap 34,580,912,384, holdings 847,363, debt 6.754e9,
    // pref 15,460,738,400, usd_reserve 2.55e9, m_nav 1.0615015801413648.
    expect(last?.dayMs).toBe(day('2026-06-29'));
    expect(last?.btcHoldings).toBe(847363);
    expect(last?.sharesOutstanding).toBeCloseTo(34580912384 / 93.056, 3);
    expect(last?.debtUsd).toBe(6754000000);
    expect(last?.preferredUsd).toBe(15460738400);
    expect(last?.cashUsd).toBe(2550000000);
    expect(last?.sourceMNav).toBeCloseTo(1.0615015801413648, 14);
    // Early rows have no debt, preferred or cash figure (blank cells stay null).
    expect(list[0]?.debtUsd).toBeNull();
    expect(list[0]?.preferredUsd).toBeNull();
    // Re-importing is idempotent (upsert), each import audited.
    api.importMstrFundamentals(rows.slice(0, 10), 'again', 'system', 100);
    expect(api.countMstrFundamentals()).toBe(1478);
    const audit = api.auditTrail(5).filter((a) => a.action === 'basis.fundamentals.import');
    expect(audit).toHaveLength(2);
    expect(audit[1]?.detail).toEqual({
      rows: 1478,
      source: 'assets/data/test.csv',
      firstDayMs: day('2020-08-10'),
      lastDayMs: day('2026-06-29'),
    });
    db.close();
  });

  it('records purchases with an audit row and lists them by effective day', () => {
    const { db, api } = freshApi();
    const base = {
      avgCostUsd: null,
      sharesOutstanding: null,
      debtUsd: null,
      preferredUsd: null,
      cashUsd: null,
      note: null,
    };
    const a = api.recordMstrPurchase(
      { ...base, dayMs: day('2026-08-03'), btcBought: 500, btcHoldings: 848363 },
      'alice',
      10,
    );
    const b = api.recordMstrPurchase(
      {
        ...base,
        dayMs: day('2026-07-06'),
        btcBought: 500,
        btcHoldings: 847863,
        avgCostUsd: 61000,
        sharesOutstanding: 372e6,
        note: '8-K',
      },
      'bob',
      11,
    );
    expect(a.id).toBeGreaterThan(0);
    expect(b).toEqual({
      ...base,
      id: b.id,
      dayMs: day('2026-07-06'),
      btcBought: 500,
      btcHoldings: 847863,
      avgCostUsd: 61000,
      sharesOutstanding: 372e6,
      note: '8-K',
      recordedMs: 11,
    });
    expect(api.listMstrPurchases().map((p) => p.id)).toEqual([b.id, a.id]);
    const audit = api.auditTrail(10).filter((x) => x.action === 'basis.purchase.record');
    expect(audit.map((x) => x.actor)).toEqual(['bob', 'alice']);
    expect(audit[0]?.detail).toMatchObject({ id: b.id, btcHoldings: 847863, note: '8-K' });
    // A negative total is refused by the table itself, and nothing is audited for it.
    expect(() =>
      api.recordMstrPurchase({ ...base, dayMs: 1, btcBought: 1, btcHoldings: -1 }, 'eve', 12),
    ).toThrow(/CHECK constraint/);
    expect(api.auditTrail(10).filter((x) => x.actor === 'eve')).toEqual([]);
    db.close();
  });
});
