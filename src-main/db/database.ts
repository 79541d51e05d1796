/**
 * Opening the store: WAL, foreign keys, an integrity check, and forward migrations. A damaged
 * file is moved aside as a backup (never deleted) and a fresh store is created, with a message
 * the app shows the user.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations/index';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** Set when the file was damaged and replaced; says where the backup is. */
  recovered?: string;
  migratedTo: number;
}

export function applyMigrations(db: Db): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)',
  );
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)',
  );
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const known = Math.max(0, ...done);
  if (known > latest)
    throw new Error(
      `database schema v${known} is newer than this Cerberus (v${latest}); update the app`,
    );
  return latest;
}

function configure(db: Db, memory: boolean): void {
  if (!memory) db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives an app crash; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function isHealthy(db: Db): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === 'ok';
  } catch {
    return false;
  }
}

export function openDatabase(path: string, nowMs = Date.now()): OpenResult {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  let db: Db | undefined;
  let recovered: string | undefined;
  try {
    db = new Database(path);
    if (!isHealthy(db)) throw new Error('integrity check failed');
  } catch (err) {
    db?.close();
    if (memory || !existsSync(path)) throw err;
    recovered = `${path}.damaged-${nowMs}`;
    renameSync(path, recovered);
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(path + suffix)) renameSync(path + suffix, recovered + suffix);
    db = new Database(path);
  }
  configure(db, memory);
  const migratedTo = applyMigrations(db);
  return recovered ? { db, recovered, migratedTo } : { db, migratedTo };
}
