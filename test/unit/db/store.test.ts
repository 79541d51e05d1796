import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi } from '../../../src-main/db/db-api';
import { migrations } from '../../../src-main/db/migrations/index';
import { DEMO_ACCOUNTS } from '../../../src-main/venues/demo/sample-book';
import { equityInstrument } from '../../../shared/sim/demo-instruments';
import { tempDir } from '../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function freshPath(): string {
  const d = tempDir();
  dirs.push(d);
  return join(d.path, 'cerberus.db');
}

function schemaOf(path: string): string {
  const { db } = openDatabase(path);
  const rows = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { sql: string }[];
  db.close();
  return rows.map((r) => r.sql).join(';\n');
}

describe('store migrations', () => {
  it('migrates an empty file to the latest version and re-opens it without change', () => {
    const path = freshPath();
    const first = openDatabase(path);
    expect(first.migratedTo).toBe(migrations.at(-1)?.version);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const applied = first.db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all();
    first.db.close();
    const second = openDatabase(path);
    expect(
      second.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all(),
    ).toEqual(applied);
    second.db.close();
  });

  it('matches the committed schema snapshot', async () => {
    await expect(schemaOf(freshPath()) + '\n').toMatchFileSnapshot('../../fixtures/schema.sql');
  });

  it('moves a damaged file aside as a backup and starts a fresh store', () => {
    const path = freshPath();
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const opened = openDatabase(path, 1234);
    expect(opened.recovered).toBe(`${path}.damaged-1234`);
    expect(existsSync(`${path}.damaged-1234`)).toBe(true);
    expect(opened.db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    opened.db.close();
  });

  it('refuses a database written by a newer Cerberus', () => {
    const path = freshPath();
    const { db } = openDatabase(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (999, ?, 0)').run(
      'future',
    );
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this Cerberus/);
  });
});

describe('repositories', () => {
  it('round-trips accounts, instruments and positions', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const mstr = equityInstrument('MSTR');
    api.saveBook(
      {
        accounts: DEMO_ACCOUNTS,
        instruments: [mstr],
        positions: [
          {
            id: 'p1',
            accountId: 'demo-ib',
            instrumentId: mstr.id,
            quantity: 10,
            avgPrice: 100,
            openedMs: 5,
            leverage: 1,
          },
        ],
      },
      10,
    );
    expect(api.listAccounts()).toEqual([...DEMO_ACCOUNTS].sort((a, b) => a.id.localeCompare(b.id)));
    expect(api.listInstruments()).toEqual([mstr]);
    expect(api.listPositions()).toEqual([
      {
        id: 'p1',
        accountId: 'demo-ib',
        instrumentId: mstr.id,
        quantity: 10,
        avgPrice: 100,
        openedMs: 5,
        leverage: 1,
      },
    ]);
    db.close();
  });

  it('rejects a position on an unknown account (foreign keys are on)', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const mstr = equityInstrument('MSTR');
    expect(() =>
      api.saveBook(
        {
          accounts: [],
          instruments: [mstr],
          positions: [
            {
              id: 'p',
              accountId: 'nope',
              instrumentId: mstr.id,
              quantity: 1,
              avgPrice: 1,
              openedMs: 0,
              leverage: 1,
            },
          ],
        },
        0,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(api.listInstruments()).toEqual([]);
    db.close();
  });

  it('maintains the 1-minute rollup as quotes arrive and keeps it after raw retention', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    const marks = [100, 104, 98, 101, 103];
    api.insertQuotes(marks.map((mark, i) => ({ series: 'idx:BTC', tsMs: t0 + i * 10_000, mark })));
    api.insertQuotes([{ series: 'idx:BTC', tsMs: t0 + 61_000, mark: 99 }]);
    const candles = api.candles1m('idx:BTC', t0, t0 + 120_000, 10);
    expect(candles).toEqual([
      { tsMs: t0, open: 100, high: 104, low: 98, close: 103 },
      { tsMs: t0 + 60_000, open: 99, high: 99, low: 99, close: 99 },
    ]);
    expect(api.pruneRaw(t0 + 60_000)).toBe(5);
    expect(api.countRaw('idx:BTC')).toBe(1);
    expect(api.candles1m('idx:BTC', t0, t0 + 120_000, 10)).toHaveLength(2);
    db.close();
  });

  it('merges a minute split across batches and rows arriving out of order', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    api.insertQuotes([
      { series: 'x', tsMs: t0 + 20_000, mark: 101 },
      { series: 'x', tsMs: t0 + 5_000, mark: 100 },
      { series: 'x', tsMs: t0 + 40_000, mark: 97 },
    ]);
    api.insertQuotes([
      { series: 'x', tsMs: t0 + 50_000, mark: 105 },
      { series: 'x', tsMs: t0 + 30_000, mark: 99 },
    ]);
    expect(api.candles1m('x', t0, t0 + 60_000, 10)).toEqual([
      { tsMs: t0, open: 100, high: 105, low: 97, close: 105 },
    ]);
    expect(db.prepare('SELECT n FROM quotes_1m').get()).toEqual({ n: 5 });
    db.close();
  });

  it('skips non-finite and non-positive marks instead of storing them', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const n = api.insertQuotes([
      { series: 's', tsMs: 1, mark: Number.NaN },
      { series: 's', tsMs: 2, mark: -5 },
      { series: 's', tsMs: 3, mark: 0 },
      { series: 's', tsMs: 4, mark: 7 },
    ]);
    expect(n).toBe(1);
    expect(api.countRaw('s')).toBe(1);
    db.close();
  });

  it('aggregates wider buckets from the rollup with correct OHLC', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    const t0 = Date.UTC(2026, 0, 1, 10, 0, 0);
    const rows = Array.from({ length: 10 }, (_, i) => ({
      series: 'x',
      tsMs: t0 + i * 60_000,
      mark: 100 + i,
    }));
    api.insertQuotes(rows);
    expect(api.candles('x', 5 * 60_000, t0, t0 + 3_600_000)).toEqual([
      { tsMs: t0, open: 100, high: 104, low: 100, close: 104 },
      { tsMs: t0 + 300_000, open: 105, high: 109, low: 105, close: 109 },
    ]);
    db.close();
  });

  it('audits every limit change', () => {
    const { db } = openDatabase(freshPath());
    const api = createDbApi(db);
    api.saveLimits([{ metric: 'deltaUsd', limit: 1e6, warnFraction: 0.8 }], 'alice', 42);
    api.saveLimits([{ metric: 'deltaUsd', limit: 2e6, warnFraction: 0.9 }], 'bob', 43);
    expect(api.listLimits()).toEqual([{ metric: 'deltaUsd', limit: 2e6, warnFraction: 0.9 }]);
    expect(api.auditTrail().map((a) => a.actor)).toEqual(['bob', 'alice']);
    db.close();
  });
});
