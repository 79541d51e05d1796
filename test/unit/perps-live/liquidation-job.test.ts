/** The chunked liquidation-probability job against direct library calls on the same seed. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/quant/math/rng';
import { liquidationProbabilityMc } from '../../../shared/quant/perps/liquidation-mc';
import { mcPoolsFromAccount } from '../../../shared/quant/perps/mc-account';
import {
  accountMcInput,
  combineMcResults,
  correlationsFromCloses,
  runAccountLiquidationJob,
  runLiquidationMc,
} from '../../../shared/quant/perps-live/liquidation-job';
import { accountSpecs } from '../../../shared/quant/perps-live/margin-spec';
import { binanceInput, deribitInput } from './margin-fixtures';

const OPTIONS = {
  horizonHours: 72,
  paths: 4_000,
  correlations: { 'BTC|ETH': 0.8 },
  fundingRates: { 'binanceusdm:BTC/USDT:USDT': 0.0001, 'binanceusdm:ETH/USDT:USDT': 0.0002 },
};

describe('account Monte Carlo input', () => {
  it('is mcPoolsFromAccount on the calculator account with the marks and ATM vols', () => {
    const input = binanceInput();
    const { mc, poolLabels } = accountMcInput(input, OPTIONS);
    const spec = accountSpecs(input)?.cross;
    if (!spec) throw new Error('no cross spec');
    const ids = ['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ETH/USDT:USDT'];
    expect(mc.pools).toEqual(
      mcPoolsFromAccount(
        spec,
        (s) => ids.indexOf(s),
        (s) => OPTIONS.fundingRates[s as keyof typeof OPTIONS.fundingRates],
      ),
    );
    expect(poolLabels).toEqual(['cross']);
    expect(mc.underlyings).toEqual([
      { id: 'BTC', spot: 55_000, volAnnual: 0.45 },
      { id: 'ETH', spot: 1_900, volAnnual: 0.6 },
    ]);
    expect(mc.correlation).toEqual([1, 0.8, 0.8, 1]);
  });
});

describe('chunked liquidation Monte Carlo', () => {
  const { mc } = accountMcInput(binanceInput(), OPTIONS);

  it('one chunk is exactly liquidationProbabilityMc(input, createRng(seed))', () => {
    const direct = liquidationProbabilityMc(mc, createRng(42));
    expect(runLiquidationMc(mc, 42, {}, 10_000)).toEqual(direct);
    expect(direct.probability).toBeGreaterThan(0.05);
  });

  it('several chunks combine consecutive direct calls on one generator', () => {
    const rng = createRng(42);
    const parts = [1_000, 1_000, 1_000, 1_000].map((paths) =>
      liquidationProbabilityMc({ ...mc, paths }, rng),
    );
    const progress: number[] = [];
    const got = runLiquidationMc(mc, 42, { onProgress: (done) => progress.push(done) }, 1_000);
    expect(got).toEqual(combineMcResults(parts));
    expect(progress).toEqual([1_000, 2_000, 3_000, 4_000]);
    // The pooled estimate stays within 4 standard errors of the single run on other draws.
    const single = liquidationProbabilityMc(mc, createRng(42));
    expect(Math.abs((got?.probability ?? 0) - single.probability)).toBeLessThan(
      4 * Math.hypot(got?.standardError ?? 0, single.standardError) + 1e-4,
    );
  });

  it('combines standard errors as sqrt(sum n_i^2 se_i^2) / N', () => {
    const rng = createRng(5);
    const a = liquidationProbabilityMc({ ...mc, paths: 1_000 }, rng);
    const b = liquidationProbabilityMc({ ...mc, paths: 3_000 }, rng);
    const c = combineMcResults([a, b]);
    expect(c.paths).toBe(4_000);
    expect(c.probability).toBeCloseTo((1_000 * a.probability + 3_000 * b.probability) / 4_000, 15);
    expect(c.standardError).toBeCloseTo(
      Math.sqrt((1_000 * a.standardError) ** 2 + (3_000 * b.standardError) ** 2) / 4_000,
      15,
    );
  });

  it('stops between chunks when cancelled', () => {
    let chunks = 0;
    const got = runLiquidationMc(
      mc,
      1,
      { isCancelled: () => chunks >= 2, onProgress: () => chunks++ },
      1_000,
    );
    expect(got).toBeNull();
    expect(chunks).toBe(2);
  });
});

describe('account liquidation job', () => {
  it('estimates correlations from daily closes and runs the inverse account', () => {
    const days = Array.from({ length: 120 }, (_, i) => Date.UTC(2026, 0, 1) + i * 86_400_000);
    const rng = createRng(3);
    let a = 100;
    let b = 100;
    const closes = {
      BTC: [] as { tsMs: number; close: number }[],
      ETH: [] as { tsMs: number; close: number }[],
    };
    for (const tsMs of days) {
      const z = rng.normal();
      a *= Math.exp(0.03 * z);
      b *= Math.exp(0.03 * (0.9 * z + Math.sqrt(1 - 0.81) * rng.normal()));
      closes.BTC.push({ tsMs, close: a });
      closes.ETH.push({ tsMs, close: b });
    }
    const rho = correlationsFromCloses(closes)['BTC|ETH'];
    expect(rho).toBeGreaterThan(0.8);
    expect(rho).toBeLessThan(0.97);
    const out = runAccountLiquidationJob({
      account: deribitInput(),
      options: { horizonHours: 24, paths: 2_000 },
      seed: 9,
      closes,
    });
    expect(out.poolLabels).toEqual(['cross']);
    expect(out.result?.probability).toBeGreaterThanOrEqual(0);
    expect(out.result?.pools[0]?.surplusNow).toBeCloseTo(
      1.1 - 400_000 * (1 / 54_200 - 1 / 55_000) - 0.005625 * (400_000 / 55_000),
      9,
    );
  });
});
