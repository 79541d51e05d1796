/**
 * Liquidation-probability runs: one Monte Carlo job per request in the worker pool, its progress
 * forwarded as events, cancellable by the request id the caller chose. The view names each pool
 * and states what was assumed (spots, vols, correlations, funding).
 */
import type { ProbabilityResult } from '../../../shared/contract/features/margin.api';
import type {
  AccountLiquidationJob,
  AccountLiquidationOutcome,
  DailyClose,
  JumpSpec,
} from '../../../shared/quant/perps-live/liquidation-job';
import type { MarginAccountReport } from '../../../shared/quant/perps-live/margin-report';
import type { MarginAccountInput } from '../../../shared/quant/perps-live/margin-spec';
import type { PreTradeInput, TradePreview } from '../../../shared/quant/perps-live/pre-trade';
import type { TradeTicket } from '../../../shared/quant/perps-live/trade-apply';

export interface MarginCompute {
  reports(accounts: MarginAccountInput[]): Promise<(MarginAccountReport | null)[]>;
  probability(
    job: AccountLiquidationJob,
    onProgress: (pathsDone: number, pathsTotal: number) => void,
  ): { promise: Promise<AccountLiquidationOutcome & { computeMs: number }>; cancel(): void };
  preview(input: PreTradeInput): Promise<TradePreview>;
}

export interface ProbabilityRequest {
  accountId: string;
  horizonHours: number;
  paths: number;
  tails?: 'normal' | 'studentT' | undefined;
  seed?: number | undefined;
  requestId: string;
  jumps?: JumpSpec | undefined;
  trade?: TradeTicket | undefined;
}

/** Degrees of freedom of the fat-tailed (Student-t) hourly shocks. */
export const STUDENT_T_NU = 4;
const CHECKPOINTS = [1, 4, 8, 24, 72, 168, 336, 504, 672];

/**
 * Paths per chunk: about ten progress steps, and short chunks with Student-t shocks (every hour
 * of every path is drawn, so a chunk's cost grows with the horizon) so Cancel answers quickly.
 */
export function chunkPathsFor(
  paths: number,
  horizonHours: number,
  tails: 'normal' | 'studentT',
): number {
  const tenth = Math.ceil(paths / 10);
  const cap = tails === 'studentT' ? Math.max(1_000, Math.round(1_000_000 / horizonHours)) : 20_000;
  return Math.max(1_000, Math.min(tenth, cap));
}

export class ProbabilityRunner {
  private running = new Map<string, { cancel(): void; cancelled: boolean }>();

  constructor(
    private readonly compute: MarginCompute,
    private readonly emitProgress: (p: {
      requestId: string;
      accountId: string;
      pathsDone: number;
      pathsTotal: number;
    }) => void,
    private readonly now: () => number,
  ) {}

  async run(
    req: ProbabilityRequest,
    account: MarginAccountInput,
    fundingRates: Record<string, number>,
    closes: Record<string, DailyClose[]>,
    tradeMarkPrice?: number,
  ): Promise<ProbabilityResult> {
    if (this.running.has(req.requestId))
      throw new Error(`request ${req.requestId} is already running`);
    const tails = req.tails ?? 'normal';
    const seed = req.seed ?? this.now() % 2_147_483_647;
    const job: AccountLiquidationJob = {
      account,
      seed,
      closes,
      chunkPaths: chunkPathsFor(req.paths, req.horizonHours, tails),
      ...(req.trade && tradeMarkPrice !== undefined
        ? { trade: { ticket: req.trade, markPrice: tradeMarkPrice } }
        : {}),
      options: {
        ...(req.jumps ? { jumps: req.jumps } : {}),
        horizonHours: req.horizonHours,
        paths: req.paths,
        fundingRates,
        checkpointsHours: CHECKPOINTS.filter((h) => h < req.horizonHours),
        ...(tails === 'studentT' ? { studentTNu: STUDENT_T_NU } : {}),
      },
    };
    const handle = this.compute.probability(job, (done, total) =>
      this.emitProgress({
        requestId: req.requestId,
        accountId: req.accountId,
        pathsDone: done,
        pathsTotal: total,
      }),
    );
    const entry = { cancel: handle.cancel, cancelled: false };
    this.running.set(req.requestId, entry);
    try {
      const out = await handle.promise;
      if (!out.result)
        return { status: 'cancelled', requestId: req.requestId, accountId: req.accountId };
      const r = out.result;
      return {
        status: 'done',
        requestId: req.requestId,
        accountId: req.accountId,
        tsMs: this.now(),
        horizonHours: r.horizonHours,
        paths: r.paths,
        tails,
        seed,
        probability: Math.min(1, Math.max(0, r.probability)),
        standardError: r.standardError,
        pools: r.pools.map((p, i) => ({
          label: out.poolLabels[i] ?? `pool ${i + 1}`,
          probability: Math.min(1, Math.max(0, p.probability)),
          standardError: p.standardError,
          surplusNow: p.surplusNow,
          distanceSigmas:
            p.distanceSigmas !== null && Number.isFinite(p.distanceSigmas)
              ? p.distanceSigmas
              : null,
        })),
        checkpoints: r.checkpoints.map((c) => ({ hours: c.hours, probability: c.probability })),
        pointsPerPath: r.pointsPerPath,
        computeMs: out.computeMs,
        assumptions: {
          underlyings: out.underlyings,
          correlations: Object.entries(out.correlations).map(([pair, rho]) => ({ pair, rho })),
          fundingRates: Object.entries(fundingRates).map(([instrumentId, rate]) => ({
            instrumentId,
            rate,
          })),
          jumps: req.jumps ?? null,
          trade: req.trade ?? null,
        },
      };
    } catch (err) {
      if (entry.cancelled)
        return { status: 'cancelled', requestId: req.requestId, accountId: req.accountId };
      throw err;
    } finally {
      this.running.delete(req.requestId);
    }
  }

  cancel(requestId: string): boolean {
    const entry = this.running.get(requestId);
    if (!entry) return false;
    entry.cancelled = true;
    entry.cancel();
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }
}
