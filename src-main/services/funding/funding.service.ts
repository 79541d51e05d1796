/**
 * Funding across venues: keeps every derivatives source's funding history in the store (fetching
 * the missing range on start and after each funding time), summarises it in the worker pool when
 * it grows, and pushes the board (rates side by side with the countdown to the next funding
 * time, and the book's funding P&L) about once a second as `funding.updated`.
 */
import type { FundingHistorySeries } from '../../../shared/contract/features/funding.api';
import type { Position } from '../../../shared/domain/account';
import type {
  FundingPoint,
  FundingPointSource,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import { MS_PER_DAY } from '../../../shared/domain/time';
import {
  fundingBoard,
  type FundingBoard,
  type FundingStats,
} from '../../../shared/quant/perps-live/funding-board';
import type { DerivativesSource } from '../../venues/derivatives-source';
import { fundingHistorySeries, type FundingHistoryQuery } from './funding-history';
import { MarketChecks } from './market-checks';

/** The store calls the service needs (the db worker's, or the repos directly in tests). */
export interface FundingStore {
  saveFundingPoints(instrumentId: string, points: FundingPoint[]): Promise<number>;
  fundingPoints(instrumentId: string, fromMs?: number, toMs?: number): Promise<FundingPoint[]>;
  fundingDailyMeans(
    instrumentId: string,
    fromMs?: number,
    toMs?: number,
  ): Promise<{ tsMs: number; rate: number; source: FundingPointSource }[]>;
  fundingRange(
    instrumentId: string,
  ): Promise<{ n: number; firstMs: number; lastMs: number } | undefined>;
  dailyCloses(
    series: string,
    fromMs?: number,
    toMs?: number,
  ): Promise<{ tsMs: number; close: number }[]>;
}

export interface FundingServiceDeps {
  sources: () => readonly DerivativesSource[];
  store: FundingStore;
  /** `fundingStats` of whole histories (the pool job in the app). */
  stats: (
    perps: { market: PerpMarket; history: FundingPoint[] }[],
  ) => Promise<(FundingStats | null)[]>;
  positions: () => readonly Position[];
  emit: (board: FundingBoard) => void;
  now: () => number;
}

/** History kept in memory for the board: the last 40 days or since the oldest position. */
const RECENT_MS = 40 * MS_PER_DAY;

interface PerpEntry {
  market: PerpMarket;
  source: DerivativesSource;
  recent: FundingPoint[];
  lastStoredMs: number;
  lastSeenNextMs: number | null;
  stats: FundingStats | null;
  syncing: Promise<void> | null;
  /** A funding time that has passed and is not stored yet (a venue may publish it late). */
  expectedMs: number | null;
  lastAttemptMs: number;
}

/** Retry spacing while a passed funding time is not in the source's history yet. */
const RETRY_MS = 60_000;

export class FundingService {
  private perps = new Map<string, PerpEntry>();
  private latest: FundingBoard | null = null;
  private refreshing = false;
  private readonly checks = new MarketChecks();
  /** Syncs that failed (a venue down); the last message for diagnostics. */
  failures = 0;
  lastError: string | undefined;

  constructor(private readonly deps: FundingServiceDeps) {}

  /** Lists every source's perps and brings their stored history up to now. */
  async start(): Promise<void> {
    const added = this.discover();
    await Promise.all(added.map((e) => this.sync(e)));
    await this.recomputeStats(added);
    this.refresh();
  }

  /**
   * Follows the sources: perps of a source added since the last look join (the first source
   * listing an id wins); a perp whose source left moves to another source listing it (its stored
   * history is kept and extended from there) or leaves the board.
   */
  private discover(): PerpEntry[] {
    const added: PerpEntry[] = [];
    const sources = this.deps.sources();
    const listed = new Map<string, { source: DerivativesSource; market: PerpMarket }>();
    for (const source of sources) {
      for (const market of source.listPerps()) {
        if (!listed.has(market.instrumentId)) listed.set(market.instrumentId, { source, market });
      }
    }
    for (const [id, e] of this.perps) {
      if (sources.includes(e.source)) continue;
      const next = listed.get(id);
      if (!next) {
        this.perps.delete(id);
        continue;
      }
      e.source = next.source;
      e.market = next.market;
      e.lastSeenNextMs = null;
      added.push(e);
    }
    for (const [id, { source, market }] of listed) {
      if (this.perps.has(id)) continue;
      const entry: PerpEntry = {
        market,
        source,
        recent: [],
        lastStoredMs: -1,
        lastSeenNextMs: null,
        stats: null,
        syncing: null,
        expectedMs: null,
        lastAttemptMs: 0,
      };
      this.perps.set(id, entry);
      added.push(entry);
    }
    return added;
  }

  markets(): PerpMarket[] {
    return [...this.perps.values()].map((e) => e.market);
  }

  /** Marks for points the source gave without one: the underlying's daily close that day. */
  private async withMarks(market: PerpMarket, points: FundingPoint[]): Promise<FundingPoint[]> {
    const missing = points.filter((p) => p.markPrice === undefined);
    if (missing.length === 0) return points;
    const from = (missing[0] as FundingPoint).tsMs - 7 * MS_PER_DAY;
    const closes = await this.deps.store.dailyCloses(market.underlying, from, this.deps.now());
    let j = 0;
    return points.map((p) => {
      if (p.markPrice !== undefined) return p;
      while (j + 1 < closes.length && (closes[j + 1] as { tsMs: number }).tsMs <= p.tsMs) j++;
      const c = closes[j];
      return c && c.tsMs <= p.tsMs && c.close > 0 ? { ...p, markPrice: c.close } : p;
    });
  }

  private sync(e: PerpEntry): Promise<void> {
    e.syncing ??= (async () => {
      try {
        const nowMs = this.deps.now();
        e.lastAttemptMs = nowMs;
        if (e.lastStoredMs < 0)
          e.lastStoredMs = (await this.deps.store.fundingRange(e.market.instrumentId))?.lastMs ?? 0;
        const fresh = await e.source.fundingHistory(
          e.market.instrumentId,
          e.lastStoredMs + 1,
          nowMs,
        );
        if (fresh.length > 0) {
          await this.deps.store.saveFundingPoints(
            e.market.instrumentId,
            await this.withMarks(e.market, fresh),
          );
          e.lastStoredMs = fresh.reduce((m, p) => Math.max(m, p.tsMs), e.lastStoredMs);
        }
        e.recent = await this.deps.store.fundingPoints(
          e.market.instrumentId,
          this.recentFromMs(nowMs),
          nowMs,
        );
      } catch (err) {
        this.failures++;
        this.lastError = `${e.market.instrumentId}: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        e.syncing = null;
      }
    })();
    return e.syncing;
  }

  private recentFromMs(nowMs: number): number {
    const ids = new Set(this.perps.keys());
    let from = nowMs - RECENT_MS;
    for (const p of this.deps.positions())
      if (ids.has(p.instrumentId)) from = Math.min(from, p.openedMs);
    return from;
  }

  private async recomputeStats(entries: PerpEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const histories = await Promise.all(
      entries.map(async (e) => ({
        market: e.market,
        history: await this.deps.store.fundingPoints(e.market.instrumentId),
      })),
    );
    const stats = await this.deps.stats(histories);
    entries.forEach((e, i) => (e.stats = stats[i] ?? null));
  }

  /**
   * Rebuilds the board from the sources' live snapshots and emits it; when a funding time has
   * passed for some perp, fetches its new points and re-summarises (in the background).
   */
  refresh(): FundingBoard {
    const nowMs = this.deps.now();
    // While a sync runs the marks of "last seen" stay put, so no funding time is missed.
    if (!this.refreshing) {
      const due: PerpEntry[] = this.discover();
      for (const e of this.perps.values()) {
        const next = e.source.fundingSnapshot(e.market.instrumentId)?.nextFundingMs ?? null;
        if (next !== null && e.lastSeenNextMs !== null && next > e.lastSeenNextMs) {
          e.expectedMs = e.lastSeenNextMs;
          due.push(e);
        } else if (
          e.expectedMs !== null &&
          e.lastStoredMs < e.expectedMs &&
          nowMs - e.lastAttemptMs >= RETRY_MS
        ) {
          due.push(e);
        }
        if (next !== null) e.lastSeenNextMs = next;
      }
      if (due.length > 0) {
        this.refreshing = true;
        void Promise.all(due.map((e) => this.sync(e)))
          .then(() => this.recomputeStats(due))
          .catch((err: unknown) => {
            this.failures++;
            this.lastError = err instanceof Error ? err.message : String(err);
          })
          .finally(() => {
            this.refreshing = false;
          });
      }
    }
    const entries = [...this.perps.values()];
    const board = this.buildBoard(nowMs, this.checks.update(nowMs, entries, this.deps.sources()));
    this.latest = board;
    this.deps.emit(board);
    return board;
  }

  /** Completes any sync in flight (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.refreshing || [...this.perps.values()].some((e) => e.syncing)) {
      await Promise.all([...this.perps.values()].map((e) => e.syncing));
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private buildBoard(
    nowMs: number,
    checks: Pick<FundingBoard, 'marks' | 'futures'> = { marks: [], futures: [] },
  ): FundingBoard {
    const entries = [...this.perps.values()];
    return fundingBoard({
      nowMs,
      ...checks,
      perps: entries.map((e) => ({
        market: e.market,
        snapshot: e.source.fundingSnapshot(e.market.instrumentId) ?? null,
        history: e.recent,
        stats: e.stats,
      })),
      positions: this.deps
        .positions()
        .filter((p) => this.perps.has(p.instrumentId))
        .map((p) => ({
          positionId: p.id,
          accountId: p.accountId,
          instrumentId: p.instrumentId,
          quantity: p.quantity,
          openedMs: p.openedMs,
        })),
    });
  }

  board(): FundingBoard {
    return this.latest ?? this.buildBoard(this.deps.now());
  }

  /** Stored history of the listed perps for charts (see funding-history.ts). */
  history(query: FundingHistoryQuery): Promise<FundingHistorySeries[]> {
    return fundingHistorySeries(this.deps.store, this.markets(), query, this.deps.now());
  }
}
