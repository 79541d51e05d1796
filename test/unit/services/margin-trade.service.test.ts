/**
 * The margin service's trade ticket: instruments it offers, the preview through the compute seam
 * (brackets fetched for a perp not held yet), the after-state probability equal to the job run on
 * the account with the trade applied, Merton jumps, and the margin-system switch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PerpMarket } from '../../../shared/domain/derivatives';
import { runAccountLiquidationJob } from '../../../shared/quant/perps-live/liquidation-job';
import { marginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import { previewTrade } from '../../../shared/quant/perps-live/pre-trade';
import { applyTrade } from '../../../shared/quant/perps-live/trade-apply';
import { MarginService } from '../../../src-main/services/margin/margin.service';
import {
  chunkPathsFor,
  type MarginCompute,
} from '../../../src-main/services/margin/probability-runner';
import {
  binanceAccount,
  binanceBrackets,
  binanceInput,
  BTC_PERP_DERIBIT,
  BTC_USDT,
  ETH_USDT,
} from '../perps-live/margin-fixtures';
import { FakeClock, FakeSource, memoryStore } from './fakes';

const SOL_USDT: PerpMarket = {
  ...BTC_USDT,
  instrumentId: 'binanceusdm:SOL/USDT:USDT',
  symbol: 'SOL/USDT:USDT',
  underlying: 'SOL',
};

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

const previews: unknown[] = [];
const compute: MarginCompute = {
  async reports(accounts) {
    return accounts.map((a) => marginAccountReport(a));
  },
  async preview(input) {
    previews.push(input);
    return previewTrade(input);
  },
  probability(job, onProgress) {
    return {
      promise: Promise.resolve({ ...runAccountLiquidationJob(job, { onProgress }), computeMs: 1 }),
      cancel: () => undefined,
    };
  },
};

function setUp() {
  const mem = memoryStore();
  closers.push(mem.close);
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 6));
  const source = new FakeSource([BTC_USDT, ETH_USDT, SOL_USDT, BTC_PERP_DERIBIT], clock);
  source.accounts = [binanceAccount()];
  source.mark.set(BTC_USDT.instrumentId, 55_000);
  source.mark.set(ETH_USDT.instrumentId, 1_900);
  source.mark.set(SOL_USDT.instrumentId, 150);
  for (const [id, rows] of Object.entries(binanceInput().brackets))
    source.brackets.set(id, [...rows]);
  source.brackets.set(SOL_USDT.instrumentId, binanceBrackets('ETH/USDT:USDT'));
  const service = new MarginService({
    sources: () => [source],
    store: mem.store,
    compute,
    vols: () => ({ BTC: 0.45, ETH: 0.6, SOL: 0.8 }),
    accountName: () => 'Binance USD-M (demo)',
    emitReport: () => undefined,
    emitAlert: () => undefined,
    emitProgress: () => undefined,
    now: clock.now,
  });
  return { service, source, clock };
}

describe('margin service trade ticket', () => {
  it("offers the account's venue's perps with what is held", async () => {
    const { service } = setUp();
    await service.start();
    const t = await service.ticketInstruments('demo-binance');
    expect(t.instruments.map((i) => i.instrumentId)).toEqual([
      BTC_USDT.instrumentId,
      ETH_USDT.instrumentId,
      SOL_USDT.instrumentId,
    ]);
    expect(t.instruments[0]).toMatchObject({ heldContracts: -4, leverage: 50, markPrice: 55_000 });
    expect(t.instruments[2]).toMatchObject({ heldContracts: 0, leverage: null, markPrice: 150 });
  });

  it('previews a new perp with its brackets fetched and the live mark', async () => {
    const { service, source } = setUp();
    source.accounts = [binanceAccount(20_000)];
    await service.start();
    const ticket = {
      instrumentId: SOL_USDT.instrumentId,
      side: 'buy' as const,
      contracts: 500,
      leverage: 20,
    };
    const p = await service.previewTrade('demo-binance', ticket);
    const direct = previewTrade({
      account: {
        ...binanceInput(binanceAccount(20_000)),
        markets: [BTC_USDT, ETH_USDT, SOL_USDT, BTC_PERP_DERIBIT],
        brackets: {
          ...binanceInput().brackets,
          [SOL_USDT.instrumentId]: binanceBrackets('ETH/USDT:USDT'),
        },
        vols: { BTC: 0.45, ETH: 0.6, SOL: 0.8 },
      },
      ticket,
      markPrice: 150,
    });
    expect(p.after).toEqual(direct.after);
    expect(p.kind).toBe('open');
    expect(p.refused).toBe(false);
    expect(p.after.position?.liquidationPrice).toBeGreaterThan(100);
    expect(p.after.position?.liquidationPrice).toBeLessThan(150);
    expect(p.after.position?.distanceSigmas1d).toBeGreaterThan(0);
    await expect(
      service.previewTrade('demo-binance', { ...ticket, instrumentId: 'nope:X' }),
    ).rejects.toThrow(/not listed/);
  });

  it('simulates the after-state: the job on the account with the trade applied, same seed', async () => {
    const { service } = setUp();
    await service.start();
    const trade = {
      instrumentId: BTC_USDT.instrumentId,
      side: 'sell' as const,
      contracts: 2,
      leverage: 50,
    };
    const jumps = { intensityPerYear: 12, meanLog: 0.04, volLog: 0.05 };
    const result = await service.computeProbability({
      accountId: 'demo-binance',
      horizonHours: 24,
      paths: 4_000,
      seed: 5,
      requestId: 'after',
      trade,
      jumps,
    });
    if (result.status !== 'done') throw new Error('cancelled');
    const account = {
      ...binanceInput(),
      markets: [BTC_USDT, ETH_USDT, SOL_USDT, BTC_PERP_DERIBIT],
    };
    account.account = applyTrade(account.account, BTC_USDT, trade, 55_000).account;
    const direct = runAccountLiquidationJob({
      account: { ...account, vols: { BTC: 0.45, ETH: 0.6, SOL: 0.8 } },
      seed: 5,
      closes: { BTC: [], ETH: [] },
      chunkPaths: chunkPathsFor(4_000, 24, 'normal'),
      options: {
        horizonHours: 24,
        paths: 4_000,
        fundingRates: { [BTC_USDT.instrumentId]: 1e-4, [ETH_USDT.instrumentId]: 1e-4 },
        checkpointsHours: [1, 4, 8],
        jumps,
      },
    });
    expect(result.probability).toBe(direct.result?.probability);
    expect(result.assumptions.jumps).toEqual(jumps);
    expect(result.assumptions.trade).toEqual(trade);
    // Jumps add variance: frequent large jumps raise the probability of the account as held.
    const run = async (withJumps: boolean) => {
      const r = await service.computeProbability({
        accountId: 'demo-binance',
        horizonHours: 24,
        paths: 20_000,
        seed: 9,
        requestId: `held-${withJumps}`,
        ...(withJumps ? { jumps: { intensityPerYear: 50, meanLog: 0, volLog: 0.05 } } : {}),
      });
      if (r.status !== 'done') throw new Error('cancelled');
      return r;
    };
    const plain = await run(false);
    const jumpy = await run(true);
    expect(plain.assumptions.trade).toBeNull();
    expect(jumpy.probability - plain.probability).toBeGreaterThan(
      4 * Math.hypot(jumpy.standardError, plain.standardError),
    );
  });

  it('a source without a margin-system switch says the venue decides', async () => {
    const { service } = setUp();
    await service.start();
    await expect(service.setMarginSystem('demo-binance', 'portfolio')).rejects.toThrow(
      /venue sets the margin system/,
    );
  });
});
