/** Funding history and margin alerts in the store (migration 0004 on a fresh database). */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi } from '../../../src-main/db/db-api';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function api() {
  const { db } = openDatabase(':memory:');
  opened.push(db);
  return createDbApi(db);
}

const ID = 'binanceusdm:BTC/USDT:USDT';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

describe('funding history repo', () => {
  it('stores points with provenance and marks, upserts, and reads ranges back in order', () => {
    const store = api();
    expect(store.fundingRange(ID)).toBeUndefined();
    const n = store.saveFundingPoints(ID, [
      { tsMs: T0 + 16 * 3_600_000, rate: 0.0002, source: 'synthetic' },
      { tsMs: T0, rate: 0.0001, markPrice: 90_000, source: 'recorded' },
      { tsMs: T0 + 8 * 3_600_000, rate: Number.NaN, source: 'live' },
    ]);
    expect(n).toBe(2);
    expect(store.fundingPoints(ID)).toEqual([
      { tsMs: T0, rate: 0.0001, markPrice: 90_000, source: 'recorded' },
      { tsMs: T0 + 16 * 3_600_000, rate: 0.0002, source: 'synthetic' },
    ]);
    // A later live point at the same time replaces the rate; a point without mark keeps the mark.
    store.saveFundingPoints(ID, [{ tsMs: T0, rate: 0.00015, source: 'live' }]);
    expect(store.fundingPoints(ID, T0, T0)).toEqual([
      { tsMs: T0, rate: 0.00015, markPrice: 90_000, source: 'live' },
    ]);
    expect(store.fundingRange(ID)).toEqual({ n: 2, firstMs: T0, lastMs: T0 + 16 * 3_600_000 });
    expect(store.fundingPoints('other')).toEqual([]);
  });

  it('aggregates daily means, a day taking its most live source', () => {
    const store = api();
    const points = [0, 1, 2, 3, 4, 5].map((i) => ({
      tsMs: T0 + i * 8 * 3_600_000,
      rate: (i + 1) * 1e-4,
      source: i === 4 ? ('live' as const) : ('recorded' as const),
    }));
    store.saveFundingPoints(ID, points);
    expect(store.fundingDailyMeans(ID)).toEqual([
      { tsMs: T0, rate: expect.closeTo(2e-4, 15), source: 'recorded' },
      { tsMs: T0 + DAY, rate: expect.closeTo(5e-4, 15), source: 'live' },
    ]);
  });
});

describe('margin alerts repo', () => {
  const alert = (
    accountId: string,
    from: 'safe' | 'warning',
    to: 'warning' | 'danger' | 'safe',
    tsMs: number,
  ) => ({
    tsMs,
    accountId,
    accountName: accountId,
    from,
    to,
    direction: (to === 'safe' ? 'better' : 'worse') as 'better' | 'worse',
    marginRatio: 1.4,
    message: `${accountId} ${from}->${to}`,
  });

  it('inserts, lists newest first, acknowledges and remembers the last level per account', () => {
    const store = api();
    const a = store.insertMarginAlert(alert('acct-a', 'safe', 'warning', T0));
    const b = store.insertMarginAlert(alert('acct-b', 'safe', 'warning', T0 + 1));
    const c = store.insertMarginAlert(alert('acct-a', 'warning', 'danger', T0 + 2));
    expect(a.id).toBeLessThan(b.id);
    expect(store.listMarginAlerts().map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(store.countOpenMarginAlerts()).toBe(3);
    expect(store.lastMarginLevels()).toEqual({ 'acct-a': 'danger', 'acct-b': 'warning' });

    expect(store.acknowledgeMarginAlerts([a.id, 999], T0 + 10)).toBe(1);
    expect(store.listMarginAlerts().map((x) => x.id)).toEqual([c.id, b.id]);
    expect(store.listMarginAlerts(true).find((x) => x.id === a.id)?.acknowledgedMs).toBe(T0 + 10);
    expect(store.acknowledgeMarginAlerts(undefined, T0 + 20)).toBe(2);
    expect(store.countOpenMarginAlerts()).toBe(0);
    expect(store.listMarginAlerts(true)).toHaveLength(3);
  });

  it('stores a non-finite ratio as null', () => {
    const store = api();
    const x = store.insertMarginAlert({
      ...alert('acct', 'safe', 'warning', T0),
      marginRatio: Number.POSITIVE_INFINITY,
    });
    expect(x.marginRatio).toBeNull();
    expect(store.listMarginAlerts()[0]?.marginRatio).toBeNull();
  });
});
