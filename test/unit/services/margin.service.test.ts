/** The margin service with a scripted source, the pure report as compute, and the real repos. */
import { afterEach, describe, expect, it } from 'vitest';
import type { MarginAlert, MarginReport } from '../../../shared/contract/features/margin.api';
import { solveLiquidation } from '../../../shared/quant/perps/liquidation-solver';
import { maintenanceMarginForNotional, tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import {
  runAccountLiquidationJob,
  type AccountLiquidationJob,
} from '../../../shared/quant/perps-live/liquidation-job';
import { marginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import { previewTrade } from '../../../shared/quant/perps-live/pre-trade';
import { MarginService } from '../../../src-main/services/margin/margin.service';
import {
  chunkPathsFor,
  type MarginCompute,
} from '../../../src-main/services/margin/probability-runner';
import {
  binanceAccount,
  binanceInput,
  binanceRows,
  BTC_USDT,
  ETH_USDT,
} from '../perps-live/margin-fixtures';
import { FakeClock, FakeSource, memoryStore } from './fakes';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

const directCompute: MarginCompute = {
  async reports(accounts) {
    return accounts.map((a) => marginAccountReport(a));
  },
  async preview(input) {
    return previewTrade(input);
  },
  probability(job, onProgress) {
    return {
      promise: Promise.resolve({ ...runAccountLiquidationJob(job, { onProgress }), computeMs: 1 }),
      cancel: () => undefined,
    };
  },
};

function setUp(compute: MarginCompute = directCompute, mem = memoryStore()) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 6));
  const source = new FakeSource([BTC_USDT, ETH_USDT], clock);
  source.accounts = [binanceAccount()];
  const input = binanceInput();
  for (const [id, rows] of Object.entries(input.brackets)) source.brackets.set(id, [...rows]);
  const reports: MarginReport[] = [];
  const alerts: MarginAlert[] = [];
  const progress: number[] = [];
  const service = new MarginService({
    sources: () => [source],
    store: mem.store,
    compute,
    vols: () => ({ BTC: 0.45, ETH: 0.6 }),
    accountName: (id) => (id === 'demo-binance' ? 'Binance USD-M (demo)' : undefined),
    emitReport: (r) => reports.push(r),
    emitAlert: (a) => alerts.push(a),
    emitProgress: (p) => progress.push(p.pathsDone),
    now: clock.now,
  });
  return { clock, source, mem, service, reports, alerts, progress };
}

/** Wallet that puts the fixture account at `ratio` (marks unchanged). */
function walletFor(ratio: number): number {
  const r = marginAccountReport(binanceInput());
  if (!r) throw new Error('no report');
  return ratio * r.maintenanceMargin - r.unrealisedPnl;
}

describe('margin service', () => {
  it('reports Cerberus liquidation prices equal to solveLiquidation and the venue ratio', async () => {
    const { service, mem, reports } = setUp();
    closers.push(mem.close);
    await service.start();
    const acct = (await service.report()).accounts[0];
    expect(acct?.name).toBe('Binance USD-M (demo)');
    const btcTiers = tiersFromBrackets(binanceRows('BTC/USDT:USDT'));
    const ethTiers = tiersFromBrackets(binanceRows('ETH/USDT:USDT'));
    const ref = solveLiquidation({
      type: 'linear',
      balance: 4_700 - maintenanceMarginForNotional(ethTiers, 30 * 1_900) + 30 * (1_900 - 1_870),
      legs: [{ su: -1, q: 4, eu: 55_660, tiers: btcTiers, feeRate: 0, fixedFee: 0 }],
      referencePrice: 55_000,
    });
    expect(acct?.positions[0]?.liquidationPrice).toBeCloseTo(ref.liquidationPrice as number, 8);
    expect(acct?.venueRatio).toBeCloseTo(1 / (acct?.marginRatio as number), 12);
    expect(reports).toHaveLength(1);
  });

  it('alerts once per band transition, with hysteresis, persisted until acknowledged', async () => {
    const { service, mem, source, alerts } = setUp();
    const path = [6, 1.45, 1.52, 1.49, 1.51, 1.5, 1.18, 1.21, 1.19, 1.3, 3, 2.9];
    await service.start();
    for (const ratio of path) {
      source.accounts = [binanceAccount(walletFor(ratio))];
      await service.refresh();
    }
    expect(alerts.map((a) => `${a.from}->${a.to}`)).toEqual([
      'safe->warning',
      'warning->danger',
      'danger->warning',
      'warning->safe',
    ]);
    expect(alerts[1]?.marginRatio).toBeCloseTo(1.18, 9);
    expect(alerts[1]?.message).toMatch(/118\.0%.*danger/);
    expect(await service.listAlerts()).toHaveLength(4);
    expect((await service.report()).unacknowledgedAlerts).toBe(4);
    expect(await service.acknowledge([alerts[0]?.id ?? 0])).toBe(1);
    expect(await service.listAlerts()).toHaveLength(3);
    expect(await service.acknowledge(undefined)).toBe(3);
    expect((await service.refresh()).unacknowledgedAlerts).toBe(0);

    // A restart resumes from the stored level: no new alert while the account stays safe.
    source.accounts = [binanceAccount(walletFor(1.4))];
    await service.refresh();
    const again = setUp(directCompute, mem);
    again.source.accounts = [binanceAccount(walletFor(1.45))];
    await again.service.start();
    expect(again.alerts).toEqual([]);
    expect(again.service.level('demo-binance')).toBe('warning');
    mem.close();
  });

  it('runs the seeded liquidation Monte Carlo with progress and the account as evaluated', async () => {
    const { service, mem, progress } = setUp();
    closers.push(mem.close);
    mem.sync.saveDailySeries(
      ['BTC', 'ETH'].map((u, k) => ({
        underlying: u,
        source: 'recorded' as const,
        points: Array.from({ length: 60 }, (_, i) => ({
          tsMs: Date.UTC(2026, 8, 1) + i * 86_400_000,
          close: 100 * Math.exp(0.02 * Math.sin(i * (k + 1.3)) + 0.01 * Math.cos(i * 0.7)),
        })),
      })),
      {},
    );
    await service.start();
    const result = await service.computeProbability({
      accountId: 'demo-binance',
      horizonHours: 48,
      paths: 6_000,
      seed: 11,
      requestId: 'r1',
    });
    if (result.status !== 'done') throw new Error('cancelled');
    const closes = {
      BTC: mem.sync.dailyCloses('BTC', 0, Date.UTC(2026, 10, 22, 6)),
      ETH: mem.sync.dailyCloses('ETH', 0, Date.UTC(2026, 10, 22, 6)),
    };
    const job: AccountLiquidationJob = {
      account: { ...binanceInput(), name: 'Binance USD-M (demo)' },
      seed: 11,
      closes,
      chunkPaths: chunkPathsFor(6_000, 48, 'normal'),
      options: {
        horizonHours: 48,
        paths: 6_000,
        fundingRates: { [BTC_USDT.instrumentId]: 1e-4, [ETH_USDT.instrumentId]: 1e-4 },
        checkpointsHours: [1, 4, 8, 24],
      },
    };
    const direct = runAccountLiquidationJob(job);
    expect(result.probability).toBe(direct.result?.probability);
    expect(result.standardError).toBe(direct.result?.standardError);
    expect(result.checkpoints.map((c) => c.hours)).toEqual([1, 4, 8, 24, 48]);
    expect(result.pools[0]?.label).toBe('cross');
    expect(result.assumptions.correlations[0]?.pair).toBe('BTC|ETH');
    expect(progress).toEqual([1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
  });

  it('sizes chunks for about ten progress steps and short Student-t chunks', () => {
    expect(chunkPathsFor(100_000, 168, 'normal')).toBe(10_000);
    expect(chunkPathsFor(2_000_000, 168, 'normal')).toBe(20_000);
    expect(chunkPathsFor(500_000, 672, 'studentT')).toBe(1_488);
    expect(chunkPathsFor(5_000, 24, 'normal')).toBe(1_000);
  });

  it('returns "cancelled" for a run the user cancels', async () => {
    let release: () => void = () => undefined;
    const slow: MarginCompute = {
      reports: directCompute.reports,
      preview: directCompute.preview,
      probability: () => {
        let cancelled = false;
        const promise = new Promise<never>((_, reject) => {
          release = () => reject(new Error(cancelled ? 'job cancelled' : 'boom'));
        });
        return { promise, cancel: () => ((cancelled = true), release()) };
      },
    };
    const { service, mem } = setUp(slow);
    closers.push(mem.close);
    await service.start();
    const pending = service.computeProbability({
      accountId: 'demo-binance',
      horizonHours: 24,
      paths: 1_000,
      requestId: 'r2',
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(service.cancelProbability('r2')).toBe(true);
    expect(await pending).toEqual({
      status: 'cancelled',
      requestId: 'r2',
      accountId: 'demo-binance',
    });
    expect(service.cancelProbability('r2')).toBe(false);
  });

  it('lists a source that fails as skipped and keeps going', async () => {
    const { service, mem, source } = setUp();
    closers.push(mem.close);
    source.failAccounts = true;
    await service.start();
    const report = await service.report();
    expect(report.accounts).toEqual([]);
    expect(report.skipped).toEqual([{ accountId: 'fake', reason: 'venue down' }]);
  });
});
