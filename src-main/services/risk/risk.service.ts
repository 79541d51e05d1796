/**
 * The risk engine in main: runs VaR (every method), stress and the backtest of the live book in
 * the worker pool on start, after book changes (at most once per `intervalMs`, changes in between
 * coalesced into one run) and on demand; one run at a time, cancellable. Progress goes out as
 * `risk.progressed` (throttled), the end of a run as `risk.updated`; every finished run adds a
 * small snapshot to the store (the VaR history and the live book's backtest record) and the full
 * latest run is kept in the store's meta so a restart shows it at once.
 */
import type { Scenario } from '../../../shared/quant/risk/scenario-schema';
import type {
  RiskHistoryPoint,
  RiskPhase,
  RiskRun,
  RiskStatus,
  RiskSummary,
} from '../../../shared/contract/features/risk.api';
import { ServiceError } from '../../../shared/contract/result';
import {
  DEFAULT_RISK_SETTINGS,
  type RiskJobSettings,
} from '../../../shared/quant/risk-live/job-input';
import type { FeatureContext } from '../../app/feature';
import type { PricingModelId } from '../../../shared/quant/risk/model-pricing';
import type { GpuRevalueHost } from '../../compute/gpu-engine';
import { executeRun } from './risk-run';
import type { RiskVolSource } from './risk-vols';
import { upgradeSavedRun } from './saved-run';
import { RiskInputs } from './risk-inputs';
import { RunCancelledError, RunControl } from './run-control';
import { ScenarioLibrary } from './scenario-library';

export interface RiskServiceOptions {
  intervalMs: number;
  progressEveryMs: number;
  settings: RiskJobSettings;
  /** Loss that reverse stress looks for until the user sets one (default: the VaR99 limit). */
  reverseTargetUsd: number | null;
  gpu: GpuRevalueHost | null;
  /** Run once the first book snapshot exists (tests turn this off to drive runs themselves). */
  autoRun: boolean;
  /** The vol-surface feature's smiles and model calibrations (none: sticky-strike, BSM only). */
  vols: RiskVolSource | null;
  /**
   * Scenarios derived from live models at the start of each run (the basis feature's MSTR
   * decoupling from its OU fit); a provider that fails costs its scenarios, not the run.
   */
  modelScenarios: (() => Promise<Scenario[]>) | null;
}

export const RISK_DEFAULTS: RiskServiceOptions = {
  intervalMs: 30_000,
  progressEveryMs: 200,
  settings: DEFAULT_RISK_SETTINGS,
  reverseTargetUsd: null,
  gpu: null,
  autoRun: true,
  vols: null,
  modelScenarios: null,
};

export const SNAPSHOT_KIND = 'var';
const LATEST_KEY = 'risk.latestRun';

export class RiskService {
  readonly scenarios: ScenarioLibrary;
  private readonly inputs: RiskInputs;
  private readonly opts: RiskServiceOptions;
  private latest: RiskRun | null = null;
  private summary: RiskSummary | null = null;
  private active: {
    control: RunControl;
    startedMs: number;
    promise: Promise<RiskRun | null>;
  } | null = null;
  private nextRunId = 1;
  private lastStartMs = 0;
  private pending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastProgressMs = 0;
  private offBus: (() => void) | undefined;
  private stopped = false;
  private engine: { kind: 'gpu' | 'cpu'; note: string } = { kind: 'cpu', note: 'CPU workers' };
  private reverseTargetUsd: number | null;
  private pricingModel: PricingModelId = 'bsm-svi';

  constructor(
    private readonly ctx: FeatureContext,
    opts: Partial<RiskServiceOptions> = {},
  ) {
    this.opts = { ...RISK_DEFAULTS, ...opts };
    this.inputs = new RiskInputs(ctx);
    this.scenarios = new ScenarioLibrary(ctx.db, ctx.config.now);
    this.reverseTargetUsd = this.opts.reverseTargetUsd;
  }

  async start(): Promise<void> {
    await this.scenarios.load(`${this.ctx.config.assetsDir}/scenarios`);
    const saved = upgradeSavedRun(await this.ctx.db.getMeta(LATEST_KEY));
    if (saved) {
      this.latest = saved;
      this.pricingModel = saved.settings.stressPricingModel;
      this.nextRunId = saved.runId + 1;
      this.summary = this.summaryOf(saved, 'done', null);
    }
    // The GPU host window may take seconds to start: probe in the background, CPU until then.
    if (this.opts.gpu) void this.probeGpu(this.opts.gpu);
    if (this.opts.autoRun) {
      this.offBus = this.ctx.bus.onAny((name) => {
        if (name === 'book.updated') this.onBookChange();
      });
      if (this.ctx.book.getSnapshot()) this.onBookChange();
    }
  }

  private async probeGpu(gpu: GpuRevalueHost): Promise<void> {
    const info = await gpu.probe().catch((err: unknown) => ({
      available: false,
      mode: 'none',
      note: `GPU host failed: ${err instanceof Error ? err.message : String(err)}`,
    }));
    this.engine = info.available
      ? { kind: 'gpu', note: `GPU (gpu.js ${info.mode}): ${info.note}` }
      : { kind: 'cpu', note: `CPU workers (${info.note})` };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.offBus?.();
    if (this.timer) clearTimeout(this.timer);
    this.active?.control.cancel();
    await this.active?.promise.catch(() => null);
  }

  private now(): number {
    return this.ctx.config.now();
  }

  /** Book changed: run now if the window has passed, else once when it does. */
  private onBookChange(): void {
    if (this.stopped) return;
    if (this.active) {
      this.pending = true;
      return;
    }
    if (this.timer) return;
    const wait =
      this.lastStartMs === 0
        ? 0
        : Math.max(0, this.lastStartMs + this.opts.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run(this.lastStartMs === 0 ? 'start' : 'book').catch(() => undefined);
    }, wait);
    this.timer.unref?.();
  }

  /** Starts a run (or joins the one in flight). */
  async run(
    reason: RiskRun['reason'],
    reverseTargetUsd?: number,
    pricingModel?: PricingModelId,
  ): Promise<{ runId: number; started: boolean }> {
    if (reverseTargetUsd !== undefined) this.reverseTargetUsd = reverseTargetUsd;
    if (pricingModel !== undefined) this.pricingModel = pricingModel;
    if (this.active) return { runId: this.active.control.runId, started: false };
    const inputs = await this.inputs.current();
    if (!inputs) throw new ServiceError('unavailable', 'the book has not been valued yet');
    if (this.active)
      return { runId: (this.active as { control: RunControl }).control.runId, started: false };
    const runId = this.nextRunId++;
    const control = new RunControl(runId, (phase, fraction, message) =>
      this.emitProgress(runId, phase, fraction, message),
    );
    this.lastStartMs = this.now();
    const startedMs = this.lastStartMs;
    const promise = this.execute(control, reason, inputs);
    this.active = { control, startedMs, promise };
    return { runId, started: true };
  }

  private async execute(
    control: RunControl,
    reason: RiskRun['reason'],
    inputs: NonNullable<Awaited<ReturnType<RiskInputs['current']>>>,
  ): Promise<RiskRun | null> {
    try {
      const limits = await this.ctx.db.listLimits();
      const limit = limits.find((l) => l.metric === 'var99_1d');
      const underlyings = inputs.book.underlyings.map((u) => u.underlying);
      const vols = this.opts.vols;
      const run = await executeRun({
        pool: this.ctx.pool,
        vols: vols?.dynamics(underlyings),
        models: vols?.calibrations(underlyings) ?? [],
        pricingModel: this.pricingModel,
        gpu: this.engine.kind === 'gpu' ? this.opts.gpu : null,
        run: control,
        inputs,
        reason,
        settings: this.opts.settings,
        reverseTargetUsd: this.reverseTargetUsd ?? limit?.limit ?? 250_000,
        scenarios: [...(await this.scenarios.active()), ...(await this.modelScenarios())],
        limit,
        now: () => this.now(),
      });
      this.latest = run;
      this.finish(this.summaryOf(run, 'done', null));
      await this.persist(run, inputs.snapshot.totals);
      return run;
    } catch (err) {
      const cancelled = err instanceof RunCancelledError || control.cancelled;
      const message = err instanceof Error ? err.message : String(err);
      if (!cancelled && !this.stopped) console.error('risk run failed:', message);
      this.finish({
        runId: control.runId,
        status: cancelled ? 'cancelled' : 'failed',
        tsMs: this.now(),
        asOfMs: inputs.book.asOfMs,
        engine: this.engine.kind,
        durationMs: this.now() - this.lastStartMs,
        headline: this.summary?.headline ?? null,
        heatmap: this.summary?.heatmap ?? null,
        error: cancelled ? 'cancelled' : message,
      });
      return null;
    } finally {
      this.active = null;
      if (this.pending && !this.stopped) {
        this.pending = false;
        this.onBookChange();
      }
    }
  }

  private finish(summary: RiskSummary): void {
    if (summary.status === 'done') this.summary = summary;
    if (!this.stopped) this.ctx.bus.emit('risk.updated', summary);
  }

  private async persist(
    run: RiskRun,
    totals: { marketValueUsd: number; dayPnlUsd: number },
  ): Promise<void> {
    const cell = (method: string, a: number) =>
      run.methods
        .find((m) => m.method === method)
        ?.cells.find((c) => c.horizonDays === 1 && Math.abs(c.confidence - a) < 1e-9);
    const hs99 = cell('historical', 0.99);
    if (hs99) {
      const point: Omit<RiskHistoryPoint, 'tsMs'> = {
        var99_1dUsd: hs99.varUsd,
        es99_1dUsd: hs99.esUsd,
        var95_1dUsd: cell('historical', 0.95)?.varUsd ?? hs99.varUsd,
        mcVar99_1dUsd: cell('montecarlo', 0.99)?.varUsd ?? null,
        bookValueUsd: totals.marketValueUsd,
        dayPnlUsd: totals.dayPnlUsd,
      };
      await this.ctx.db.saveRiskSnapshot(SNAPSHOT_KIND, run.finishedMs, point);
      await this.ctx.db.pruneRiskSnapshots(SNAPSHOT_KIND, run.finishedMs);
    }
    await this.ctx.db.setMeta(LATEST_KEY, run);
  }

  private summaryOf(
    run: RiskRun,
    status: RiskSummary['status'],
    error: string | null,
  ): RiskSummary {
    return {
      runId: run.runId,
      status,
      tsMs: run.finishedMs,
      asOfMs: run.asOfMs,
      engine: run.engine,
      durationMs: run.durationMs,
      headline: run.headline,
      heatmap: run.heatmap,
      error,
    };
  }

  private emitProgress(runId: number, phase: RiskPhase, fraction: number, message: string): void {
    const now = this.now();
    if (fraction < 1 && now - this.lastProgressMs < this.opts.progressEveryMs) return;
    this.lastProgressMs = now;
    if (!this.stopped) this.ctx.bus.emit('risk.progressed', { runId, phase, fraction, message });
  }

  cancel(runId?: number): boolean {
    if (!this.active || (runId !== undefined && runId !== this.active.control.runId)) return false;
    this.active.control.cancel();
    return true;
  }

  /** Resolves when the run in flight (if any) has ended. */
  async settled(): Promise<RiskRun | null> {
    return this.active ? this.active.promise : this.latest;
  }

  getLatest(): RiskRun | null {
    return this.latest;
  }

  getSummary(): RiskSummary | null {
    return this.summary;
  }

  getStatus(): RiskStatus {
    const a = this.active;
    return {
      state: a ? 'running' : 'idle',
      runId: a ? a.control.runId : null,
      phase: a ? a.control.current : null,
      fraction: a ? a.control.fraction() : 0,
      startedMs: a ? a.startedMs : null,
      engine: this.engine.kind,
      engineNote: this.engine.note,
      lastRunMs: this.latest?.finishedMs ?? null,
      intervalMs: this.opts.intervalMs,
    };
  }

  async getHistory(
    fromMs = 0,
    toMs = this.now(),
    maxPoints = 500,
  ): Promise<{ points: RiskHistoryPoint[] }> {
    const rows = await this.ctx.db.riskSnapshots(SNAPSHOT_KIND, fromMs, toMs, maxPoints);
    return {
      points: rows.map((r) => ({ ...(r.payload as Omit<RiskHistoryPoint, 'tsMs'>), tsMs: r.tsMs })),
    };
  }

  /** Model-derived scenarios for this run; a failing model is logged and skipped. */
  private async modelScenarios(): Promise<{ origin: 'model'; scenario: Scenario }[]> {
    if (!this.opts.modelScenarios) return [];
    try {
      return (await this.opts.modelScenarios()).map((scenario) => ({
        origin: 'model' as const,
        scenario,
      }));
    } catch (err) {
      console.warn(
        `risk: model scenarios unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
      return [];
    }
  }
}
