/**
 * Brings the demo desk up: on first launch seeds daily history (real BTC/MSTR data extended by
 * the simulator, synthetic ETH/QQQ) and creates the sample book; on later launches resumes the
 * saved simulator state. Either way the simulator warms up in 1-minute steps from the last
 * saved instant (at most two days) so the intraday charts have data from the first second.
 */
import { join } from 'node:path';
import { MS_PER_DAY, MS_PER_MINUTE, utcDayStartMs } from '../../shared/domain/time';
import type { DbClient } from '../db/db-client';
import { DemoDesk, type DemoDeskOptions, type DemoDeskState } from '../venues/demo/demo-desk';
import { buildDemoHistory } from '../venues/demo/demo-history';
import { readRealDaily } from '../venues/demo/demo-history-files';
import { createSampleBook } from '../venues/demo/sample-book';
import type { DemoUnderlying } from '../../shared/sim/demo-universe';
import type { MarketUpdate } from '../venues/venue-gateway';

const STATE_KEY = 'demo.state';
const MAX_WARMUP_MS = 2 * MS_PER_DAY;

export interface DemoSetupOptions {
  db: DbClient;
  assetsDir: string;
  seed: number;
  nowMs: number;
  tickMs?: number;
  /** Quotes whole chains off the main thread (the compute pool). */
  chainQuoter?: DemoDeskOptions['chainQuoter'];
  /** Receives each warm-up minute (written to the store, not broadcast). */
  onWarmup?: (u: MarketUpdate) => void;
}

export interface DemoSetup {
  desk: DemoDesk;
  firstLaunch: boolean;
}

async function firstLaunchState(opts: DemoSetupOptions): Promise<DemoDeskState> {
  const todayMs = utcDayStartMs(opts.nowMs);
  const history = buildDemoHistory(
    readRealDaily(join(opts.assetsDir, 'data')),
    todayMs - MS_PER_DAY,
    opts.seed,
  );
  const series = Object.values(history.series);
  const recordedUntil: Record<string, number> = {};
  for (const s of series) {
    // The real files end at known dates; everything after was simulated.
    const lastRecorded =
      s.source === 'synthetic' ? -Infinity : (s.points.findLast(() => true)?.tsMs ?? -Infinity);
    recordedUntil[s.underlying] = s.source === 'mixed' ? lastRealDay(s.underlying) : lastRecorded;
  }
  await opts.db.saveDailySeries(series, recordedUntil);
  const prevClose = {} as Record<DemoUnderlying, number>;
  for (const s of series) prevClose[s.underlying as DemoUnderlying] = s.points.at(-1)?.close ?? 1;
  return { market: history.finalState, tsMs: todayMs, prevClose };
}

/** Last day of recorded data in the bundled files (after it the demo history is simulated). */
function lastRealDay(underlying: string): number {
  return underlying === 'BTC' || underlying === 'MSTR' ? Date.UTC(2026, 5, 29) : -Infinity;
}

export async function setUpDemoDesk(opts: DemoSetupOptions): Promise<DemoSetup> {
  const saved = (await opts.db.getMeta(STATE_KEY)) as DemoDeskState | undefined;
  const firstLaunch = saved === undefined;
  let state = saved ?? (await firstLaunchState(opts));
  const startMs = Math.max(state.tsMs, opts.nowMs - MAX_WARMUP_MS);
  if (startMs > state.tsMs) state = { ...state, tsMs: startMs };
  const desk = new DemoDesk({
    seed: opts.seed,
    startMs: state.tsMs,
    initial: state.market,
    prevClose: state.prevClose,
    funding: state.funding,
    ledger: state.ledger,
    ...(opts.tickMs !== undefined ? { tickMs: opts.tickMs } : {}),
    ...(opts.chainQuoter ? { chainQuoter: opts.chainQuoter } : {}),
  });
  if (firstLaunch) {
    const book = createSampleBook(desk.view());
    await opts.db.saveBook(book, opts.nowMs);
  }
  const instruments = await opts.db.listInstruments();
  desk.subscribe(instruments);
  // 15-second steps: four prices per minute give the intraday candles real bodies and wicks.
  const warmStepMs = MS_PER_MINUTE / 4;
  const warmSteps = Math.floor((opts.nowMs - state.tsMs) / warmStepMs);
  for (let i = 0; i < warmSteps; i++) opts.onWarmup?.(desk.advance(warmStepMs, false, false));
  desk.catchUp(opts.nowMs);
  await opts.db.setMeta(STATE_KEY, desk.saveState());
  return { desk, firstLaunch };
}

export async function saveDemoState(db: DbClient, desk: DemoDesk): Promise<void> {
  await db.setMeta(STATE_KEY, desk.saveState());
}
