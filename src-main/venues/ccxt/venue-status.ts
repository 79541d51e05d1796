/**
 * The health of one venue connection as the user sees it: connected / stale / error with the
 * last error message and the time of the last message, the reconnect backoff in force, and the
 * data-quality score. `stale` is a gap in data (no message for `staleAfterMs`), whatever the
 * socket thinks; `error` means the latest event was a failure.
 */
import type { CcxtVenueId } from './ccxt-exchange';
import type { QualityReport } from './data-quality';

export type VenueState = 'idle' | 'connecting' | 'connected' | 'stale' | 'error' | 'stopped';
export type FeedMode = 'stream' | 'poll';

export interface VenueStatus {
  connectionId: string;
  venue: CcxtVenueId;
  state: VenueState;
  stale: boolean;
  /** How quotes arrive now: websocket, or REST polling (no stream, or after stream failures). */
  mode: FeedMode | 'idle';
  lastMessageMs?: number | undefined;
  lastError?: string | undefined;
  lastErrorMs?: number | undefined;
  consecutiveFailures: number;
  reconnects: number;
  rateLimited: boolean;
  backoffMs?: number | undefined;
  nextRetryMs?: number | undefined;
  subscribed: number;
  quality: QualityReport;
}

export class VenueStatusTracker {
  private lastMessageMs: number | undefined;
  private lastError: string | undefined;
  private lastErrorMs: number | undefined;
  /** Consecutive failures per feed loop; the venue is in error while any loop is failing. */
  private failing = new Map<string, number>();
  private reconnects = 0;
  private rateLimited = false;
  private backoffMs: number | undefined;
  private nextRetryMs: number | undefined;
  private mode: FeedMode | 'idle' = 'idle';
  private stopped = false;
  private started = false;
  subscribed = 0;

  constructor(
    readonly connectionId: string,
    readonly venue: CcxtVenueId,
    private readonly staleAfterMs: number,
    private readonly quality: () => QualityReport,
  ) {}

  start(): void {
    this.started = true;
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
  }

  setMode(mode: FeedMode): void {
    this.mode = mode;
  }

  message(loop: string, nowMs: number): void {
    if (this.failing.delete(loop)) this.reconnects++;
    this.lastMessageMs = nowMs;
    if (this.failing.size === 0) {
      this.rateLimited = false;
      this.backoffMs = undefined;
      this.nextRetryMs = undefined;
    }
  }

  failure(
    loop: string,
    message: string,
    nowMs: number,
    backoffMs: number,
    rateLimited: boolean,
  ): void {
    this.failing.set(loop, (this.failing.get(loop) ?? 0) + 1);
    this.lastError = message;
    this.lastErrorMs = nowMs;
    this.rateLimited = rateLimited;
    this.backoffMs = backoffMs;
    this.nextRetryMs = nowMs + backoffMs;
  }

  /** An error outside the quote feeds (book refresh, permission check); no backoff. */
  note(message: string, nowMs: number): void {
    this.lastError = message;
    this.lastErrorMs = nowMs;
  }

  isStale(nowMs: number): boolean {
    return this.lastMessageMs === undefined || nowMs - this.lastMessageMs > this.staleAfterMs;
  }

  state(nowMs: number): VenueState {
    if (this.stopped) return 'stopped';
    if (!this.started) return 'idle';
    if (this.failing.size > 0) return 'error';
    if (this.lastMessageMs === undefined) return 'connecting';
    return this.isStale(nowMs) ? 'stale' : 'connected';
  }

  snapshot(nowMs: number): VenueStatus {
    return {
      connectionId: this.connectionId,
      venue: this.venue,
      state: this.state(nowMs),
      stale: this.lastMessageMs !== undefined && this.isStale(nowMs),
      mode: this.mode,
      lastMessageMs: this.lastMessageMs,
      lastError: this.lastError,
      lastErrorMs: this.lastErrorMs,
      consecutiveFailures: Math.max(0, ...this.failing.values()),
      reconnects: this.reconnects,
      rateLimited: this.rateLimited,
      backoffMs: this.backoffMs,
      nextRetryMs: this.nextRetryMs,
      subscribed: this.subscribed,
      quality: this.quality(),
    };
  }
}
