/**
 * The live market: latest quote per instrument and state per underlying, fed by the venue
 * gateway. Persists ticks through the quote writer, pushes `market.ticked` to the screens
 * (throttled) and tells in-process listeners (the book) that something moved.
 */
import type { Candle, CandleBucket } from '../../../shared/contract/schemas';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../../shared/domain/time';
import type { DbClient } from '../../db/db-client';
import type { MarketUpdate, VenueGateway } from '../../venues/venue-gateway';
import type { EventBus } from '../event-bus';
import type { QuoteRow } from '../../db/repos/quotes.repo';
import type { QuoteWriter } from './quote-writer';

export const underlyingSeries = (u: string): string => `idx:${u}`;

/** The store rows of one market update: a reference price per underlying, a quote per instrument. */
export function quoteRowsOf(update: MarketUpdate): QuoteRow[] {
  return [
    ...update.underlyings.map((u) => ({
      series: underlyingSeries(u.underlying),
      tsMs: u.tsMs,
      mark: u.spot,
      iv: u.atmVol,
    })),
    ...update.quotes.map((q) => ({
      series: q.instrumentId,
      tsMs: q.tsMs,
      bid: q.bid,
      ask: q.ask,
      mark: q.mark,
      iv: q.markIv,
      fundingRate: q.fundingRate,
    })),
  ];
}

export class MarketService {
  private quotes = new Map<string, Quote>();
  private underlyings = new Map<string, UnderlyingState>();
  private listeners = new Set<() => void>();
  private lastTickEventMs = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly gateway: VenueGateway,
    private readonly writer: QuoteWriter,
    private readonly db: DbClient,
    private readonly bus: EventBus,
    private readonly opts: { tickEventMs: number; now: () => number },
  ) {}

  start(instruments: readonly Instrument[]): void {
    this.gateway.subscribe(instruments);
    this.apply(this.gateway.latest());
    this.unsubscribe = this.gateway.onUpdate((u) => this.apply(u));
    this.writer.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.writer.stop();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(update: MarketUpdate): void {
    for (const u of update.underlyings) {
      const prev = this.underlyings.get(u.underlying);
      if (
        prev &&
        prev.prevClose !== u.prevClose &&
        Math.floor(u.tsMs / MS_PER_DAY) > Math.floor(prev.tsMs / MS_PER_DAY)
      ) {
        // A new UTC day began: yesterday's close becomes a daily bar.
        void this.db.upsertClose(
          u.underlying,
          Math.floor(prev.tsMs / MS_PER_DAY) * MS_PER_DAY,
          u.prevClose,
          'live',
        );
      }
      this.underlyings.set(u.underlying, u);
    }
    for (const q of update.quotes) this.quotes.set(q.instrumentId, q);
    for (const row of quoteRowsOf(update)) this.writer.add(row);
    if (update.tsMs - this.lastTickEventMs >= this.opts.tickEventMs) {
      this.lastTickEventMs = update.tsMs;
      this.bus.emit('market.ticked', {
        tsMs: update.tsMs,
        underlyings: [...this.underlyings.values()],
      });
    }
    for (const l of this.listeners) l();
  }

  getQuotes(ids?: readonly string[]): Quote[] {
    if (!ids) return [...this.quotes.values()];
    return ids.flatMap((id) => this.quotes.get(id) ?? []);
  }

  getUnderlyings(): UnderlyingState[] {
    return [...this.underlyings.values()];
  }

  async getCandles(
    series: string,
    bucket: CandleBucket,
    fromMs?: number,
    toMs?: number,
    limit = 1000,
  ): Promise<Candle[]> {
    const isUnderlying = !series.includes(':');
    const to = toMs ?? this.opts.now();
    if (bucket === '1d') {
      const rows = await this.db.dailyCloses(series, fromMs ?? 0, to);
      // Daily bars carry closes only: each candle opens at the previous close.
      return rows.slice(-limit).map((r, i, all) => {
        const open = i > 0 ? (all[i - 1] as { close: number }).close : r.close;
        return {
          tsMs: r.tsMs,
          open,
          high: Math.max(open, r.close),
          low: Math.min(open, r.close),
          close: r.close,
        };
      });
    }
    const from = fromMs ?? to - limit * MS_PER_MINUTE;
    return this.db.candles1m(isUnderlying ? underlyingSeries(series) : series, from, to, limit);
  }
}
