/**
 * Keeps one venue's quotes flowing: one loop per (feed, symbol group). A loop streams with the
 * ccxt.pro `watch*` method when the venue has it, else polls the REST twin every `pollMs`.
 * On a failure (socket closed, HTTP 5xx, 429) it waits an exponential backoff and calls again,
 * which makes ccxt.pro reconnect and resubscribe; after `streamFailuresBeforePoll` failures in
 * a row a stream falls back to polling and tries the stream again after `retryStreamAfterMs`.
 * ccxt's own rate limiter (`enableRateLimit`) spaces the REST calls.
 */
import type { Quote } from '../../../shared/domain/quote';
import {
  backoffMs,
  errorMessage,
  isFatalError,
  isRateLimitError,
  type BackoffPolicy,
} from './backoff';
import type { CcxtExchange } from './ccxt-exchange';
import type { QuoteBoard } from './quote-board';
import { canPoll, canStream, groupSymbols, type QuoteFeed } from './quote-feeds';
import type { VenueStatusTracker } from './venue-status';

export interface StreamOptions {
  /** Use ccxt.pro websockets where the venue has them (false: REST polling only). */
  streaming: boolean;
  pollMs: number;
  streamFailuresBeforePoll: number;
  retryStreamAfterMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** setTimeout as a promise that an abort resolves early. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export class VenueStream {
  private abort: AbortController | undefined;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly ex: CcxtExchange,
    private readonly feeds: readonly QuoteFeed[],
    private readonly board: QuoteBoard,
    private readonly status: VenueStatusTracker,
    private readonly onQuotes: (quotes: Quote[]) => void,
    private readonly opts: StreamOptions,
  ) {}

  /** (Re)starts the loops for these symbols; an empty list stops them. */
  setSymbols(symbols: readonly string[]): void {
    this.abort?.abort();
    this.status.subscribed = symbols.length;
    if (symbols.length === 0) return;
    const abort = new AbortController();
    this.abort = abort;
    const groups = groupSymbols(this.ex, symbols);
    this.loops = this.feeds.flatMap((feed) =>
      groups.map((group) => this.run(feed, group, abort.signal)),
    );
  }

  /** Stops every loop; resolves when they have returned. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await Promise.allSettled(this.loops);
  }

  private async run(feed: QuoteFeed, symbols: string[], signal: AbortSignal): Promise<void> {
    const { opts, ex } = this;
    let streaming = opts.streaming && canStream(ex, feed);
    if (!streaming && !canPoll(ex, feed)) return;
    const loop = `${feed.name}:${symbols[0] ?? ''}`;
    let failures = 0;
    let fellBackAtMs: number | undefined;
    while (!signal.aborted) {
      if (!streaming && fellBackAtMs !== undefined) {
        if (opts.streaming && opts.now() - fellBackAtMs >= opts.retryStreamAfterMs) {
          streaming = true;
          fellBackAtMs = undefined;
        }
      }
      this.status.setMode(streaming ? 'stream' : 'poll');
      try {
        const patches =
          streaming && feed.stream ? await feed.stream(ex, symbols) : await feed.poll(ex, symbols);
        if (signal.aborted) return;
        const nowMs = opts.now();
        this.status.message(loop, nowMs);
        failures = 0;
        const changed = this.board.apply(patches, nowMs);
        if (changed.length > 0) this.onQuotes(changed);
        if (!streaming) await opts.sleep(opts.pollMs, signal);
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const rateLimited = isRateLimitError(err);
        if (isFatalError(err) && !streaming) {
          this.status.failure(loop, errorMessage(err), opts.now(), 0, false);
          return;
        }
        if (streaming && (isFatalError(err) || failures >= opts.streamFailuresBeforePoll)) {
          if (canPoll(ex, feed)) {
            streaming = false;
            fellBackAtMs = opts.now();
          }
        }
        const delay = backoffMs(opts.backoff, failures, rateLimited, opts.random);
        this.status.failure(loop, errorMessage(err), opts.now(), delay, rateLimited);
        await opts.sleep(delay, signal);
      }
    }
  }
}
