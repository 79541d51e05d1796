/**
 * BasisService scheduling with fakes and a fake clock: the report on start, again after UTC
 * midnight and after a purchase (cache invalidated each time), on demand; live pushes throttled.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events';
import type { FundamentalsRecord } from '../../../shared/quant/basis/holdings-timeline';
import type { BasisReportView } from '../../../shared/quant/basis/report-view';
import type { FeatureContext } from '../../../src-main/app/feature';
import { BasisService } from '../../../src-main/services/basis/basis.service';
import { EventBus } from '../../../src-main/services/event-bus';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 23, 58, 0);
const records: FundamentalsRecord[] = [
  {
    dayMs: Date.UTC(2026, 5, 29),
    btcHoldings: 800_000,
    sharesOutstanding: 400e6,
    debtUsd: null,
    preferredUsd: null,
    cashUsd: null,
    sourceMNav: null,
  },
];

function stubView(asOfMs: number): BasisReportView {
  return {
    asOfMs,
    riskScore: 40,
    ou: { mean: Math.log(1.2), stationaryStd: 0.2, zScore: 0, speed: 5, current: 0 },
    beta: { current: 1.5 },
  } as unknown as BasisReportView;
}

function harness() {
  const bus = new EventBus();
  const events: EventPayload<'basis.updated'>[] = [];
  bus.onAny((name, payload) => {
    if (name === 'basis.updated') events.push(payload as EventPayload<'basis.updated'>);
  });
  const listeners = new Set<() => void>();
  const jobs: { lookbackDays: number; purchases: number }[] = [];
  const purchases: unknown[] = [];
  const db = {
    countMstrFundamentals: async () => 1,
    listMstrFundamentals: async () => records,
    listMstrPurchases: async () => [...purchases],
    dailyCloses: async () => [],
    recordMstrPurchase: vi.fn(async (p: Record<string, unknown>) => {
      const row = { ...p, id: purchases.length + 1, recordedMs: Date.now() };
      purchases.push(row);
      return row;
    }),
  };
  const pool = {
    run: (task: (api: unknown, control: unknown) => Promise<unknown>) => ({
      id: 1,
      cancel() {},
      promise: task(
        {
          basisReport: async (input: { lookbackDays: number; purchases: unknown[] }) => {
            jobs.push({ lookbackDays: input.lookbackDays, purchases: input.purchases.length });
            return { view: stubView(Date.UTC(2026, 10, 20)), computeMs: 30 };
          },
        },
        {},
      ),
    }),
  };
  const market = {
    onChange: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    getUnderlyings: () => [
      { underlying: 'MSTR', spot: 120, tsMs: Date.now() },
      { underlying: 'BTC', spot: 60_000, tsMs: Date.now() },
    ],
  };
  const ctx = {
    config: { now: () => Date.now(), assetsDir: '/nonexistent' },
    db,
    pool,
    bus,
    market,
    book: { getSnapshot: () => null },
  } as unknown as FeatureContext;
  const tick = () => listeners.forEach((l) => l());
  return { service: new BasisService(ctx), events, jobs, tick, db };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BasisService scheduling', () => {
  it('computes on start, after UTC midnight (+60 s), after a purchase and on demand', async () => {
    const h = harness();
    await h.service.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(h.jobs).toEqual([{ lookbackDays: 252, purchases: 0 }]);
    expect(h.events.map((e) => e.reason)).toEqual(['start']);
    expect(h.events[0]?.reportVersion).toBe(1);
    // Cached: the same request does not recompute.
    await h.service.getReport({});
    expect(h.jobs).toHaveLength(1);

    // Midnight is 2 minutes away; the recompute waits one more minute for the new daily bar.
    await vi.advanceTimersByTimeAsync(2 * 60_000 + 30_000);
    expect(h.jobs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(h.jobs).toHaveLength(2);
    expect(h.events.at(-1)).toMatchObject({ reason: 'daily', reportVersion: 2 });
    // And again a day later.
    await vi.advanceTimersByTimeAsync(DAY);
    expect(h.jobs).toHaveLength(3);

    const r = await h.service.holdings.record({
      date: '2026-11-02',
      btcBought: 1000,
      btcHoldings: 801_000,
    });
    expect(r.warnings).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.jobs.at(-1)).toEqual({ lookbackDays: 252, purchases: 1 });
    expect(h.events.at(-1)).toMatchObject({ reason: 'holdings' });
    expect(h.events.at(-1)?.live?.btcHoldings).toBe(801_000);

    await h.service.getReport({ refresh: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(h.jobs).toHaveLength(5);
    expect(h.events.at(-1)).toMatchObject({ reason: 'demand' });
    h.service.stop();
  });

  it('refuses a bad purchase before touching the store', async () => {
    const h = harness();
    await h.service.start();
    await expect(
      h.service.holdings.record({ date: '2026-11-30', btcBought: 1, btcHoldings: 801_000 }),
    ).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/date: .*in the future/),
    });
    expect(h.db.recordMstrPurchase).not.toHaveBeenCalled();
    h.service.stop();
  });

  it('pushes live numbers at most once a second however fast the market ticks', async () => {
    const h = harness();
    await h.service.start();
    await vi.advanceTimersByTimeAsync(10);
    const before = h.events.length;
    for (let i = 0; i < 20; i++) {
      h.tick();
      await vi.advanceTimersByTimeAsync(100);
    }
    const live = h.events.slice(before).filter((e) => e.reason === 'live');
    expect(live.length).toBeGreaterThanOrEqual(2);
    expect(live.length).toBeLessThanOrEqual(3);
    const last = live.at(-1);
    // mNAV = 120 x 400e6 / (800,000 x 60,000) = 1.0; z = (ln 1 - ln 1.2) / 0.2.
    expect(last?.live?.mNav).toBeCloseTo(1, 12);
    expect(last?.live?.zScore).toBeCloseTo(-Math.log(1.2) / 0.2, 12);
    expect(last?.live?.hedgeBtcPerShare).toBeCloseTo((1.5 * 120) / 60_000, 14);
    h.service.stop();
  });
});
