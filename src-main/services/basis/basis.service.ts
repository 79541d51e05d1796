/**
 * The MSTR-BTC basis feature in main: keeps the company record and the user's purchases in
 * memory (loaded from the store), has the compute pool run the model report (on start, after each
 * UTC midnight, after a holdings edit, on demand; cached per lookback and data version), derives
 * the live mNAV / premium / z-score from the live prices on a throttle, and applies the hedge
 * ratio to the latest book snapshot. Every push goes out as `basis.updated`.
 */
import { parseScenario, type Scenario } from '../../../shared/quant/risk/scenario-schema';
import type { z } from 'zod';
import {
  DEFAULT_BASIS_LOOKBACK,
  type basisHedgeResponseSchema,
  type basisReportResponseSchema,
} from '../../../shared/contract/features/basis.api';
import { ServiceError } from '../../../shared/contract/result';
import { MS_PER_DAY, utcDayStartMs } from '../../../shared/domain/time';
import type { BookSnapshot } from '../../../shared/domain/valuation';
import { bookBasisHedge } from '../../../shared/quant/basis/book-hedge';
import { decouplingScenario } from '../../../shared/quant/basis/decoupling';
import { fundamentalsOn } from '../../../shared/quant/basis/holdings-timeline';
import { basisLive, type BasisLive } from '../../../shared/quant/basis/live';
import type { BasisReportView } from '../../../shared/quant/basis/report-view';
import type { BasisJobInput } from '../../../shared/quant/basis/store-report';
import type { FeatureContext } from '../../app/feature';
import { BasisHoldings } from './basis-holdings';

export type BasisReportResponse = z.output<typeof basisReportResponseSchema>;
export type BasisHedgeResponse = z.output<typeof basisHedgeResponseSchema>;
type UpdateReason = 'start' | 'daily' | 'holdings' | 'demand' | 'live';

export interface BasisServiceOptions {
  liveThrottleMs: number;
  /** Delay after UTC midnight before the daily recompute (the new daily bar is written first). */
  dailyDelayMs: number;
  jobTimeoutMs: number;
}

const DEFAULTS: BasisServiceOptions = {
  liveThrottleMs: 1000,
  dailyDelayMs: 60_000,
  jobTimeoutMs: 30_000,
};
const MAX_CACHED = 8;

export class BasisService {
  readonly holdings: BasisHoldings;
  private readonly opts: BasisServiceOptions;
  private dataVersion = 0;
  private reportVersion = 0;
  private cache = new Map<string, { version: number; promise: Promise<BasisReportResponse> }>();
  private latestDefault: BasisReportResponse | undefined;
  private lastLiveMs = 0;
  private dayTimer: ReturnType<typeof setTimeout> | undefined;
  private offMarket: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: FeatureContext,
    opts: Partial<BasisServiceOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    this.holdings = new BasisHoldings(ctx.db, ctx.config.now, () => this.onDataChanged('holdings'));
  }

  async start(): Promise<void> {
    await this.holdings.load(this.ctx.config.assetsDir);
    this.offMarket = this.ctx.market.onChange(() => this.onMarket());
    this.scheduleDaily();
    void this.refreshDefault('start');
  }

  stop(): void {
    this.stopped = true;
    this.offMarket?.();
    if (this.dayTimer) clearTimeout(this.dayTimer);
  }

  private now(): number {
    return this.ctx.config.now();
  }

  /** The report for a lookback (and optional as-of day), from the cache when its inputs are unchanged. */
  async getReport(
    input: {
      lookbackDays?: number | undefined;
      asOfMs?: number | undefined;
      refresh?: boolean | undefined;
    },
    reason: UpdateReason = 'demand',
  ): Promise<BasisReportResponse> {
    const lookbackDays = input.lookbackDays ?? DEFAULT_BASIS_LOOKBACK;
    const asOfDay = input.asOfMs !== undefined ? utcDayStartMs(input.asOfMs) : undefined;
    const key = `${lookbackDays}:${asOfDay ?? 'last'}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === this.dataVersion && !input.refresh) return hit.promise;
    const promise = this.compute(lookbackDays, asOfDay);
    this.cache.set(key, { version: this.dataVersion, promise });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    const isDefault = lookbackDays === DEFAULT_BASIS_LOOKBACK && asOfDay === undefined;
    promise.then(
      (r) => {
        if (isDefault) this.publishDefault(r, reason);
      },
      () => {
        if (this.cache.get(key)?.promise === promise) this.cache.delete(key);
      },
    );
    return promise;
  }

  private async compute(
    lookbackDays: number,
    asOfMs: number | undefined,
  ): Promise<BasisReportResponse> {
    const version = this.dataVersion;
    const [mstr, btc] = await Promise.all([
      this.ctx.db.dailyCloses('MSTR'),
      this.ctx.db.dailyCloses('BTC'),
    ]);
    const input: BasisJobInput = {
      mstrCloses: mstr.map((r) => ({ tsMs: r.tsMs, close: r.close })),
      btcCloses: btc.map((r) => ({ tsMs: r.tsMs, close: r.close })),
      records: this.holdings.records,
      purchases: this.holdings.purchases,
      lookbackDays,
      asOfMs,
    };
    try {
      const job = this.ctx.pool.run(
        (api, control) => api.basisReport(input, control),
        this.opts.jobTimeoutMs,
      );
      const { view, computeMs } = await job.promise;
      return { report: view, computedAtMs: this.now(), computeMs, dataVersion: version };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const userFault = e.name === 'BasisDataError' || e.name === 'RangeError';
      throw new ServiceError(
        userFault ? 'invalid-input' : 'unavailable',
        `basis report: ${e.message}`,
      );
    }
  }

  private async refreshDefault(reason: UpdateReason): Promise<void> {
    try {
      await this.getReport({ refresh: reason === 'demand' }, reason);
    } catch (err) {
      if (!this.stopped)
        console.error('basis report failed:', err instanceof Error ? err.message : String(err));
    }
  }

  /** A new report for the default lookback: remember it and tell the screens to refetch. */
  private publishDefault(r: BasisReportResponse, reason: UpdateReason): void {
    if (r === this.latestDefault || r.dataVersion !== this.dataVersion) return;
    this.latestDefault = r;
    this.reportVersion++;
    this.emit(reason);
  }

  private emit(reason: UpdateReason): void {
    if (this.stopped) return;
    const report = this.latestDefault?.report;
    this.ctx.bus.emit('basis.updated', {
      reason,
      tsMs: this.now(),
      reportVersion: this.reportVersion,
      reportAsOfMs: report?.asOfMs ?? null,
      riskScore: report?.riskScore ?? null,
      live: this.tryLive(report ?? null),
    });
  }

  private onDataChanged(reason: 'holdings' | 'daily'): void {
    this.dataVersion++;
    this.cache.clear();
    void this.refreshDefault(reason);
  }

  private scheduleDaily(): void {
    if (this.stopped) return;
    const now = this.now();
    const next = utcDayStartMs(now) + MS_PER_DAY + this.opts.dailyDelayMs;
    this.dayTimer = setTimeout(() => {
      this.onDataChanged('daily');
      this.scheduleDaily();
    }, next - now);
    this.dayTimer.unref?.();
  }

  private onMarket(): void {
    const now = this.now();
    if (now - this.lastLiveMs < this.opts.liveThrottleMs) return;
    this.lastLiveMs = now;
    this.emit('live');
  }

  private spots(underlyings: readonly { underlying: string; spot: number }[]) {
    const mstr = underlyings.find((u) => u.underlying === 'MSTR')?.spot;
    const btc = underlyings.find((u) => u.underlying === 'BTC')?.spot;
    if (mstr === undefined || btc === undefined)
      throw new ServiceError('unavailable', 'no live MSTR and BTC prices yet');
    return { mstr, btc };
  }

  private live(report: BasisReportView | null): BasisLive {
    const { mstr, btc } = this.spots(this.ctx.market.getUnderlyings());
    const fundamentals = fundamentalsOn(this.holdings.records, this.holdings.purchases, this.now());
    if (!fundamentals) throw new ServiceError('unavailable', 'no MSTR holdings on record');
    return basisLive({
      tsMs: this.now(),
      mstrSpotUsd: mstr,
      btcSpotUsd: btc,
      fundamentals,
      ou: report?.ou ?? null,
      beta: report?.beta.current ?? null,
    });
  }

  private tryLive(report: BasisReportView | null): BasisLive | null {
    try {
      return this.live(report);
    } catch {
      return null;
    }
  }

  async getLive(lookbackDays: number | undefined) {
    const lb = lookbackDays ?? DEFAULT_BASIS_LOOKBACK;
    const r = await this.getReport({ lookbackDays: lb });
    return { live: this.live(r.report), lookbackDays: lb, reportAsOfMs: r.report.asOfMs };
  }

  /**
   * The risk engine's "MSTR decoupling" from this model: ln mNAV falls to the lower 2-sigma band
   * of its OU fit from today's live mNAV, BTC flat (none when the OU fit is unavailable).
   */
  async decouplingScenarios(): Promise<Scenario[]> {
    const { report } = await this.getReport({ lookbackDays: DEFAULT_BASIS_LOOKBACK });
    if (!report.ou) return [];
    const live = this.tryLive(report);
    const d = decouplingScenario(report, live ? { currentMNav: live.mNav } : {});
    return [parseScenario(d.scenario, 'basis model')];
  }

  async getHedge(lookbackDays: number | undefined): Promise<BasisHedgeResponse> {
    const lb = lookbackDays ?? DEFAULT_BASIS_LOOKBACK;
    const [{ report }, snap] = await Promise.all([
      this.getReport({ lookbackDays: lb }),
      this.snapshot(),
    ]);
    const { mstr, btc } = this.spots(snap.underlyings);
    const beta = report.beta.current;
    const hedge = bookBasisHedge({
      risks: snap.risks,
      hedgeBtcPerShare: (beta * mstr) / btc,
      mstrSpotUsd: mstr,
      btcSpotUsd: btc,
    });
    let decoupling: BasisHedgeResponse['decoupling'] = null;
    if (report.ou) {
      const live = this.tryLive(report);
      const d = decouplingScenario(report, live ? { currentMNav: live.mNav } : {});
      decoupling = {
        name: d.scenario.name,
        mstrSpotMove: d.mstrSpotMove,
        pnlUsd: hedge.mstrDeltaUsd * d.mstrSpotMove,
      };
    }
    return {
      tsMs: snap.tsMs,
      bookSeq: snap.seq,
      lookbackDays: lb,
      beta,
      mstrSpotUsd: mstr,
      btcSpotUsd: btc,
      hedge,
      decoupling,
    };
  }

  private async snapshot(): Promise<BookSnapshot> {
    const snap = this.ctx.book.getSnapshot();
    if (snap) return snap;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ServiceError('unavailable', 'the book has not been valued yet')),
        10_000,
      );
    });
    try {
      return await Promise.race([this.ctx.book.nextSnapshot(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
