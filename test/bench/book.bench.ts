/**
 * Book revaluation throughput: a 20,000-option book (BTC, MSTR and QQQ chains of the demo desk)
 * revalued through the worker pool (2 workers, the book split in halves, end to end including
 * structured cloning) against the same revaluation run in this thread.
 */
import { WorkerPool } from '../../src-main/compute/worker-pool';
import { sourceLocator } from '../../src-main/compute/worker-locator';
import { revalueBook, type BookValuationInput } from '../../shared/quant/book/revalue-book';
import type { Position } from '../../shared/domain/account';
import type { Instrument } from '../../shared/domain/instrument';
import type { Quote } from '../../shared/domain/quote';
import { DemoDesk } from '../../src-main/venues/demo/demo-desk';
import type { MarketState } from '../../shared/sim/market-model';
import type { Benchmark } from './bench-types';
import { medianMs } from './bench-types';

const START = Date.UTC(2026, 10, 20, 12);
const initial: MarketState = {
  btc: { logSpot: Math.log(90_000), variance: 0.25 },
  eth: { logSpot: Math.log(3_000), variance: 0.36 },
  qqq: { logSpot: Math.log(600), variance: 0.04 },
  mstrLogMnav: Math.log(1.3),
  mstrBtcPerShare: 0.0022,
  perpPremium: 0.0002,
  premiumSum: 0,
  premiumCount: 0,
  steps: 0,
};

async function bigBook(size: number): Promise<BookValuationInput> {
  const desk = new DemoDesk({
    seed: 1,
    startMs: START,
    initial,
    prevClose: { BTC: 90_000, ETH: 3_000, MSTR: 257, QQQ: 600 },
    schedule: () => () => undefined,
  });
  const instruments: Instrument[] = [];
  const quotes: Quote[] = [];
  for (const u of ['BTC', 'MSTR', 'QQQ']) {
    const chain = await desk.getChain(u);
    instruments.push(...chain.instruments);
    quotes.push(...chain.quotes);
  }
  const positions: Position[] = Array.from({ length: size }, (_, i) => {
    const inst = instruments[i % instruments.length] as Instrument;
    return {
      id: `p${i}`,
      accountId: 'a',
      instrumentId: inst.id,
      quantity: (i % 7) - 3 || 1,
      avgPrice: 1,
      openedMs: START,
      leverage: 1,
    };
  });
  return {
    asOfMs: START,
    positions,
    instruments,
    underlyings: desk.latest().underlyings,
    quotes,
    staleAfterMs: 60_000,
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'book.revalue_pool',
    unit: 'options/s',
    higherIsBetter: true,
    async run() {
      const input = await bigBook(20_000);
      const baselineMs = medianMs(() => void revalueBook(input), 3);
      const pool = new WorkerPool(sourceLocator(new URL('../../', import.meta.url)), { size: 2 });
      const half = input.positions.length / 2;
      const parts = [input.positions.slice(0, half), input.positions.slice(half)];
      const once = () =>
        Promise.all(
          parts.map(
            (positions) =>
              pool.run((api, c) => api.revalueBook({ ...input, positions }, c)).promise,
          ),
        );
      await once();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      await pool.close();
      times.sort((a, b) => a - b);
      const poolMs = times[2] as number;
      return {
        value: input.positions.length / (poolMs / 1000),
        baseline: input.positions.length / (baselineMs / 1000),
        extra: {
          distinctInstruments: input.instruments.length,
          positions: input.positions.length,
          workers: 2,
          baselineNote: 'same revaluation in one thread, no pool',
        },
      };
    },
  },
];
