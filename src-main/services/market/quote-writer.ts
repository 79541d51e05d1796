/**
 * Batches quotes into the store: at most one raw row per series per `minSpacingMs`, flushed in
 * one transaction every `flushMs`, so a kill loses at most the last fraction of a second.
 */
import type { QuoteRow } from '../../db/repos/quotes.repo';

export interface QuoteSink {
  insertQuotes(rows: QuoteRow[]): Promise<number>;
}

export class QuoteWriter {
  private buffer: QuoteRow[] = [];
  private lastWritten = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  written = 0;

  constructor(
    private readonly sink: QuoteSink,
    private readonly opts: { flushMs: number; minSpacingMs: number },
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref?.();
  }

  add(row: QuoteRow): void {
    const last = this.lastWritten.get(row.series);
    if (last !== undefined && row.tsMs - last < this.opts.minSpacingMs) return;
    this.lastWritten.set(row.series, row.tsMs);
    this.buffer.push(row);
  }

  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.flushing;
    const rows = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing
      .then(() => this.sink.insertQuotes(rows))
      .then((n) => {
        this.written += n;
      })
      .catch((err: unknown) => console.error('quote writer: flush failed', err));
    return this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
