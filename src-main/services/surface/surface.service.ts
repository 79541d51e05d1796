/**
 * Implied-vol surfaces on a cadence: every `refitSeconds` each underlying's chain is fetched from
 * its ChainSource and fitted in the worker pool with SVI (arbitrage-free), SABR and, when the
 * setting asks, unconstrained SVI, one job per underlying, the underlyings staggered across the
 * period so fits never bunch up. Each fit (with its local-vol grid) is kept for the screen, pushed
 * as `surface.updated`, stored as metric history (not the unconstrained one) and, for SVI, handed
 * to the book so its options are priced off the surface. Heston and Merton are calibrated to the
 * SVI fits on a slower cadence by `SurfaceModelsRunner`. The chain sources are followed, not
 * fixed (`surface-sources.ts`): an underlying that appears (the desk went live, a venue connected)
 * is fitted at once; one that leaves or changes source has its fits, book surface and model
 * calibrations forgotten. Main only schedules and routes.
 */
import { ServiceError } from '../../../shared/contract/result';
import type { SurfaceSettings } from '../../../shared/contract/features/surface.api';
import type { SurfaceLocalVolView } from '../../../shared/domain/vol-models';
import type {
  SurfaceFitSummary,
  SurfaceFitView,
  SurfaceGrid,
  SurfaceHistoryPoint,
  SurfaceModel,
} from '../../../shared/domain/vol-surface';
import type { SurfaceFitOutcome } from '../../../shared/quant/surface-live/fit-job';
import type { ModelBookOption } from '../../../shared/quant/surface-live/model-book';
import type { WorkerPool } from '../../compute/worker-pool';
import type { DbClient } from '../../db/db-client';
import type { BookService } from '../book/book.service';
import type { EventBus } from '../event-bus';
import type { MarketService } from '../market/market.service';
import type { ChainSource } from './chain-source';
import { modelBookOptions, SurfaceBookVols, type BookVolRow } from './surface-book';
import { errorText, summaryOf, SurfaceHistoryWriter } from './surface-history';
import { SurfaceSources, type ChainSourceProvider } from './surface-sources';
import { SurfaceModelsRunner } from './surface-models.runner';
import { loadSurfaceSettings, saveSurfaceSettings } from './surface-settings';

/** Every model the service can fit; `svi-free` only while `fitUnconstrained` is on. */
export const SURFACE_MODELS: readonly SurfaceModel[] = ['svi', 'svi-free', 'sabr'];

export interface SurfaceServiceDeps {
  pool: WorkerPool;
  db: DbClient;
  bus: EventBus;
  market: MarketService;
  book: BookService;
  /** A fixed list, or a provider read again on every sync. */
  sources: readonly ChainSource[] | ChainSourceProvider;
  now: () => number;
}

export interface SurfaceServiceOptions {
  /** Worker job limit. */
  jobTimeoutMs?: number;
  /** At most one stored history row per (underlying, model) per this many ms. */
  historySpacingMs?: number;
  /** How often the retention policy runs. */
  pruneEveryMs?: number;
  /** First scheduled Heston/Merton run after start (default 15 s). */
  modelsFirstDelayMs?: number;
  /** Worker job limit of a Heston/Merton run (default 60 s). */
  modelsTimeoutMs?: number;
}

interface Latest {
  view: SurfaceFitView;
  grid: SurfaceGrid;
  localVol: SurfaceLocalVolView | undefined;
  summary: SurfaceFitSummary;
}

const key = (underlying: string, model: SurfaceModel): string => `${underlying}|${model}`;

export class SurfaceService {
  private latest = new Map<string, Latest>();
  private errors = new Map<string, string>();
  private inFlight = new Map<string, Promise<SurfaceFitSummary[]>>();
  private readonly history: SurfaceHistoryWriter;
  private readonly sources: SurfaceSources;
  private offBus: (() => void) | undefined;
  /** First fits of new underlyings, the round-robin step and the retention timer. */
  private startTimers: ReturnType<typeof setTimeout>[] = [];
  private stepTimer: ReturnType<typeof setTimeout> | undefined;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private cursor = 0;
  private stopped = false;
  private settingsNow: SurfaceSettings | undefined;
  readonly bookVols: SurfaceBookVols;
  readonly models: SurfaceModelsRunner;

  constructor(
    private readonly deps: SurfaceServiceDeps,
    private readonly opts: SurfaceServiceOptions = {},
  ) {
    const given = deps.sources;
    this.sources = new SurfaceSources(typeof given === 'function' ? given : () => given);
    this.history = new SurfaceHistoryWriter(
      deps.db,
      opts.historySpacingMs ?? 30_000,
      () => this.stopped,
    );
    this.bookVols = new SurfaceBookVols(
      () => this.settings(),
      () => Math.max(300_000, 10_000 * this.settings().refitSeconds),
    );
    this.models = new SurfaceModelsRunner(
      {
        pool: deps.pool,
        bus: deps.bus,
        now: deps.now,
        underlyings: () => this.underlyings(),
        sviFit: (u) => this.getFit(u, 'svi'),
        bookOptions: (u) => this.bookOptions(u),
        everyMinutes: () => this.settings().modelMinutes,
      },
      {
        ...(opts.modelsFirstDelayMs !== undefined ? { firstDelayMs: opts.modelsFirstDelayMs } : {}),
        ...(opts.modelsTimeoutMs !== undefined ? { timeoutMs: opts.modelsTimeoutMs } : {}),
      },
    );
  }

  /** The models fitted on each refit under the current settings. */
  fitModels(): SurfaceModel[] {
    return SURFACE_MODELS.filter((m) => m !== 'svi-free' || this.settings().fitUnconstrained);
  }

  settings(): SurfaceSettings {
    if (!this.settingsNow) throw new Error('surface service not started');
    return this.settingsNow;
  }

  /** Every underlying with a chain source, in source order. */
  underlyings(): string[] {
    return this.sources.underlyings();
  }

  private sourceOf(underlying: string): ChainSource {
    return this.sources.sourceOf(underlying);
  }

  /** Follows another list of chain sources (e.g. the live venues'); syncs at once. */
  followSources(provider: ChainSourceProvider): void {
    this.sources.follow(provider);
    this.syncSources();
  }

  /**
   * Reads the sources again: new underlyings are fitted right away, a little apart, so the screen
   * and the book have surfaces at once; departed ones (or moved to another source) are forgotten.
   */
  syncSources(): void {
    if (this.stopped || !this.settingsNow) return;
    const { added, dropped } = this.sources.sync();
    for (const u of dropped) this.forget(u);
    added.forEach((u, i) => {
      this.startTimers.push(setTimeout(() => void this.fitQuietly(u), 50 + 250 * i).unref());
    });
  }

  private forget(underlying: string): void {
    for (const m of SURFACE_MODELS) {
      this.latest.delete(key(underlying, m));
      this.errors.delete(key(underlying, m));
    }
    this.bookVols.drop(underlying);
    this.models.forget(underlying);
    this.deps.book.refresh();
  }

  async start(): Promise<void> {
    this.settingsNow = await loadSurfaceSettings(this.deps.db);
    this.deps.book.setVolSource(this.bookVols.source);
    this.syncSources();
    this.offBus = this.deps.bus.onAny((name) => {
      if (name === 'connections.changed') this.syncSources();
    });
    this.schedule();
    this.pruneTimer = setInterval(
      () => void this.history.prune(this.deps.now()),
      this.opts.pruneEveryMs ?? 600_000,
    );
    this.pruneTimer.unref();
    this.models.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.offBus?.();
    for (const t of this.startTimers) clearTimeout(t);
    clearTimeout(this.stepTimer);
    clearInterval(this.pruneTimer);
    this.deps.book.setVolSource(undefined);
    await this.models.stop();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** One underlying per step, round robin: the period is refitSeconds for each of them. */
  private schedule(): void {
    if (this.stopped) return;
    const list = this.underlyings();
    const stepMs = (this.settings().refitSeconds * 1000) / Math.max(1, list.length);
    this.stepTimer = setTimeout(() => {
      this.syncSources();
      const now = this.underlyings();
      const u = now[this.cursor++ % Math.max(1, now.length)];
      if (u !== undefined && !this.inFlight.has(u)) void this.fitQuietly(u);
      this.schedule();
    }, stepMs).unref();
  }

  private async fitQuietly(underlying: string): Promise<void> {
    try {
      await this.fit(underlying);
    } catch (err) {
      if (!this.stopped) console.error(`surface fit ${underlying} failed:`, errorText(err));
    }
  }

  /** Fits one underlying now (joining a fit already under way). */
  fit(underlying: string): Promise<SurfaceFitSummary[]> {
    const running = this.inFlight.get(underlying);
    if (running) return running;
    const job = this.runFit(underlying).finally(() => this.inFlight.delete(underlying));
    this.inFlight.set(underlying, job);
    return job;
  }

  private async runFit(underlying: string): Promise<SurfaceFitSummary[]> {
    const source = this.sourceOf(underlying);
    let chain;
    try {
      chain = await source.fetchChain(underlying);
    } catch (err) {
      const message = `chain unavailable: ${errorText(err)}`;
      for (const m of this.fitModels()) this.errors.set(key(underlying, m), message);
      throw new ServiceError('unavailable', `${underlying}: ${message}`);
    }
    const handle = this.deps.pool.run(
      (api, control) =>
        api.fitSurface({ chain, source: source.id, models: this.fitModels() }, control),
      this.opts.jobTimeoutMs ?? 30_000,
    );
    const outcomes = await handle.promise;
    if (this.stopped) return [];
    // The desk may have switched while the fit ran: a fit of a source no longer in use is void.
    if (this.sources.idOf(underlying) !== source.id)
      throw new ServiceError(
        'unavailable',
        `${underlying}: ${source.id} is no longer a chain source`,
      );
    const summaries = outcomes.flatMap((o) => this.accept(underlying, o));
    if (summaries.length === 0) {
      const why = outcomes.map((o) => `${o.model}: ${o.error ?? 'no result'}`).join('; ');
      throw new ServiceError('unavailable', `${underlying}: no surface could be fitted (${why})`);
    }
    this.deps.book.refresh();
    return summaries;
  }

  private accept(underlying: string, o: SurfaceFitOutcome): SurfaceFitSummary[] {
    const k = key(underlying, o.model);
    if (!o.view || !o.grid) {
      this.errors.set(k, o.error ?? 'no result');
      return [];
    }
    const summary = summaryOf(o.view);
    this.latest.set(k, { view: o.view, grid: o.grid, localVol: o.localVol, summary });
    this.errors.delete(k);
    this.bookVols.update(o.view);
    this.deps.bus.emit('surface.updated', summary);
    // The store's history is the pricing fits'; the unconstrained fit is for comparison only.
    if (o.model !== 'svi-free') void this.history.store(o.view);
    return [summary];
  }

  /** The latest fit of a model, without fitting (undefined: none yet, or its source left). */
  latestFit(underlying: string, model: SurfaceModel): SurfaceFitView | undefined {
    return this.latest.get(key(underlying, model))?.view;
  }

  private async latestOrFit(underlying: string, model: SurfaceModel): Promise<Latest> {
    this.sourceOf(underlying);
    if (!this.fitModels().includes(model))
      throw new ServiceError(
        'unavailable',
        `${underlying}: the unconstrained SVI fit is off (turn on "fit unconstrained SVI")`,
      );
    let latest = this.latest.get(key(underlying, model));
    if (!latest) {
      try {
        await this.fit(underlying);
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
      }
      latest = this.latest.get(key(underlying, model));
    }
    if (!latest) {
      const why = this.errors.get(key(underlying, model)) ?? 'no fit yet';
      throw new ServiceError('unavailable', `${underlying} ${model.toUpperCase()}: ${why}`);
    }
    return latest;
  }

  async getFit(underlying: string, model: SurfaceModel): Promise<SurfaceFitView> {
    return (await this.latestOrFit(underlying, model)).view;
  }

  async getGrid(underlying: string, model: SurfaceModel): Promise<SurfaceGrid> {
    return (await this.latestOrFit(underlying, model)).grid;
  }

  async getLocalVol(underlying: string, model: SurfaceModel): Promise<SurfaceLocalVolView> {
    const { localVol } = await this.latestOrFit(underlying, model);
    if (!localVol)
      throw new ServiceError('unavailable', `${underlying}: no local vol for this fit`);
    return localVol;
  }

  getHistory(
    underlying: string,
    model: SurfaceModel,
    fromMs = 0,
    toMs = this.deps.now(),
    maxPoints = 720,
  ): Promise<SurfaceHistoryPoint[]> {
    this.sourceOf(underlying);
    return this.deps.db.surfaceHistory(underlying, model, fromMs, toMs, maxPoints);
  }

  async refit(underlying?: string): Promise<SurfaceFitSummary[]> {
    const list = underlying ? [underlying] : this.underlyings();
    const results = await Promise.allSettled(list.map((u) => this.fit(u)));
    const out = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const failed = results.find((r) => r.status === 'rejected');
    if (out.length === 0 && failed?.status === 'rejected') throw failed.reason;
    return out;
  }

  status() {
    return {
      underlyings: this.underlyings().map((u) => ({
        underlying: u,
        source: this.sourceOf(u).id,
        fits: this.fitModels().flatMap((m) => this.latest.get(key(u, m))?.summary ?? []),
        errors: this.fitModels().flatMap((m) => {
          const message = this.errors.get(key(u, m));
          return message ? [{ model: m, message }] : [];
        }),
      })),
      settings: this.settings(),
    };
  }

  async setSettings(patch: {
    [K in keyof SurfaceSettings]?: SurfaceSettings[K] | undefined;
  }): Promise<SurfaceSettings> {
    const before = this.settings();
    const next: SurfaceSettings = { ...before };
    for (const [k, v] of Object.entries(patch))
      if (v !== undefined) Object.assign(next, { [k]: v });
    this.settingsNow = next;
    await saveSurfaceSettings(this.deps.db, next);
    this.deps.book.refresh();
    if (next.modelMinutes !== before.modelMinutes) this.models.reschedule();
    if (next.fitUnconstrained && !before.fitUnconstrained) {
      // Fit the new model now rather than at each underlying's next turn.
      for (const u of this.underlyings()) void this.fitQuietly(u);
    }
    if (!next.fitUnconstrained)
      for (const u of this.underlyings()) {
        this.latest.delete(key(u, 'svi-free'));
        this.errors.delete(key(u, 'svi-free'));
      }
    return next;
  }

  /** The book's options on one underlying, as the model-risk job values them. */
  bookOptions(underlying: string): ModelBookOption[] {
    const state = this.deps.market.getUnderlyings().find((u) => u.underlying === underlying);
    return modelBookOptions(this.deps.book.contents(), underlying, state?.rate ?? 0);
  }

  /** The Heston/Merton runner, after checking that `underlying` has a chain source. */
  modelsFor(underlying: string): SurfaceModelsRunner {
    this.sourceOf(underlying);
    return this.models;
  }

  bookVolRows(): BookVolRow[] {
    return this.bookVols.liveRows(this.deps.now(), this.deps.book, this.deps.market);
  }
}
