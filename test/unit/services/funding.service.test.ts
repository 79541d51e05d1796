/** The funding service on a fake clock, a scripted source and the real repos. */
import { afterEach, describe, expect, it } from 'vitest';
import type { FundingPoint, PerpMarket } from '../../../shared/domain/derivatives';
import { fundingCashFlow } from '../../../shared/quant/perps/funding-payment';
import { summariseFunding } from '../../../shared/quant/perps/funding-summary';
import type { FundingBoard } from '../../../shared/quant/perps-live/funding-board';
import { fundingStats } from '../../../shared/quant/perps-live/funding-board';
import { FundingService } from '../../../src-main/services/funding/funding.service';
import { DAY, FakeClock, FakeSource, HOUR, memoryStore, position } from './fakes';

const BTC: PerpMarket = {
  instrumentId: 'binanceusdm:BTC/USDT:USDT',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  underlying: 'BTC',
  settlement: 'linear',
  contractSize: 1,
  fundingIntervalHours: 8,
};
const INV: PerpMarket = {
  ...BTC,
  instrumentId: 'deribit:BTC/USD:BTC',
  venue: 'deribit',
  symbol: 'BTC/USD:BTC',
  settlement: 'inverse',
  contractSize: 10,
};
const T0 = Date.UTC(2026, 9, 1);
const NOW = Date.UTC(2026, 10, 20, 5, 30);

function series(fromMs: number, toMs: number, f: (i: number) => number): FundingPoint[] {
  const out: FundingPoint[] = [];
  for (let t = fromMs, i = 0; t <= toMs; t += 8 * HOUR, i++)
    out.push({ tsMs: t, rate: f(i), source: 'recorded' });
  return out;
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function setUp() {
  const clock = new FakeClock(NOW);
  const source = new FakeSource([BTC, INV], clock);
  source.history.set(
    BTC.instrumentId,
    series(T0, NOW, (i) => 1e-4 + 2e-5 * Math.sin(i)),
  );
  source.history.set(
    INV.instrumentId,
    series(T0, NOW, (i) => -5e-5 + 1e-5 * (i % 5)),
  );
  const mem = memoryStore();
  closers.push(mem.close);
  const boards: FundingBoard[] = [];
  const positions = [
    position('p-btc', BTC.instrumentId, -2, NOW - 5 * DAY - HOUR),
    position('p-inv', INV.instrumentId, 1_000, NOW - 3 * DAY),
  ];
  const service = new FundingService({
    sources: () => [source],
    store: mem.store,
    stats: async (perps) => perps.map((p) => fundingStats(p.market, p.history)),
    positions: () => positions,
    emit: (b) => boards.push(b),
    now: clock.now,
  });
  return { clock, source, mem, service, boards };
}

describe('funding service', () => {
  it('stores the sources history on start and summarises it as summariseFunding does', async () => {
    const { service, mem, source } = setUp();
    await service.start();
    const stored = mem.sync.fundingPoints(BTC.instrumentId);
    expect(stored.map((p) => [p.tsMs, p.rate])).toEqual(
      source.history.get(BTC.instrumentId)?.map((p) => [p.tsMs, p.rate]),
    );
    const row = service.board().rows.find((r) => r.instrumentId === BTC.instrumentId);
    const ref = summariseFunding(stored, 8);
    expect(row?.stats).toMatchObject({
      count: ref.count,
      mean: ref.mean,
      annualised: ref.annualised,
      last7dMean: ref.last7dMean,
      last7dAnnualised: ref.last7dAnnualised,
      last30dMean: ref.last30dMean,
      last30dAnnualised: ref.last30dAnnualised,
      sharePositive: ref.sharePositive,
      min: ref.min.rate,
      max: ref.max.rate,
      sources: { recorded: ref.count, synthetic: 0, live: 0 },
    });
    expect(row?.lastRate).toBe(stored.at(-1)?.rate);
    expect(row?.predictedAnnualised).toBeCloseTo(0.0001 * 1095, 12);
  });

  it('counts down to the next funding time on the service clock', async () => {
    const { service, clock, boards } = setUp();
    await service.start();
    const next = Date.UTC(2026, 10, 20, 8);
    expect(service.refresh().rows[0]?.countdownMs).toBe(next - NOW);
    clock.advance(1_000);
    expect(service.refresh().rows[0]?.countdownMs).toBe(next - NOW - 1_000);
    expect(boards.length).toBeGreaterThanOrEqual(3);
    expect(boards.at(-1)?.rows[0]?.nextFundingMs).toBe(next);
  });

  it('extends the stored history after each funding time and re-summarises', async () => {
    const { service, clock, source, mem } = setUp();
    await service.start();
    const fundingTime = Date.UTC(2026, 10, 20, 8);
    const newPoint = {
      tsMs: fundingTime,
      rate: 0.00042,
      markPrice: 51_000,
      source: 'live' as const,
    };
    source.history.get(BTC.instrumentId)?.push(newPoint);
    service.refresh();
    clock.nowMs = fundingTime + 500;
    service.refresh();
    await service.settle();
    expect(mem.sync.fundingPoints(BTC.instrumentId, fundingTime, fundingTime)).toEqual([newPoint]);
    const row = service.refresh().rows.find((r) => r.instrumentId === BTC.instrumentId);
    expect(row?.lastRate).toBe(0.00042);
    expect(row?.stats?.count).toBe(mem.sync.fundingPoints(BTC.instrumentId).length);
    expect(row?.stats?.sources.live).toBe(1);
    expect(row?.stats?.last7dMean).toBe(
      summariseFunding(mem.sync.fundingPoints(BTC.instrumentId), 8).last7dMean,
    );
    // Only the missing range was asked for.
    const last = source.historyCalls.filter((c) => c.id === BTC.instrumentId).at(-1);
    expect(last?.fromMs).toBeGreaterThan(Date.UTC(2026, 10, 20, 0));
  });

  it('retries a funding time the venue publishes late, once a minute', async () => {
    const { service, clock, source, mem } = setUp();
    await service.start();
    const fundingTime = Date.UTC(2026, 10, 20, 8);
    source.history
      .get(BTC.instrumentId)
      ?.push({ tsMs: fundingTime, rate: 3e-4, source: 'recorded' });
    source.publishDelayMs = 90_000;
    service.refresh();
    clock.nowMs = fundingTime + 1_000;
    service.refresh();
    await service.settle();
    expect(mem.sync.fundingRange(BTC.instrumentId)?.lastMs).toBeLessThan(fundingTime);
    clock.advance(30_000);
    service.refresh();
    await service.settle();
    expect(mem.sync.fundingRange(BTC.instrumentId)?.lastMs).toBeLessThan(fundingTime);
    clock.advance(65_000);
    service.refresh();
    await service.settle();
    expect(mem.sync.fundingRange(BTC.instrumentId)?.lastMs).toBe(fundingTime);
  });

  it("computes each position's funding since entry, the next payment and the carry", async () => {
    const { service, source, mem } = setUp();
    mem.sync.upsertClose('BTC', Date.UTC(2026, 10, 10), 48_000, 'recorded');
    await service.start();
    const board = service.board();
    const btc = board.positions.find((p) => p.positionId === 'p-btc');
    const inv = board.positions.find((p) => p.positionId === 'p-inv');
    const opened = NOW - 5 * DAY - HOUR;
    const pts = (source.history.get(BTC.instrumentId) ?? []).filter(
      (p) => p.tsMs > opened && p.tsMs <= NOW,
    );
    // Marks: the day's close stored before each point (48,000 from Nov 10).
    const flows = pts.map((p) =>
      fundingCashFlow({ type: 'linear', contractSize: 1 }, 'short', 2, 48_000, p.rate),
    );
    expect(btc?.fundingEvents).toBe(pts.length);
    expect(btc?.net).toBeCloseTo(
      flows.reduce((a, b) => a + b, 0),
      9,
    );
    expect(btc?.received).toBeCloseTo(
      flows.filter((f) => f > 0).reduce((a, b) => a + b, 0),
      9,
    );
    expect(btc?.nextPayment).toBeCloseTo(
      fundingCashFlow({ type: 'linear', contractSize: 1 }, 'short', 2, 50_000, 1e-4),
      9,
    );
    expect(btc?.carryAnnualised).toBeCloseTo(1e-4 * 1095, 12);
    expect(btc?.carryUsdPerYear).toBeCloseTo(1e-4 * 1095 * 100_000, 6);
    // Inverse: flows in coin, USD at the mark.
    expect(inv?.settlementCurrency).toBe('BTC');
    expect(inv?.notional).toBeCloseTo(10_000 / 50_000, 12);
    expect(inv?.netUsd).toBeCloseTo((inv?.net ?? 0) * 48_000, 6);
    expect(board.totals.netUsd).toBeCloseTo((btc?.netUsd ?? 0) + (inv?.netUsd ?? 0), 9);
  });

  it('follows the sources: a perp moves to another source listing it, or leaves', async () => {
    const clock = new FakeClock(NOW);
    const demo = new FakeSource([BTC, INV], clock);
    demo.history.set(
      BTC.instrumentId,
      series(T0, NOW, () => 1e-4),
    );
    const live = new FakeSource([BTC], clock);
    live.predicted = 0.0003;
    live.history.set(
      BTC.instrumentId,
      series(T0, NOW + DAY, () => 2e-4),
    );
    const mem = memoryStore();
    closers.push(mem.close);
    let sources = [demo];
    const service = new FundingService({
      sources: () => sources,
      store: mem.store,
      stats: async (perps) => perps.map((p) => fundingStats(p.market, p.history)),
      positions: () => [],
      emit: () => undefined,
      now: clock.now,
    });
    await service.start();
    expect(service.markets().map((m) => m.instrumentId)).toEqual([
      BTC.instrumentId,
      INV.instrumentId,
    ]);
    sources = [live];
    clock.advance(DAY);
    service.refresh();
    await service.settle();
    const board = service.refresh();
    expect(board.rows.map((r) => r.instrumentId)).toEqual([BTC.instrumentId]);
    expect(board.rows[0]?.predictedRate).toBe(0.0003);
    // Only the new day came from the new source; the stored history is kept.
    const stored = mem.sync.fundingPoints(BTC.instrumentId);
    expect(stored.filter((p) => p.rate === 2e-4)).toHaveLength(3);
    expect(stored.filter((p) => p.rate === 1e-4).length).toBeGreaterThan(100);
  });

  it('serves history per funding time or as daily means', async () => {
    const { service } = setUp();
    await service.start();
    const short = await service.history({ underlying: 'BTC', fromMs: NOW - 10 * DAY });
    expect(short.map((s) => s.bucket)).toEqual(['8h', '8h']);
    expect(short[0]?.points.length).toBe(30);
    const long = await service.history({
      instrumentIds: [BTC.instrumentId],
      fromMs: T0 - 200 * DAY,
      bucket: 'auto',
    });
    expect(long[0]?.bucket).toBe('1d');
    const firstDay = long[0]?.points[0];
    const ref = series(T0, T0 + 16 * HOUR, (i) => 1e-4 + 2e-5 * Math.sin(i));
    expect(firstDay?.rate).toBeCloseTo(ref.reduce((a, p) => a + p.rate, 0) / 3, 15);
  });
});
