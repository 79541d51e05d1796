/**
 * The demo desk as a portable book file, without a store or workers: history, sample book,
 * N seconds of simulated market, and the market state at the end. `cerberus demo` writes it;
 * `cerberus var book --book` and the other offline tools read it.
 */
import { join } from 'node:path';
import type { BookFile } from '../../shared/domain/book-file';
import { MS_PER_DAY, utcDayStartMs } from '../../shared/domain/time';
import { DemoDesk } from '../venues/demo/demo-desk';
import { buildDemoHistory } from '../venues/demo/demo-history';
import { readRealDaily } from '../venues/demo/demo-history-files';
import type { DemoUnderlying } from '../../shared/sim/demo-universe';
import { createSampleBook } from '../venues/demo/sample-book';

export interface DemoBookOptions {
  assetsDir: string;
  seed: number;
  startMs: number;
  seconds: number;
  tickMs?: number;
  /** Days of daily history to include (most recent). */
  historyDays?: number;
}

export function buildDemoBookFile(opts: DemoBookOptions): { book: BookFile; ticks: number } {
  const todayMs = utcDayStartMs(opts.startMs);
  const history = buildDemoHistory(
    readRealDaily(join(opts.assetsDir, 'data')),
    todayMs - MS_PER_DAY,
    opts.seed,
  );
  const prevClose = {} as Record<DemoUnderlying, number>;
  for (const s of Object.values(history.series))
    prevClose[s.underlying as DemoUnderlying] = s.points.at(-1)?.close ?? 1;
  const desk = new DemoDesk({
    seed: opts.seed,
    startMs: opts.startMs,
    initial: history.finalState,
    prevClose,
    tickMs: opts.tickMs ?? 250,
    schedule: () => () => undefined,
  });
  const sample = createSampleBook(desk.view());
  desk.subscribe(sample.instruments);
  const ticks = Math.max(0, Math.round((opts.seconds * 1000) / desk.tickMs));
  for (let i = 0; i < ticks; i++) desk.tick();
  const last = desk.latest();
  const keep = opts.historyDays ?? 750;
  return {
    ticks,
    book: {
      format: 'cerberus.book',
      version: 1,
      asOfMs: last.tsMs,
      baseCurrency: 'USD',
      accounts: sample.accounts,
      instruments: sample.instruments,
      positions: sample.positions,
      underlyings: last.underlyings,
      quotes: last.quotes,
      history: Object.values(history.series).map((s) => ({ ...s, points: s.points.slice(-keep) })),
    },
  };
}
