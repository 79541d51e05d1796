/**
 * Heston and Merton beside SVI (model risk), on their own slower cadence: every `modelMinutes`
 * each underlying's latest arbitrage-free SVI fit is handed to the worker pool with the book's
 * options on it (about a second of work per underlying, so once every few minutes, staggered,
 * rather than with every 30 s refit), and on demand. One run per underlying at a time; a run can
 * be cancelled (the calibrations poll the job's flag). Stages and outcomes go out as events.
 */
import * as Comlink from 'comlink';
import { ServiceError } from '../../../shared/contract/result';
import type { SurfaceModelsView } from '../../../shared/domain/vol-models';
import type { SurfaceFitView } from '../../../shared/domain/vol-surface';
import type { ModelBookOption } from '../../../shared/quant/surface-live/model-book';
import type { ModelsStage } from '../../../shared/quant/surface-live/models-job';
import type { WorkerPool } from '../../compute/worker-pool';
import type { EventBus } from '../event-bus';

export interface ModelsRunnerDeps {
  pool: WorkerPool;
  bus: EventBus;
  now: () => number;
  underlyings: () => string[];
  /** The latest arbitrage-free SVI fit (fitting first if there is none). */
  sviFit: (underlying: string) => Promise<SurfaceFitView>;
  bookOptions: (underlying: string) => ModelBookOption[];
  everyMinutes: () => number;
}

export interface ModelsRunnerOptions {
  /** Delay of the first scheduled run after start (the SVI fits come first). Default 15 s. */
  firstDelayMs?: number;
  timeoutMs?: number;
}

interface RunState {
  cancelled: boolean;
  startedMs: number;
  stage?: ModelsStage;
  cancelJob?: () => void;
}

interface Running {
  promise: Promise<SurfaceModelsView>;
  state: RunState;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class SurfaceModelsRunner {
  private latest = new Map<string, SurfaceModelsView>();
  private errors = new Map<string, string>();
  private running = new Map<string, Running>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cursor = 0;
  private stopped = false;

  constructor(
    private readonly deps: ModelsRunnerDeps,
    private readonly opts: ModelsRunnerOptions = {},
  ) {}

  start(): void {
    this.schedule(this.opts.firstDelayMs ?? 15_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const u of this.running.keys()) this.cancel(u);
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  /** Restarts the cadence (after the period setting changed). */
  reschedule(): void {
    clearTimeout(this.timer);
    this.schedule(this.stepMs());
  }

  private stepMs(): number {
    const n = Math.max(1, this.deps.underlyings().length);
    return (this.deps.everyMinutes() * 60_000) / n;
  }

  /** One underlying per step, round robin: each is recalibrated every `modelMinutes`. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const list = this.deps.underlyings();
      const u = list[this.cursor++ % Math.max(1, list.length)];
      if (u !== undefined && !this.running.has(u))
        this.calibrate(u).catch((err: unknown) => {
          if (!this.stopped) console.error(`surface models ${u} failed:`, errorText(err));
        });
      this.schedule(this.cursor < list.length ? 5_000 : this.stepMs());
    }, delayMs).unref();
  }

  state(underlying: string) {
    const r = this.running.get(underlying);
    const view = this.latest.get(underlying);
    const error = this.errors.get(underlying);
    return {
      underlying,
      everyMinutes: this.deps.everyMinutes(),
      ...(view ? { view } : {}),
      ...(error ? { error } : {}),
      ...(r
        ? {
            running: {
              startedMs: r.state.startedMs,
              ...(r.state.stage ? { stage: r.state.stage } : {}),
            },
          }
        : {}),
    };
  }

  /** The latest calibration of an underlying (undefined: none yet, or forgotten). */
  latestView(underlying: string): SurfaceModelsView | undefined {
    return this.latest.get(underlying);
  }

  /** Forgets an underlying (its chain source left): a run under way is cancelled. */
  forget(underlying: string): void {
    this.cancel(underlying);
    this.latest.delete(underlying);
    this.errors.delete(underlying);
  }

  /** Calibrates now, joining a run under way. */
  calibrate(underlying: string): Promise<SurfaceModelsView> {
    const running = this.running.get(underlying);
    if (running) return running.promise;
    const state: RunState = { cancelled: false, startedMs: this.deps.now() };
    const promise = this.run(underlying, state).finally(() => this.running.delete(underlying));
    this.running.set(underlying, { promise, state });
    return promise;
  }

  cancel(underlying: string): boolean {
    const r = this.running.get(underlying);
    if (!r) return false;
    r.state.cancelled = true;
    r.state.cancelJob?.();
    return true;
  }

  private async run(underlying: string, entry: RunState): Promise<SurfaceModelsView> {
    const t0 = this.deps.now();
    try {
      const view = await this.deps.sviFit(underlying);
      if (entry.cancelled) throw new ServiceError('unavailable', 'cancelled');
      const book = this.deps.bookOptions(underlying);
      const onStage = Comlink.proxy((stage: ModelsStage) => {
        entry.stage = stage;
        this.deps.bus.emit('surface.modelsProgressed', {
          underlying,
          stage,
          elapsedMs: Math.max(0, this.deps.now() - t0),
        });
      });
      const handle = this.deps.pool.run(
        (api, control) => api.surfaceModels({ view, book }, control, onStage),
        this.opts.timeoutMs ?? 60_000,
      );
      entry.cancelJob = handle.cancel;
      const result = await handle.promise;
      if (this.stopped) return result;
      // Cancelled (or its source left) while the result was on its way: not kept.
      if (entry.cancelled) throw new ServiceError('unavailable', 'cancelled');
      this.latest.set(underlying, result);
      this.errors.delete(underlying);
      this.deps.bus.emit('surface.modelsCalibrated', {
        underlying,
        outcome: 'done',
        fitAsOfMs: result.fitAsOfMs,
        computeMs: result.computeMs,
        ...(result.heston ? { hestonRmseVolPts: result.heston.rmseVolPts } : {}),
        ...(result.merton ? { mertonRmseVolPts: result.merton.rmseVolPts } : {}),
      });
      return result;
    } catch (err) {
      const cancelled = entry.cancelled;
      const message = cancelled ? 'cancelled' : errorText(err);
      if (!this.stopped) {
        this.errors.set(underlying, cancelled ? 'last run cancelled' : message);
        this.deps.bus.emit('surface.modelsCalibrated', {
          underlying,
          outcome: cancelled ? 'cancelled' : 'failed',
          error: message,
        });
      }
      if (err instanceof ServiceError) throw err;
      throw new ServiceError('unavailable', `${underlying} models: ${message}`);
    }
  }
}
