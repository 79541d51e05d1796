/**
 * The time-series store: batched ingest with the 1-minute rollup maintained in the same
 * transaction, and a chart query (24 h of one series at 1-minute buckets) over ~1e6 rows.
 * Baselines in the same run: one autocommit INSERT per row (a naive writer, timed on 20,000
 * rows and scaled) and the same candles computed from the raw rows with GROUP BY at query time.
 */
import { join } from 'node:path';
import { openDatabase } from '../../src-main/db/database';
import { createDbApi } from '../../src-main/db/db-api';
import type { QuoteRow } from '../../src-main/db/repos/quotes.repo';
import { tempDir } from '../helpers/temp-dir';
import type { Benchmark } from './bench-types';
import { medianMs } from './bench-types';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const SERIES = 12;

function rows(count: number, offset = 0): QuoteRow[] {
  const out: QuoteRow[] = [];
  for (let i = offset; i < offset + count; i++) {
    const s = i % SERIES;
    const t = T0 + Math.floor(i / SERIES) * 1000;
    out.push({
      series: `idx:S${s}`,
      tsMs: t,
      mark: 100 + s + Math.sin(i / 1000),
      bid: 99,
      ask: 101,
    });
  }
  return out;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'store.ingest',
    unit: 'rows/s',
    higherIsBetter: true,
    run() {
      const dir = tempDir('cerberus-bench-');
      try {
        const { db } = openDatabase(join(dir.path, 'ingest.db'));
        const api = createDbApi(db);
        const total = 1_000_000;
        const batch = 10_000;
        const t0 = performance.now();
        for (let off = 0; off < total; off += batch) api.insertQuotes(rows(batch, off));
        const oursS = (performance.now() - t0) / 1000;
        const naive = db.prepare(
          'INSERT OR REPLACE INTO quotes (series, ts_ms, bid, ask, mark) VALUES (?, ?, ?, ?, ?)',
        );
        const sample = rows(20_000, total);
        const t1 = performance.now();
        for (const r of sample) naive.run(r.series, r.tsMs, r.bid, r.ask, r.mark);
        const naiveS = (performance.now() - t1) / 1000;
        db.close();
        return {
          value: total / oursS,
          baseline: sample.length / naiveS,
          extra: {
            rows: total,
            batchRows: batch,
            rollup: '1-minute OHLC in the same transaction',
            baselineRowsTimed: sample.length,
            baselineMethod: 'one autocommit INSERT per row, no rollup',
          },
        };
      } finally {
        dir.remove();
      }
    },
  },
  {
    name: 'store.rollup_query',
    unit: 'ms',
    higherIsBetter: false,
    run() {
      const dir = tempDir('cerberus-bench-');
      try {
        const { db } = openDatabase(join(dir.path, 'query.db'));
        const api = createDbApi(db);
        const total = 1_036_800; // 24 h of 12 series at one row per second
        for (let off = 0; off < total; off += 10_000)
          api.insertQuotes(rows(Math.min(10_000, total - off), off));
        const from = T0;
        const to = T0 + DAY_MS;
        let bars = 0;
        const ours = medianMs(() => {
          bars = api.candles1m('idx:S3', from, to, 2000).length;
        }, 7);
        const raw = db.prepare(
          `SELECT (ts_ms / 60000) * 60000 AS tsMs, max(mark) AS high, min(mark) AS low, count(*) AS n
           FROM quotes WHERE series = ? AND ts_ms >= ? AND ts_ms <= ? GROUP BY ts_ms / 60000 ORDER BY tsMs`,
        );
        let rawBars = 0;
        const baseline = medianMs(() => {
          rawBars = (raw.all('idx:S3', from, to) as unknown[]).length;
        }, 7);
        db.close();
        return {
          value: ours,
          baseline,
          extra: { rows: total, bars, rawBars, query: '24 h of one series, 1-minute candles' },
        };
      } finally {
        dir.remove();
      }
    },
  },
];
