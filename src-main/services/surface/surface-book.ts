/**
 * The book priced off the fitted surfaces: keeps an evaluable copy of each underlying's latest SVI
 * fit (arbitrage-free, the pricing surface), hands the book service its per-instrument vols under
 * the stickiness setting, and lists the book's options with quote vs surface vol for the screen.
 * Evaluating a closed-form smile at the book's few option strikes costs microseconds, so it runs
 * inline; the fits themselves run in the worker pool.
 */
import type { ApiOutput } from '../../../shared/contract/api';
import type { SurfaceSettings } from '../../../shared/contract/features/surface.api';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import type { BookSnapshot } from '../../../shared/domain/valuation';
import type { SurfaceFitView } from '../../../shared/domain/vol-surface';
import {
  bookSurfaceFromView,
  surfaceVolOverrides,
  type BookSurface,
} from '../../../shared/quant/surface-live/book-vols';
import type { VolOverride } from '../../../shared/quant/book/revalue-book';
import type { ModelBookOption } from '../../../shared/quant/surface-live/model-book';
import type { BookContents, BookService, VolOverrideSource } from '../book/book.service';
import type { MarketService } from '../market/market.service';

export type BookVolRow = ApiOutput<'surface.getBookVols'>[number];

/** The model whose fits price the book: SVI, fitted free of static arbitrage. */
export const BOOK_MODEL = 'svi';

export class SurfaceBookVols {
  private surfaces = new Map<string, BookSurface>();

  constructor(
    private readonly settings: () => SurfaceSettings,
    /** A surface older than this is not used (its source has stopped). */
    private readonly maxAgeMs: () => number,
  ) {}

  /** Forgets an underlying's surface (its chain source has gone or changed). */
  drop(underlying: string): void {
    this.surfaces.delete(underlying);
  }

  /** Takes a new fit; only the pricing model's fits are kept. */
  update(view: SurfaceFitView): void {
    if (view.model !== BOOK_MODEL) return;
    this.surfaces.set(view.underlying, bookSurfaceFromView(view));
  }

  overrides(
    asOfMs: number,
    instruments: readonly Instrument[],
    underlyings: readonly UnderlyingState[],
  ): Record<string, VolOverride> | undefined {
    const s = this.settings();
    if (!s.priceBookOffSurface) return undefined;
    const fresh = new Map(
      [...this.surfaces].filter(([, surface]) => asOfMs - surface.asOfMs <= this.maxAgeMs()),
    );
    if (fresh.size === 0) return undefined;
    return surfaceVolOverrides(fresh, instruments, underlyings, s.stickiness);
  }

  readonly source: VolOverrideSource = ({ asOfMs, instruments, underlyings }) =>
    this.overrides(asOfMs, instruments, underlyings);

  /** `rows` of the live book and market. */
  liveRows(asOfMs: number, book: BookService, market: MarketService): BookVolRow[] {
    const contents = book.contents();
    return this.rows(
      asOfMs,
      contents,
      book.getSnapshot(),
      market.getQuotes(contents.instruments.map((i) => i.id)),
      market.getUnderlyings(),
    );
  }

  /** The book's option positions: quote IV, surface IV, and what the last revaluation used. */
  rows(
    asOfMs: number,
    book: BookContents,
    snapshot: BookSnapshot | null,
    quotes: readonly Quote[],
    underlyings: readonly UnderlyingState[],
  ): BookVolRow[] {
    const instruments = new Map(book.instruments.map((i) => [i.id, i]));
    const quoteOf = new Map(quotes.map((q) => [q.instrumentId, q]));
    const risks = new Map((snapshot?.risks ?? []).map((r) => [r.positionId, r]));
    const surfaceVols =
      this.overrides(asOfMs, book.instruments, underlyings) ??
      // With book pricing off, still show what the surface says.
      surfaceVolOverrides(this.surfaces, book.instruments, underlyings, this.settings().stickiness);
    const rows: BookVolRow[] = [];
    for (const pos of book.positions) {
      const inst = instruments.get(pos.instrumentId);
      if (!inst || inst.kind !== 'option') continue;
      const quoteIv = quoteOf.get(inst.id)?.markIv;
      const surfaceIv = surfaceVols[inst.id]?.volAnnual;
      const risk = risks.get(pos.id);
      const row: BookVolRow = {
        positionId: pos.id,
        instrumentId: inst.id,
        symbol: inst.symbol,
        underlying: inst.underlying,
        strike: inst.strike,
        expiryMs: inst.expiryMs,
        quantity: pos.quantity,
      };
      if (quoteIv !== undefined && Number.isFinite(quoteIv)) row.quoteIv = quoteIv;
      if (surfaceIv !== undefined) row.surfaceIv = surfaceIv;
      if (row.quoteIv !== undefined && row.surfaceIv !== undefined)
        row.diffVolPts = 100 * (row.surfaceIv - row.quoteIv);
      if (risk?.iv !== undefined) row.usedIv = risk.iv;
      if (risk?.ivSource !== undefined) row.usedSource = risk.ivSource;
      if (risk) row.vegaUsdPerVolPt = risk.vegaUsdPerVolPt;
      rows.push(row);
    }
    return rows;
  }
}

/** The book's options on one underlying in the model-risk job's terms. */
export function modelBookOptions(
  book: BookContents,
  underlying: string,
  rateAnnual: number,
): ModelBookOption[] {
  const byId = new Map(book.instruments.map((i) => [i.id, i]));
  const out: ModelBookOption[] = [];
  for (const pos of book.positions) {
    const inst = byId.get(pos.instrumentId);
    if (!inst || inst.kind !== 'option' || inst.underlying !== underlying) continue;
    out.push({
      positionId: pos.id,
      symbol: inst.symbol,
      right: inst.right,
      strike: inst.strike,
      expiryMs: inst.expiryMs,
      quantity: pos.quantity,
      multiplier: inst.multiplier,
      settlement: inst.settlement,
      rateAnnual,
    });
  }
  return out;
}
