/**
 * The live book as a risk job's input: the latest book snapshot (positions, instruments,
 * accounts, underlyings), the market's quotes of its instruments, and the daily closes of its
 * underlyings from the store (cached per UTC day). Options are valued at the vol the live
 * valuation used: where the book priced an option off the fitted surface, that vol replaces the
 * quote's IV, so VaR and the positions screen agree.
 */
import type { BookFile, DailyCloseSeries } from '../../../shared/domain/book-file';
import type { Quote } from '../../../shared/domain/quote';
import { utcDayStartMs } from '../../../shared/domain/time';
import type { BookSnapshot } from '../../../shared/domain/valuation';
import type { FeatureContext } from '../../app/feature';

type Bars = { tsMs: number; close: number; source: string }[];

export interface BookInputs {
  book: BookFile;
  snapshot: BookSnapshot;
}

function seriesOf(underlying: string, bars: Bars): DailyCloseSeries {
  const synthetic = bars.filter((b) => b.source === 'synthetic').length;
  const source = synthetic === 0 ? 'recorded' : synthetic === bars.length ? 'synthetic' : 'mixed';
  return {
    underlying,
    source,
    points: bars.filter((b) => b.close > 0).map((b) => ({ tsMs: b.tsMs, close: b.close })),
  };
}

/** Quotes with the IV the valuation used for surface-priced options. */
export function quotesWithValuationVols(quotes: readonly Quote[], snapshot: BookSnapshot): Quote[] {
  const vols = new Map<string, number>();
  for (const r of snapshot.risks)
    if (r.ivSource === 'surface' && r.iv !== undefined && r.iv > 0) vols.set(r.instrumentId, r.iv);
  return quotes.map((q) => {
    const iv = vols.get(q.instrumentId);
    return iv === undefined ? q : { ...q, markIv: iv };
  });
}

export class RiskInputs {
  private history: { dayMs: number; series: Map<string, DailyCloseSeries> } | undefined;

  constructor(private readonly ctx: FeatureContext) {}

  /** Forgets the cached history (a new daily bar was written). */
  invalidate(): void {
    this.history = undefined;
  }

  private async historyFor(underlyings: readonly string[]): Promise<DailyCloseSeries[]> {
    const day = utcDayStartMs(this.ctx.config.now());
    if (!this.history || this.history.dayMs !== day)
      this.history = { dayMs: day, series: new Map() };
    const cache = this.history.series;
    const missing = underlyings.filter((u) => !cache.has(u));
    const loaded = await Promise.all(missing.map((u) => this.ctx.db.dailyCloses(u)));
    missing.forEach((u, i) => cache.set(u, seriesOf(u, loaded[i] ?? [])));
    return underlyings
      .map((u) => cache.get(u))
      .filter((s): s is DailyCloseSeries => s !== undefined && s.points.length > 0);
  }

  /** The book file of the latest snapshot, or null before the first valuation. */
  async current(): Promise<BookInputs | null> {
    const snapshot = this.ctx.book.getSnapshot();
    if (!snapshot || snapshot.positions.length === 0) return null;
    const underlyings = [...new Set(snapshot.underlyings.map((u) => u.underlying))];
    const quotes = this.ctx.market.getQuotes(snapshot.instruments.map((i) => i.id));
    const book: BookFile = {
      format: 'cerberus.book',
      version: 1,
      asOfMs: snapshot.tsMs,
      baseCurrency: 'USD',
      accounts: snapshot.accounts,
      instruments: snapshot.instruments,
      positions: snapshot.positions,
      underlyings: snapshot.underlyings,
      quotes: quotesWithValuationVols(quotes, snapshot),
      history: await this.historyFor(underlyings),
    };
    return { book, snapshot };
  }
}
