/**
 * A 20-position USDT cross account on five underlyings (positions in several instruments per
 * underlying: perpetuals and quarterlies on one venue), used by the Monte Carlo tests and by
 * `test/bench/perps.bench.ts`. Tiers are Binance's brackets from the ccxt recording (BTC, ETH)
 * and its 75x altcoin table (others); vols, correlations and jumps are plausible, not fitted.
 */
import type { LiquidationMcInput, McLeg, McUnderlying } from '../../../shared/quant/perps/mc-model';
import { tiersFromBrackets } from '../../../shared/quant/perps/tiers';
import type { ResolvedTier } from '../../../shared/quant/perps/types';

const BTC_BRACKETS: [string, string][] = [
  ['0', '0.004'],
  ['50000', '0.005'],
  ['250000', '0.01'],
  ['3000000', '0.025'],
  ['20000000', '0.05'],
];
const ETH_BRACKETS: [string, string][] = [
  ['0', '0.005'],
  ['100000', '0.0065'],
  ['250000', '0.01'],
  ['2000000', '0.02'],
  ['15000000', '0.05'],
];
const ALT_BRACKETS: [string, string][] = [
  ['0', '0.0065'],
  ['10000', '0.01'],
  ['50000', '0.02'],
  ['250000', '0.05'],
  ['1000000', '0.1'],
];

export const BENCH_UNDERLYINGS: McUnderlying[] = [
  {
    id: 'BTC',
    spot: 60000,
    volAnnual: 0.6,
    jumpIntensityPerYear: 3,
    jumpMeanLog: -0.03,
    jumpVolLog: 0.05,
  },
  {
    id: 'ETH',
    spot: 3000,
    volAnnual: 0.75,
    jumpIntensityPerYear: 3,
    jumpMeanLog: -0.03,
    jumpVolLog: 0.06,
  },
  {
    id: 'SOL',
    spot: 150,
    volAnnual: 0.95,
    jumpIntensityPerYear: 3,
    jumpMeanLog: -0.04,
    jumpVolLog: 0.08,
  },
  {
    id: 'BNB',
    spot: 600,
    volAnnual: 0.6,
    jumpIntensityPerYear: 2,
    jumpMeanLog: -0.03,
    jumpVolLog: 0.05,
  },
  {
    id: 'XRP',
    spot: 0.6,
    volAnnual: 0.9,
    jumpIntensityPerYear: 3,
    jumpMeanLog: -0.04,
    jumpVolLog: 0.08,
  },
];

export const BENCH_CORRELATION = [
  1, 0.8, 0.7, 0.6, 0.55, 0.8, 1, 0.75, 0.6, 0.55, 0.7, 0.75, 1, 0.55, 0.5, 0.6, 0.6, 0.55, 1, 0.45,
  0.55, 0.55, 0.5, 0.45, 1,
];

/** [underlying, side, quantity in coins, entry price] */
const POSITIONS: [number, 1 | -1, number, number][] = [
  [0, 1, 5, 58000],
  [0, 1, 3, 61000],
  [0, -1, 1, 62000],
  [0, 1, 2, 59500],
  [1, 1, 60, 2900],
  [1, 1, 40, 3100],
  [1, -1, 20, 3050],
  [1, 1, 30, 2950],
  [2, 1, 800, 140],
  [2, -1, 300, 155],
  [2, 1, 500, 148],
  [2, 1, 200, 152],
  [3, 1, 150, 580],
  [3, -1, 80, 610],
  [3, 1, 100, 595],
  [4, 1, 100000, 0.55],
  [4, 1, 80000, 0.62],
  [4, -1, 50000, 0.58],
  [4, 1, 60000, 0.6],
  [4, 1, 40000, 0.61],
];

function tiersFor(k: number): ResolvedTier[] {
  return tiersFromBrackets(k === 0 ? BTC_BRACKETS : k === 1 ? ETH_BRACKETS : ALT_BRACKETS);
}

export function benchLegs(fundingRate = 0.0001): McLeg[] {
  return POSITIONS.map(([k, side, q, entry]) => ({
    underlying: k,
    side,
    su: side,
    q,
    eu: entry,
    tiers: tiersFor(k),
    feeRate: 0,
    fixedFee: 0,
    fundingRate,
  }));
}

/** The cross account: wallet `balance` USDT behind all 20 positions, horizon 7 days hourly. */
export function benchAccount(paths: number, balance = 160_000): LiquidationMcInput {
  return {
    underlyings: BENCH_UNDERLYINGS,
    correlation: BENCH_CORRELATION,
    pools: [{ type: 'linear', balance, legs: benchLegs() }],
    horizonHours: 168,
    fundingIntervalHours: 8,
    paths,
  };
}
