/** Risk storage: user scenarios as append-only versions, snapshot queries and retention. */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/database';
import { createDbApi } from '../../../src-main/db/db-api';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

function api() {
  const { db } = openDatabase(':memory:');
  opened.push(db);
  return { db, store: createDbApi(db) };
}

const T0 = Date.UTC(2026, 10, 20, 0);
const HOUR = 3_600_000;

describe('user scenarios', () => {
  it('keeps every saved version; the list shows the latest, deletes are tombstones', () => {
    const { store } = api();
    expect(store.saveUserScenario('my-crash', '{"v":1}', T0)).toBe(1);
    expect(store.saveUserScenario('my-crash', '{"v":2}', T0 + 1)).toBe(2);
    store.saveUserScenario('other', '{"x":1}', T0 + 2);
    expect(store.listUserScenarios().map((r) => [r.id, r.version, r.body])).toEqual([
      ['my-crash', 2, '{"v":2}'],
      ['other', 1, '{"x":1}'],
    ]);
    expect(store.deleteUserScenario('my-crash', T0 + 3)).toBe(true);
    expect(store.deleteUserScenario('my-crash', T0 + 4)).toBe(false);
    expect(store.deleteUserScenario('never-saved', T0 + 4)).toBe(false);
    expect(store.listUserScenarios().map((r) => r.id)).toEqual(['other']);
    // Nothing lost: both edits are still there under the tombstone, and a new save continues.
    expect(store.userScenarioVersions('my-crash').map((v) => v.body)).toEqual([
      null,
      '{"v":2}',
      '{"v":1}',
    ]);
    expect(store.saveUserScenario('my-crash', '{"v":3}', T0 + 5)).toBe(4);
  });

  it('refuses a body that is not JSON', () => {
    const { store } = api();
    expect(() => store.saveUserScenario('bad', '{not json', T0)).toThrow();
    expect(store.listUserScenarios()).toEqual([]);
  });
});

describe('risk snapshots', () => {
  it('queries a range thinned to maxPoints and prunes to hourly after two days', () => {
    const { store } = api();
    const now = T0 + 5 * 24 * HOUR;
    // Every 10 minutes for 5 days.
    for (let t = T0; t <= now; t += HOUR / 6) store.saveRiskSnapshot('var', t, { v: t });
    store.saveRiskSnapshot('other', T0, { v: 0 });
    const all = store.riskSnapshots('var', 0, now, 1_000_000);
    expect(all.length).toBe(5 * 24 * 6 + 1);
    const thin = store.riskSnapshots('var', 0, now, 50);
    expect(thin.length).toBe(50);
    expect(thin[0]?.tsMs).toBe(T0);
    expect(thin[49]?.tsMs).toBe(now);
    const removed = store.pruneRiskSnapshots('var', now);
    const left = store.riskSnapshots('var', 0, now, 1_000_000);
    expect(removed + left.length).toBe(all.length);
    const cut = now - 2 * 24 * HOUR;
    const old = left.filter((r) => r.tsMs < cut);
    expect(old.length).toBe(3 * 24);
    expect(old.every((r) => r.tsMs % HOUR === 0)).toBe(true);
    expect(left.filter((r) => r.tsMs >= cut).length).toBe(2 * 24 * 6 + 1);
    expect(store.riskSnapshots('other', 0, now, 10).length).toBe(1);
  });
});
