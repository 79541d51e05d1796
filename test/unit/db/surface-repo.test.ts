/** Surface metric history in the store: insert, the time-slider query, retention. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi } from '../../../src-main/db/db-api';
import type { SurfaceFitRow } from '../../../src-main/db/repos/surface.repo';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function api() {
  const { db } = openDatabase(':memory:');
  opened.push(db);
  return { db, store: createDbApi(db) };
}

const T0 = Date.UTC(2026, 10, 20, 0);
const HOUR = 3_600_000;
function row(tsMs: number, extra: Partial<SurfaceFitRow> = {}): SurfaceFitRow {
  return {
    underlying: 'BTC',
    model: 'svi',
    tsMs,
    spot: 90_000 + (tsMs - T0) / 1e5,
    rmseVolPts: 0.4,
    insideBidAsk: 0.95,
    butterflyMinG: 0.2,
    calendarViolations: 0,
    expiries: 8,
    fitMs: 11.5,
    tenors: [
      { tenorDays: 7, atmVol: 0.5, rr25: -0.02, bf25: 0.01, skewSlope: -0.1 },
      {
        tenorDays: 30,
        atmVol: 0.55 + (tsMs - T0) / 1e10,
        rr25: -0.03,
        bf25: 0.012,
        skewSlope: -0.12,
      },
    ],
    ...extra,
  };
}

describe('surface history repo', () => {
  it('stores a fit with its tenors and reads it back in time order', () => {
    const { store } = api();
    expect(store.insertSurfaceFit(row(T0 + 2000))).toBe(true);
    expect(store.insertSurfaceFit(row(T0 + 1000))).toBe(true);
    // A second fit at the same instant is a duplicate, not an error.
    expect(store.insertSurfaceFit(row(T0 + 1000, { rmseVolPts: 9 }))).toBe(false);
    expect(store.insertSurfaceFit(row(T0 + 3000, { model: 'sabr' }))).toBe(true);
    const h = store.surfaceHistory('BTC', 'svi', 0, T0 + 10_000, 100);
    expect(h.map((p) => p.tsMs)).toEqual([T0 + 1000, T0 + 2000]);
    expect(h[0]?.rmseVolPts).toBe(0.4);
    expect(h[0]?.tenors).toEqual(row(T0 + 1000).tenors);
    expect(store.latestSurfaceFitMs('BTC', 'svi')).toBe(T0 + 2000);
    expect(store.latestSurfaceFitMs('BTC', 'sabr')).toBe(T0 + 3000);
    expect(store.latestSurfaceFitMs('ETH', 'svi')).toBeUndefined();
  });

  it('refuses non-finite fits and drops non-finite tenors', () => {
    const { store } = api();
    expect(store.insertSurfaceFit(row(T0, { rmseVolPts: Number.NaN }))).toBe(false);
    const bad = row(T0 + 1, {
      tenors: [
        { tenorDays: 7, atmVol: Number.POSITIVE_INFINITY, rr25: 0, bf25: 0, skewSlope: 0 },
        { tenorDays: 30, atmVol: 0.5, rr25: 0, bf25: 0, skewSlope: 0 },
      ],
    });
    expect(store.insertSurfaceFit(bad)).toBe(true);
    const h = store.surfaceHistory('BTC', 'svi', 0, T0 + 10, 10);
    expect(h).toHaveLength(1);
    expect(h[0]?.tenors.map((t) => t.tenorDays)).toEqual([30]);
  });

  it('thins evenly to maxPoints, keeping the first and the last fit', () => {
    const { store } = api();
    for (let i = 0; i < 100; i++) store.insertSurfaceFit(row(T0 + i * 30_000));
    const h = store.surfaceHistory('BTC', 'svi', T0, T0 + 100 * 30_000, 10);
    expect(h).toHaveLength(10);
    expect(h[0]?.tsMs).toBe(T0);
    expect(h[9]?.tsMs).toBe(T0 + 99 * 30_000);
    for (const p of h) expect(p.tenors).toHaveLength(2);
  });

  it('keeps every fit for two days, then the first fit of each hour, and drops a year-old fit', () => {
    const { db, store } = api();
    const now = T0 + 400 * 86_400_000;
    const old = now - 3 * 86_400_000;
    // Four fits per hour for three hours, three days ago; four recent fits; one from 370 days ago.
    for (let h = 0; h < 3; h++)
      for (let q = 0; q < 4; q++) store.insertSurfaceFit(row(old + h * HOUR + q * 900_000));
    for (let q = 0; q < 4; q++) store.insertSurfaceFit(row(now - q * 60_000));
    store.insertSurfaceFit(row(now - 370 * 86_400_000));
    store.insertSurfaceFit(row(old + 1, { model: 'sabr' }));
    const deleted = store.pruneSurfaceHistory(now);
    expect(deleted).toBe(1 + 3 * 3);
    const kept = store.surfaceHistory('BTC', 'svi', 0, now, 1000).map((p) => p.tsMs);
    expect(kept).toEqual([
      old,
      old + HOUR,
      old + 2 * HOUR,
      ...[3, 2, 1, 0].map((q) => now - q * 60_000),
    ]);
    expect(store.surfaceHistory('BTC', 'sabr', 0, now, 10)).toHaveLength(1);
    // Metrics of deleted fits go with them (foreign key cascade).
    const orphans = db
      .prepare(
        `SELECT count(*) AS n FROM surface_metrics m WHERE NOT EXISTS (SELECT 1 FROM surface_fits f
         WHERE f.underlying = m.underlying AND f.model = m.model AND f.ts_ms = m.ts_ms)`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM surface_metrics').get() as { n: number }).n).toBe(
      2 * (kept.length + 1),
    );
  });
});
