import { describe, expect, it } from 'vitest';
import { normCdf } from '../../../shared/quant/math/normal';
import { createRng } from '../../../shared/quant/math/rng';
import {
  bridgeHitProbability,
  gbmBarrierHitProbability,
  distanceInSigmas,
} from '../../../shared/quant/perps/barrier';
import { liquidationProbabilityMc } from '../../../shared/quant/perps/liquidation-mc';
import type { LiquidationMcInput, McLeg } from '../../../shared/quant/perps/mc-model';
import { flatTier, tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import type { AccountSpec } from '../../../shared/quant/perps/account-liquidation';
import { evaluateAccount } from '../../../shared/quant/perps/account-liquidation';
import { mcPoolsFromAccount } from '../../../shared/quant/perps/mc-account';
import { straightforwardLiquidationMc } from './mc-reference';

const HOURS_PER_YEAR = 8760;

function leg(
  underlying: number,
  side: 1 | -1,
  q: number,
  entry: number,
  type: 'linear' | 'inverse' = 'linear',
  mmr = 0.005,
  fundingRate = 0,
): McLeg {
  return {
    underlying,
    side,
    su: type === 'linear' ? side : side === 1 ? -1 : 1,
    q,
    eu: type === 'linear' ? entry : 1 / entry,
    tiers: flatTier(mmr),
    feeRate: 0,
    fixedFee: 0,
    fundingRate,
  };
}

function single(
  volAnnual: number,
  hours: number,
  balance: number,
  l: McLeg,
  type: 'linear' | 'inverse' = 'linear',
  paths = 20_000,
): LiquidationMcInput {
  return {
    underlyings: [{ id: 'BTC', spot: 60_000, volAnnual }],
    pools: [{ type, balance, legs: [l] }],
    horizonHours: hours,
    paths,
  };
}

describe('closed forms', () => {
  it('GBM barrier probability: reflection principle at zero log drift, mirror symmetry, bridge', () => {
    const vol = 0.8;
    const t = 0.1;
    // mu = vol^2 / 2 makes ln S driftless: P(min <= L) = 2 Phi(ln(L/S) / (vol sqrt t)).
    expect(gbmBarrierHitProbability(100, 90, 0.5 * vol * vol, vol, t)).toBeCloseTo(
      2 * normCdf(Math.log(0.9) / (vol * Math.sqrt(t))),
      14,
    );
    // A barrier above for S is a barrier below for 1/S, whose log drift is the opposite.
    for (const mu of [-0.5, 0, 0.3]) {
      expect(gbmBarrierHitProbability(100, 110, mu, vol, t)).toBeCloseTo(
        gbmBarrierHitProbability(1 / 100, 1 / 110, vol * vol - mu, vol, t),
        14,
      );
    }
    expect(gbmBarrierHitProbability(100, 101, 0, vol, t)).toBeGreaterThan(
      gbmBarrierHitProbability(100, 120, 0, vol, t),
    );
    expect(bridgeHitProbability(0.1, 0.2, 0.04)).toBeCloseTo(Math.exp(-1), 15);
    expect(bridgeHitProbability(-0.1, 0.2, 0.04)).toBe(1);
    expect(distanceInSigmas(100, 90, 0.8, 0.25)).toBeCloseTo(-Math.log(0.9) / 0.4, 15);
  });
});

describe('Monte Carlo liquidation probability against the GBM first-passage formula', () => {
  const cases: {
    name: string;
    type: 'linear' | 'inverse';
    side: 1 | -1;
    leverage: number;
    hours: number;
    vol: number;
  }[] = [
    {
      name: 'linear long 10x, 7 days',
      type: 'linear',
      side: 1,
      leverage: 10,
      hours: 168,
      vol: 0.8,
    },
    { name: 'linear long 20x, 1 day', type: 'linear', side: 1, leverage: 20, hours: 24, vol: 0.8 },
    {
      name: 'linear short 10x, 7 days',
      type: 'linear',
      side: -1,
      leverage: 10,
      hours: 168,
      vol: 0.6,
    },
    {
      name: 'inverse long 10x, 3 days',
      type: 'inverse',
      side: 1,
      leverage: 10,
      hours: 72,
      vol: 0.9,
    },
    {
      name: 'inverse short 5x, 14 days',
      type: 'inverse',
      side: -1,
      leverage: 5,
      hours: 336,
      vol: 0.7,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const entry = 60_000;
      const mmr = 0.005;
      // Linear: 1 BTC, margin E / L; liquidation where B + s (S - E) = S mmr.
      // Inverse: 60,000 USD face, margin 1 / L BTC; liquidation where B + s q (1/E - 1/S) = q mmr / S.
      const q = c.type === 'linear' ? 1 : 60_000;
      const balance = c.type === 'linear' ? entry / c.leverage : q / entry / c.leverage;
      const barrier =
        c.type === 'linear'
          ? (c.side * entry - balance) / (c.side - mmr)
          : (q * (c.side + mmr)) / (balance + (c.side * q) / entry);
      const exact = gbmBarrierHitProbability(entry, barrier, 0, c.vol, c.hours / HOURS_PER_YEAR);
      for (const refineTolerance of [1e-3, 1e-6]) {
        const r = liquidationProbabilityMc(
          {
            ...single(c.vol, c.hours, balance, leg(0, c.side, q, entry, c.type, mmr), c.type),
            refineTolerance,
          },
          createRng(2026),
        );
        expect(
          Math.abs(r.probability - exact),
          `${c.name} tolerance ${refineTolerance}: ${r.probability} vs ${exact}`,
        ).toBeLessThan(4 * r.standardError + 1e-4);
      }
    });
  }

  it('rises with volatility and with the horizon, and is ~0 far from the barrier', () => {
    const l = leg(0, 1, 1, 60_000);
    const p = (vol: number, hours: number, balance: number) =>
      liquidationProbabilityMc(single(vol, hours, balance, l), createRng(7)).probability;
    const base = p(0.6, 72, 6_000);
    expect(p(0.9, 72, 6_000)).toBeGreaterThan(base + 0.02);
    expect(p(0.6, 168, 6_000)).toBeGreaterThan(base + 0.02);
    expect(p(0.6, 24, 30_000)).toBeLessThan(1e-9);
  });
});

describe('pools from a calculator account', () => {
  it("an isolated Binance position liquidates in the MC at the calculator's liquidation price", () => {
    const tiers = tiersFromBrackets([
      ['0', '0.004'],
      ['50000', '0.005'],
      ['250000', '0.01'],
    ]);
    const spec: AccountSpec = {
      venue: 'binance',
      mode: 'isolated',
      positionMode: 'oneWay',
      contract: { type: 'linear', contractSize: 1 },
      takerFeeRate: 0,
      positions: [
        {
          symbol: 'BTCUSDT',
          side: 'long',
          contracts: 6,
          entryPrice: 60_000,
          markPrice: 60_000,
          leverage: 12,
          tiers,
        },
      ],
    };
    const liq = evaluateAccount(spec).symbols[0]?.solution.liquidationPrice ?? NaN;
    const pools = mcPoolsFromAccount(
      spec,
      () => 0,
      () => 0,
    );
    expect(pools).toHaveLength(1);
    const r = liquidationProbabilityMc(
      {
        underlyings: [{ id: 'BTC', spot: 60_000, volAnnual: 0.7 }],
        pools,
        horizonHours: 120,
        paths: 20_000,
      },
      createRng(4),
    );
    const exact = gbmBarrierHitProbability(60_000, liq, 0, 0.7, 120 / HOURS_PER_YEAR);
    expect(Math.abs(r.probability - exact)).toBeLessThan(4 * r.standardError + 1e-4);
    const cross = mcPoolsFromAccount(
      { ...spec, mode: 'cross', walletBalance: 40_000 },
      () => 0,
      () => 0.0001,
    );
    expect(cross).toHaveLength(1);
    expect(cross[0]?.balance).toBe(40_000);
    expect(cross[0]?.legs[0]?.fundingRate).toBe(0.0001);
  });
});

describe('Monte Carlo engine against the straightforward hourly loop', () => {
  it('two correlated underlyings, long/short legs, funding and jumps agree within MC error', () => {
    const input: LiquidationMcInput = {
      underlyings: [
        {
          id: 'BTC',
          spot: 60_000,
          volAnnual: 0.6,
          jumpIntensityPerYear: 8,
          jumpMeanLog: -0.03,
          jumpVolLog: 0.05,
        },
        { id: 'ETH', spot: 3_000, volAnnual: 0.8 },
      ],
      correlation: [1, 0.8, 0.8, 1],
      pools: [
        {
          type: 'linear',
          balance: 45_000,
          legs: [
            leg(0, 1, 10, 60_000, 'linear', 0.005, 0.0003),
            leg(1, -1, 200, 3_000, 'linear', 0.005, 0.0003),
          ],
        },
      ],
      horizonHours: 168,
      paths: 30_000,
    };
    const ours = liquidationProbabilityMc(input, createRng(1));
    const ref = straightforwardLiquidationMc({ ...input, paths: 4_000 }, createRng(2));
    const se = Math.hypot(ours.standardError, ref.standardError);
    expect(
      Math.abs(ours.probability - ref.probability),
      `${ours.probability} vs ${ref.probability}`,
    ).toBeLessThan(4 * se);
    expect(ours.probability).toBeGreaterThan(0.2);
    // The long/short book is not a one-dimensional diffusion: steps get subdivided (but far
    // fewer points than the 168 hours are drawn).
    expect(ours.pointsPerPath).toBeGreaterThan(1.5);
    expect(ours.pointsPerPath).toBeLessThan(60);
    // One position: both ends' bridge lines agree exactly, the week is a single exact step.
    const one = liquidationProbabilityMc(
      single(0.8, 168, 6_000, leg(0, 1, 1, 60_000)),
      createRng(1),
    );
    expect(one.pointsPerPath).toBe(1);
  });

  it('Student-t shocks (every hour drawn) agree with the loop', () => {
    const input: LiquidationMcInput = {
      ...single(0.8, 48, 2_500, leg(0, 1, 1, 60_000)),
      studentTNu: 3,
      paths: 6_000,
    };
    const ours = liquidationProbabilityMc(input, createRng(5));
    const ref = straightforwardLiquidationMc({ ...input, paths: 3_000 }, createRng(6));
    expect(ours.pointsPerPath).toBe(48);
    const se = Math.hypot(ours.standardError, ref.standardError);
    expect(Math.abs(ours.probability - ref.probability)).toBeLessThan(4 * se);
  });
});

describe('Monte Carlo outputs', () => {
  const input: LiquidationMcInput = {
    underlyings: [
      { id: 'BTC', spot: 60_000, volAnnual: 0.7 },
      { id: 'SOL', spot: 150, volAnnual: 1.0 },
    ],
    correlation: [1, 0.7, 0.7, 1],
    pools: [
      { type: 'linear', balance: 6_000, legs: [leg(0, 1, 1, 60_000)] },
      { type: 'linear', balance: 2_000, legs: [leg(1, -1, 100, 150, 'linear', 0.01)] },
    ],
    horizonHours: 96,
    checkpointsHours: [24, 48, 72],
    paths: 10_000,
  };

  it('checkpoints are non-decreasing and end at the horizon; "any" bounds the pools', () => {
    const r = liquidationProbabilityMc(input, createRng(3));
    expect(r.checkpoints.map((c) => c.hours)).toEqual([24, 48, 72, 96]);
    for (let i = 1; i < r.checkpoints.length; i++) {
      expect(r.checkpoints[i]?.probability).toBeGreaterThanOrEqual(
        (r.checkpoints[i - 1]?.probability ?? 0) - 1e-15,
      );
    }
    expect(r.checkpoints.at(-1)?.probability).toBe(r.probability);
    const pools = r.pools.map((p) => p.probability);
    expect(r.probability).toBeGreaterThanOrEqual(Math.max(...pools) - 1e-12);
    expect(r.probability).toBeLessThanOrEqual(pools.reduce((a, b) => a + b, 0) + 1e-12);
    // Distance in sigmas of the BTC pool: surplus / (sd of surplus over the horizon).
    const sd = (0.7 / Math.sqrt(HOURS_PER_YEAR)) * 60_000 * (1 - 0.005) * Math.sqrt(96);
    expect(r.pools[0]?.distanceSigmas).toBeCloseTo((r.pools[0]?.surplusNow ?? 0) / sd, 9);
  });

  it('is reproducible by seed and works without antithetic pairs', () => {
    const a = liquidationProbabilityMc(input, createRng(9));
    const b = liquidationProbabilityMc(input, createRng(9));
    expect(a.probability).toBe(b.probability);
    const plain = liquidationProbabilityMc({ ...input, antithetic: false }, createRng(9));
    expect(plain.paths).toBe(10_000);
    expect(Math.abs(plain.probability - a.probability)).toBeLessThan(
      4 * Math.hypot(plain.standardError, a.standardError),
    );
  });

  it('rejects inputs it cannot simulate', () => {
    expect(() => liquidationProbabilityMc({ ...input, horizonHours: 1.5 }, createRng(1))).toThrow(
      /horizonHours/,
    );
    expect(() =>
      liquidationProbabilityMc({ ...input, correlation: [1, 2, 2, 1] }, createRng(1)),
    ).toThrow();
    expect(() => liquidationProbabilityMc({ ...input, studentTNu: 2 }, createRng(1))).toThrow(
      /studentTNu/,
    );
  });
});
