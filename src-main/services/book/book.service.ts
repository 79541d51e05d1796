/**
 * The live book: positions from the store, revalued in the worker pool whenever the market
 * moves -- at most one job in flight and at most one per `minIntervalMs`, newer market data
 * coalesced into the next job. Each result is pushed to the screens as `book.updated`.
 */
import type { Account, Position } from '../../../shared/domain/account';
import type { Instrument } from '../../../shared/domain/instrument';
import type { UnderlyingState } from '../../../shared/domain/quote';
import { sumTotals, type BookSnapshot } from '../../../shared/domain/valuation';
import type { VolOverride } from '../../../shared/quant/book/revalue-book';
import type { WorkerPool } from '../../compute/worker-pool';
import type { EventBus } from '../event-bus';
import type { MarketService } from '../market/market.service';

/**
 * Per-instrument option vols that replace the quotes' IVs in the next revaluation (the surface
 * feature reads them off its fitted surfaces); undefined = use the quotes.
 */
export type VolOverrideSource = (market: {
  asOfMs: number;
  instruments: readonly Instrument[];
  underlyings: readonly UnderlyingState[];
}) => Record<string, VolOverride> | undefined;

export interface BookContents {
  accounts: Account[];
  instruments: Instrument[];
  positions: Position[];
}

export class BookService {
  private snapshot: BookSnapshot | null = null;
  private seq = 0;
  private inFlight = false;
  private pending = false;
  private lastRunMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private volSource: VolOverrideSource | undefined;
  /** Jobs that failed; the last error is kept for the status bar. */
  failures = 0;
  lastError: string | undefined;

  constructor(
    private book: BookContents,
    private readonly market: MarketService,
    private readonly pool: WorkerPool,
    private readonly bus: EventBus,
    private readonly opts: { minIntervalMs: number; staleAfterMs: number; now?: () => number },
  ) {}

  start(): void {
    this.unsubscribe = this.market.onChange(() => this.schedule());
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
  }

  contents(): BookContents {
    return this.book;
  }

  setContents(book: BookContents): void {
    this.book = book;
    this.schedule();
  }

  /** Installs (or removes) the source of option vol overrides and revalues. */
  setVolSource(source: VolOverrideSource | undefined): void {
    this.volSource = source;
    this.schedule();
  }

  /** Asks for a revaluation without a market move (e.g. a new surface fit). */
  refresh(): void {
    this.schedule();
  }

  getSnapshot(): BookSnapshot | null {
    return this.snapshot;
  }

  /** Resolves with the next snapshot (tests, CLI). */
  nextSnapshot(): Promise<BookSnapshot> {
    return new Promise((resolve) => {
      const off = this.bus.onAny((name, payload) => {
        if (name === 'book.updated') {
          off();
          resolve(payload as BookSnapshot);
        }
      });
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    if (this.timer) return;
    const now = (this.opts.now ?? Date.now)();
    const wait = Math.max(0, this.lastRunMs + this.opts.minIntervalMs - now);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
    this.timer.unref?.();
  }

  /** A failing vol source must not stop the book: it is valued off the quotes instead. */
  private volOverrides(
    asOfMs: number,
    underlyings: UnderlyingState[],
  ): Record<string, VolOverride> | undefined {
    if (!this.volSource) return undefined;
    try {
      return this.volSource({ asOfMs, instruments: this.book.instruments, underlyings });
    } catch (err) {
      this.lastError = `vol overrides: ${err instanceof Error ? err.message : String(err)}`;
      return undefined;
    }
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    this.pending = false;
    this.lastRunMs = (this.opts.now ?? Date.now)();
    const underlyings = this.market.getUnderlyings();
    // Wall-clock valuation time: a quote that stopped updating shows as stale.
    const asOfMs = this.lastRunMs;
    const volOverrides = this.volOverrides(asOfMs, underlyings);
    const input = {
      asOfMs,
      positions: this.book.positions,
      instruments: this.book.instruments,
      underlyings,
      quotes: this.market.getQuotes(this.book.instruments.map((i) => i.id)),
      staleAfterMs: this.opts.staleAfterMs,
      ...(volOverrides ? { volOverrides } : {}),
    };
    try {
      const job = this.pool.run((api, control) => api.revalueBook(input, control), 10_000);
      const { risks, computeMs } = await job.promise;
      this.snapshot = {
        tsMs: asOfMs,
        seq: ++this.seq,
        accounts: this.book.accounts,
        instruments: this.book.instruments,
        positions: this.book.positions,
        risks,
        underlyings,
        totals: sumTotals(risks),
        computeMs,
      };
      if (!this.stopped) this.bus.emit('book.updated', this.snapshot);
    } catch (err) {
      this.failures++;
      this.lastError = err instanceof Error ? err.message : String(err);
      if (!this.stopped) console.error('book revaluation failed:', this.lastError);
    } finally {
      this.inFlight = false;
      if (this.pending) this.schedule();
    }
  }
}
