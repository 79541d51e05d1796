/**
 * Funding and margin on the real services (temp data folder, real SQLite, real compute workers):
 * the demo desk's perps and accounts through the contract with output validation, the compute
 * methods against direct library calls on the same seed, progress and cancellation.
 */
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/contract/api';
import { dispatch } from '../../shared/contract/dispatch';
import { events as eventSchemas, isEventName } from '../../shared/contract/events';
import { createRng } from '../../shared/quant/math/rng';
import { liquidationProbabilityMc } from '../../shared/quant/perps/liquidation-mc';
import { fundingStats } from '../../shared/quant/perps-live/funding-board';
import {
  accountMcInput,
  type AccountLiquidationJob,
} from '../../shared/quant/perps-live/liquidation-job';
import { marginAccountReport } from '../../shared/quant/perps-live/margin-report';
import { binanceInput } from '../unit/perps-live/margin-fixtures';
import { withServices } from '../helpers/services-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const ctx = { transport: 'in-process' as const };
const events: { name: string; payload: unknown }[] = [];

async function ok<T>(key: string, input: unknown): Promise<T> {
  const r = await dispatch(harness.services.handlers, key, input, ctx, { validateOutput: true });
  if (!r.ok) throw new Error(`${key}: ${r.error.kind}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  harness = await withServices();
  harness.services.bus.onAny((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await harness?.stop();
});

const JOB: AccountLiquidationJob = {
  account: binanceInput(),
  seed: 17,
  options: { horizonHours: 48, paths: 8_000, correlations: { 'BTC|ETH': 0.7 } },
};

describe('funding and margin on the real services', () => {
  it('serves the funding board of eight perps on four venues with the book positions', async () => {
    const board = await ok<ApiOutput<'funding.getBoard'>>('funding.getBoard', {});
    expect(board.rows).toHaveLength(8);
    expect(new Set(board.rows.map((r) => r.venue)).size).toBe(4);
    for (const r of board.rows) {
      expect(r.predictedRate).not.toBeNull();
      expect(r.countdownMs).toBeGreaterThanOrEqual(0);
      expect(r.countdownMs).toBeLessThanOrEqual(8 * 3_600_000);
      expect(r.stats?.count).toBeGreaterThan(7_000);
    }
    const binance = board.rows.find((r) => r.instrumentId === 'binanceusdm:BTC/USDT:USDT');
    expect(binance?.stats?.sources.recorded).toBe(2348 * 3);
    expect(board.positions.map((p) => p.instrumentId).sort()).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:ETH/USDT:USDT',
      'deribit:BTC/USD:BTC',
    ]);
    const history = await ok<ApiOutput<'funding.getHistory'>>('funding.getHistory', {
      underlying: 'BTC',
      fromMs: Date.UTC(2019, 8, 1),
    });
    expect(history.map((s) => s.bucket)).toEqual(['1d', '1d', '1d', '1d']);
    expect(history[0]?.points.find((p) => p.tsMs === Date.UTC(2020, 2, 13))?.source).toBe(
      'recorded',
    );
    await expect
      .poll(() => events.some((e) => e.name === 'funding.updated'), { timeout: 3_000 })
      .toBe(true);
  });

  it('evaluates the Binance and Deribit demo accounts and their liquidation prices', async () => {
    const report = await ok<ApiOutput<'margin.getReport'>>('margin.getReport', {});
    expect(report.accounts.map((a) => [a.accountId, a.currency])).toEqual([
      ['demo-binance', 'USDT'],
      ['demo-deribit', 'BTC'],
    ]);
    const binance = report.accounts[0];
    expect(binance?.marginRatio).toBeGreaterThan(3);
    expect(binance?.marginRatio).toBeLessThan(12);
    for (const p of binance?.positions ?? []) {
      expect(p.liquidationPrice).toBeGreaterThan(0);
      expect(Math.abs(p.liquidationDiff ?? 1e9)).toBeLessThan(0.02 * p.markPrice);
    }
    expect(report.skipped).toEqual([]);
  });

  it('pushes funding and margin events that satisfy their contract schemas', async () => {
    await expect
      .poll(() => events.filter((e) => e.name === 'margin.updated').length, { timeout: 3_000 })
      .toBeGreaterThan(0);
    for (const e of events) {
      if (!isEventName(e.name) || !/^(funding|margin)\./.test(e.name)) continue;
      const parsed = eventSchemas[e.name].safeParse(e.payload);
      expect(parsed.success, `${e.name}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('compute methods equal the direct library calls', async () => {
    const pool = harness.services.pool;
    const stats = await pool.run((api, c) =>
      api.fundingStats(
        {
          perps: [
            {
              market: JOB.account.markets[0]!,
              history: [
                { tsMs: 0, rate: 1e-4 },
                { tsMs: 28_800_000, rate: 3e-4 },
              ],
            },
          ],
        },
        c,
      ),
    ).promise;
    expect(stats.stats[0]).toEqual(
      fundingStats(JOB.account.markets[0]!, [
        { tsMs: 0, rate: 1e-4 },
        { tsMs: 28_800_000, rate: 3e-4 },
      ]),
    );
    const reports = await pool.run((api, c) => api.marginReports({ accounts: [JOB.account] }, c))
      .promise;
    expect(reports.reports[0]).toEqual(marginAccountReport(JOB.account));

    const progress: number[] = [];
    const out = await pool.run((api, c) =>
      api.liquidationProbability(
        JOB,
        c,
        Comlink.proxy((done: number) => void progress.push(done)),
      ),
    ).promise;
    const direct = liquidationProbabilityMc(
      accountMcInput(JOB.account, JOB.options).mc,
      createRng(17),
    );
    expect(out.result).toEqual(direct);
    expect(out.poolLabels).toEqual(['cross']);
    await new Promise((r) => setTimeout(r, 50));
    expect(progress).toEqual([8_000]);
  });

  it('cancels a long run between chunks', async () => {
    let done = 0;
    // Cancelled once the worker reports its first chunk, so the job is known to be running.
    const handle = harness.services.pool.run((api, c) =>
      api.liquidationProbability(
        {
          ...JOB,
          options: { ...JOB.options, horizonHours: 672, paths: 2_000_000 },
          chunkPaths: 4_000,
        },
        c,
        Comlink.proxy((pathsDone: number) => {
          done = pathsDone;
          handle.cancel();
        }),
      ),
    );
    const out = await handle.promise;
    expect(out.result).toBeNull();
    expect(done).toBeGreaterThanOrEqual(4_000);
    expect(done).toBeLessThan(2_000_000);
  });

  it('computes a liquidation probability through the contract with progress events', async () => {
    const result = await ok<ApiOutput<'margin.computeProbability'>>('margin.computeProbability', {
      accountId: 'demo-deribit',
      horizonHours: 24,
      paths: 20_000,
      seed: 3,
      requestId: 'it-1',
    });
    if (result.status !== 'done') throw new Error('cancelled');
    expect(result.probability).toBeGreaterThanOrEqual(0);
    expect(result.probability).toBeLessThan(0.5);
    expect(result.assumptions.underlyings[0]?.id).toBe('BTC');
    expect(
      events.filter(
        (e) =>
          e.name === 'margin.probabilityProgressed' &&
          (e.payload as { requestId: string }).requestId === 'it-1',
      ).length,
    ).toBeGreaterThanOrEqual(1);
    const bad = await dispatch(
      harness.services.handlers,
      'margin.computeProbability',
      { accountId: 'nope', horizonHours: 24, paths: 1000, requestId: 'x' },
      ctx,
    );
    expect(bad.ok).toBe(false);
  });
});
