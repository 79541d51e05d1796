/**
 * The liquidation probability of one account as a worker job: the Monte Carlo input built from
 * the account (`mcPoolsFromAccount` on the calculator accounts of `margin-spec.ts`, spots = the
 * positions' marks, vols = the risk factors' ATM vols, funding at the predicted rates), run in
 * chunks of paths on one seeded generator so the job can report progress and stop when cancelled.
 *
 * A job of at most one chunk is exactly `liquidationProbabilityMc(input, createRng(seed))`; a
 * longer one is the path-weighted combination of consecutive calls on that generator (the same
 * estimator; standard errors combine as sqrt(sum n_i^2 se_i^2) / N).
 */
import { createRng } from '../math/rng';
import { correlation } from '../stats/descriptive';
import { liquidationProbabilityMc, type LiquidationMcResult } from '../perps/liquidation-mc';
import { mcPoolsFromAccount } from '../perps/mc-account';
import type { LiquidationMcInput, McPool, McUnderlying } from '../perps/mc-model';
import { accountSpecs, type MarginAccountInput } from './margin-spec';
import { applyTrade, type TradeTicket } from './trade-apply';

export const DEFAULT_CHUNK_PATHS = 20_000;

export interface AccountMcOptions {
  horizonHours: number;
  paths: number;
  /** Pairwise correlations keyed `A|B` (either order); missing pairs are 0. */
  correlations?: Readonly<Record<string, number>>;
  /** Per-interval funding rate assumed over the horizon, per instrument; 0 when missing. */
  fundingRates?: Readonly<Record<string, number>>;
  studentTNu?: number;
  checkpointsHours?: readonly number[];
  /** Merton jumps on every underlying (log size N(meanLog, volLog), intensity per year). */
  jumps?: JumpSpec;
}

export interface JumpSpec {
  intensityPerYear: number;
  meanLog: number;
  volLog: number;
}

export interface AccountMcInput {
  mc: LiquidationMcInput;
  /** Per MC pool: 'cross' or the instrument of the isolated position. */
  poolLabels: string[];
}

export function accountMcInput(
  account: MarginAccountInput,
  opts: AccountMcOptions,
): AccountMcInput {
  const specs = accountSpecs(account);
  if (!specs)
    throw new RangeError(`account ${account.account.accountId} has no perpetual positions`);
  const underlyingIds: string[] = [];
  const spots: number[] = [];
  const underlyingOfInstrument = new Map<string, number>();
  for (const sp of [...specs.crossPositions, ...specs.isolatedPositions]) {
    const u = sp.market.underlying;
    let k = underlyingIds.indexOf(u);
    if (k < 0) {
      k = underlyingIds.push(u) - 1;
      spots.push(sp.position.markPrice);
    }
    underlyingOfInstrument.set(sp.position.instrumentId, k);
  }
  const underlyings: McUnderlying[] = underlyingIds.map((id, k) => {
    const vol = account.vols[id];
    if (vol === undefined || !(vol > 0)) throw new RangeError(`no volatility for ${id}`);
    return {
      id,
      spot: spots[k] as number,
      volAnnual: vol,
      ...(opts.jumps
        ? {
            jumpIntensityPerYear: opts.jumps.intensityPerYear,
            jumpMeanLog: opts.jumps.meanLog,
            jumpVolLog: opts.jumps.volLog,
          }
        : {}),
    };
  });
  const corr = (a: string, b: string): number =>
    a === b ? 1 : (opts.correlations?.[`${a}|${b}`] ?? opts.correlations?.[`${b}|${a}`] ?? 0);
  const k = underlyingIds.length;
  const correlation = Array.from({ length: k * k }, (_, i) =>
    corr(underlyingIds[Math.floor(i / k)] as string, underlyingIds[i % k] as string),
  );
  const underlyingOf = (symbol: string): number => underlyingOfInstrument.get(symbol) ?? 0;
  const fundingOf = (symbol: string): number => opts.fundingRates?.[symbol] ?? 0;
  const pools: McPool[] = [];
  const poolLabels: string[] = [];
  if (specs.cross) {
    pools.push(...mcPoolsFromAccount(specs.cross, underlyingOf, fundingOf));
    poolLabels.push('cross');
  }
  if (specs.isolated) {
    pools.push(...mcPoolsFromAccount(specs.isolated, underlyingOf, fundingOf));
    poolLabels.push(...specs.isolated.positions.map((p) => p.symbol));
  }
  const interval =
    specs.crossPositions[0]?.market.fundingIntervalHours ??
    specs.isolatedPositions[0]?.market.fundingIntervalHours ??
    8;
  const mc: LiquidationMcInput = {
    underlyings,
    correlation,
    pools,
    horizonHours: opts.horizonHours,
    fundingIntervalHours: interval,
    paths: opts.paths,
    ...(opts.studentTNu !== undefined ? { studentTNu: opts.studentTNu } : {}),
    ...(opts.checkpointsHours ? { checkpointsHours: opts.checkpointsHours } : {}),
  };
  return { mc, poolLabels };
}

/** Path-weighted combination of results of the same model on consecutive draws. */
export function combineMcResults(parts: readonly LiquidationMcResult[]): LiquidationMcResult {
  const first = parts[0];
  if (!first) throw new RangeError('combineMcResults: no parts');
  if (parts.length === 1) return first;
  const n = parts.reduce((s, p) => s + p.paths, 0);
  const wmean = (f: (p: LiquidationMcResult) => number): number =>
    parts.reduce((s, p) => s + p.paths * f(p), 0) / n;
  const wse = (f: (p: LiquidationMcResult) => number): number =>
    Math.sqrt(parts.reduce((s, p) => s + (p.paths * f(p)) ** 2, 0)) / n;
  return {
    paths: n,
    horizonHours: first.horizonHours,
    probability: wmean((p) => p.probability),
    standardError: wse((p) => p.standardError),
    pools: first.pools.map((pool, i) => ({
      ...pool,
      probability: wmean((p) => p.pools[i]?.probability ?? 0),
      standardError: wse((p) => p.pools[i]?.standardError ?? 0),
    })),
    checkpoints: first.checkpoints.map((c, j) => ({
      hours: c.hours,
      probability: wmean((p) => p.checkpoints[j]?.probability ?? 0),
      pools: c.pools.map((_, i) => wmean((p) => p.checkpoints[j]?.pools[i] ?? 0)),
    })),
    pointsPerPath: wmean((p) => p.pointsPerPath),
  };
}

export interface McJobHooks {
  onProgress?: (pathsDone: number, pathsTotal: number) => void;
  isCancelled?: () => boolean;
}

/** Runs the Monte Carlo in chunks; null when cancelled between chunks. */
export function runLiquidationMc(
  input: LiquidationMcInput,
  seed: number,
  hooks: McJobHooks = {},
  chunkPaths = DEFAULT_CHUNK_PATHS,
): LiquidationMcResult | null {
  const rng = createRng(seed);
  // Even chunks keep antithetic pairs whole.
  const chunk = Math.max(2, 2 * Math.ceil(chunkPaths / 2));
  const parts: LiquidationMcResult[] = [];
  let done = 0;
  while (done < input.paths) {
    if (hooks.isCancelled?.()) return null;
    const paths = Math.min(chunk, input.paths - done);
    parts.push(liquidationProbabilityMc({ ...input, paths: Math.max(2, paths) }, rng));
    done += paths;
    hooks.onProgress?.(done, input.paths);
  }
  return combineMcResults(parts);
}

export interface DailyClose {
  tsMs: number;
  close: number;
}

/**
 * Pairwise correlations of daily log returns over the last `lookbackDays` common days, keyed
 * `A|B`; a pair with fewer than 20 common returns is left out (the Monte Carlo then uses 0).
 */
export function correlationsFromCloses(
  closes: Readonly<Record<string, readonly DailyClose[]>>,
  lookbackDays = 180,
): Record<string, number> {
  const ids = Object.keys(closes).sort();
  const returns = new Map<string, Map<number, number>>();
  for (const id of ids) {
    const series = [...(closes[id] ?? [])]
      .sort((a, b) => a.tsMs - b.tsMs)
      .slice(-(lookbackDays + 1));
    const r = new Map<number, number>();
    for (let i = 1; i < series.length; i++) {
      const a = series[i - 1] as DailyClose;
      const b = series[i] as DailyClose;
      if (a.close > 0 && b.close > 0) r.set(b.tsMs, Math.log(b.close / a.close));
    }
    returns.set(id, r);
  }
  const out: Record<string, number> = {};
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const ra = returns.get(ids[i] as string) as Map<number, number>;
      const rb = returns.get(ids[j] as string) as Map<number, number>;
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [t, x] of ra) {
        const y = rb.get(t);
        if (y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      if (xs.length < 20) continue;
      try {
        const rho = correlation(xs, ys);
        out[`${ids[i]}|${ids[j]}`] = Math.max(-0.999, Math.min(0.999, rho));
      } catch {
        // A constant series has no correlation: the pair stays independent.
      }
    }
  }
  return out;
}

export interface AccountLiquidationJob {
  account: MarginAccountInput;
  options: AccountMcOptions;
  seed: number;
  /** Daily closes per underlying for the correlations (when options.correlations is absent). */
  closes?: Readonly<Record<string, readonly DailyClose[]>>;
  chunkPaths?: number;
  /** A trade applied to the account first (the pre-trade check's after-state). */
  trade?: { ticket: TradeTicket; markPrice: number };
}

export interface AccountLiquidationOutcome {
  result: LiquidationMcResult | null;
  poolLabels: string[];
  underlyings: { id: string; spot: number; volAnnual: number }[];
  correlations: Record<string, number>;
}

function withTrade(
  input: MarginAccountInput,
  trade: NonNullable<AccountLiquidationJob['trade']>,
): MarginAccountInput {
  const market = input.markets.find((m) => m.instrumentId === trade.ticket.instrumentId);
  if (!market) throw new RangeError(`${trade.ticket.instrumentId} is not listed for the account`);
  return {
    ...input,
    account: applyTrade(input.account, market, trade.ticket, trade.markPrice).account,
  };
}

/** Builds the account's Monte Carlo and runs it in chunks (result null: cancelled). */
export function runAccountLiquidationJob(
  job: AccountLiquidationJob,
  hooks: McJobHooks = {},
): AccountLiquidationOutcome {
  const correlations = job.options.correlations ?? correlationsFromCloses(job.closes ?? {});
  const account = job.trade ? withTrade(job.account, job.trade) : job.account;
  const { mc, poolLabels } = accountMcInput(account, { ...job.options, correlations });
  const result = runLiquidationMc(mc, job.seed, hooks, job.chunkPaths);
  return {
    result,
    poolLabels,
    underlyings: mc.underlyings.map((u) => ({ id: u.id, spot: u.spot, volAnnual: u.volAnnual })),
    correlations,
  };
}
