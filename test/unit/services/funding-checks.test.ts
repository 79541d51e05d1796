/**
 * The funding board's mark/index check and dated futures, sampled by the service each second on
 * a fake clock: the 30 s basis window feeds the mark, and inside a future's delivery window the
 * estimate is the time average of the index the service saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  FutureMarket,
  FutureSnapshot,
  MarkInputs,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import { settlementPrice } from '../../../shared/quant/perps/delivery';
import { FundingService } from '../../../src-main/services/funding/funding.service';
import { FakeClock, FakeSource, memoryStore } from './fakes';

const BTC: PerpMarket = {
  instrumentId: 'binanceusdm:BTC/USDT:USDT',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  underlying: 'BTC',
  settlement: 'linear',
  contractSize: 1,
  fundingIntervalHours: 8,
};
const START = Date.UTC(2026, 11, 25, 7, 10);
const EXPIRY = Date.UTC(2026, 11, 25, 8);
const FUT: FutureMarket = {
  instrumentId: 'binanceusdm:BTC/USDT:USDT-261225',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT-261225',
  underlying: 'BTC',
  settlement: 'linear',
  contractSize: 1,
  expiryMs: EXPIRY,
  settlementWindowMinutes: 30,
};

/** A source with a book top, a four-venue basket and one future; the index follows `path`. */
class CheckedSource extends FakeSource {
  constructor(
    private readonly c: FakeClock,
    private readonly path: (tsMs: number) => number,
  ) {
    super([BTC], c);
  }
  private get t(): number {
    return this.c.nowMs;
  }
  markInputs(id: string): MarkInputs {
    const mark = this.mark.get(id) ?? 50_000;
    return {
      instrumentId: id,
      tsMs: this.t,
      bid: mark - 1,
      ask: mark + 1,
      lastPrice: mark,
      constituents: [0, 1, 2, 3].map((i) => ({
        source: `v${i}`,
        price: this.path(this.t) * (1 + (i - 1.5) * 1e-5),
        weight: 0.25,
        tsMs: this.t,
      })),
    };
  }
  listFutures(): FutureMarket[] {
    return this.t < EXPIRY ? [FUT] : [];
  }
  futureSnapshot(id: string): FutureSnapshot {
    return {
      instrumentId: id,
      tsMs: this.t,
      markPrice: this.path(this.t) + 5,
      indexPrice: this.path(this.t),
    };
  }
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function setUp() {
  const clock = new FakeClock(START);
  const path = (t: number) => 90_000 + ((t - START) / 1000) * 0.5;
  const source = new CheckedSource(clock, path);
  source.mark.set(BTC.instrumentId, 90_009);
  const mem = memoryStore();
  closers.push(mem.close);
  const service = new FundingService({
    sources: () => [source],
    store: mem.store,
    stats: async (perps) => perps.map(() => null),
    positions: () => [],
    emit: () => undefined,
    now: clock.now,
  });
  return { clock, source, service, path };
}

describe('funding board checks', () => {
  it("computes the mark from a 30 s basis window and Cerberus' index", async () => {
    const { clock, service } = setUp();
    await service.start();
    for (let i = 0; i < 40; i++) {
      clock.advance(1000);
      service.refresh();
    }
    const m = service.board().marks[0];
    expect(m?.basisSamples).toBe(30);
    expect(m?.index.from).toBe('constituents');
    // Equal weights around the path: the index is the path itself.
    expect(m?.index.price).toBeCloseTo(90_000 + 40 * 0.5, 6);
    expect(m?.reportedMark).toBe(90_009);
    expect(Number.isFinite(m?.computedMark)).toBe(true);
    expect(m?.flagged).toBe(Math.abs(m?.diffBps as number) > 10);
  });

  it('estimates the delivery price from the index seen inside the window', async () => {
    const { clock, service, path } = setUp();
    await service.start();
    // From 20 min before the window opens to 10 min into it, one refresh a second.
    const seen: { tsMs: number; price: number }[] = [];
    while (clock.nowMs < EXPIRY - 20 * 60_000) {
      clock.advance(1000);
      service.refresh();
      seen.push({ tsMs: clock.nowMs, price: path(clock.nowMs) });
    }
    const f = service.board().futures[0];
    expect(f?.instrumentId).toBe(FUT.instrumentId);
    const expected = settlementPrice(seen, EXPIRY, 30 * 60_000).price;
    expect(f?.settlementEstimate?.estimate).toBeCloseTo(expected, 6);
    expect(f?.settlementEstimate?.observedShare).toBeCloseTo(1 / 3, 9);
    expect(f?.basis).toBeCloseTo(5, 9);
    clock.nowMs = EXPIRY;
    service.refresh();
    expect(service.board().futures).toEqual([]);
  });
});
