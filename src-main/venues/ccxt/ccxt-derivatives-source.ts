/**
 * `DerivativesSource` for one ccxt venue connection: watched and held perpetuals,
 * funding snapshots from the live quote board, history in pages, brackets from the venue's
 * tier endpoint, account margin states from the last book refresh (refreshed on demand when
 * older than `maxBookAgeMs`).
 */
import type {
  AccountMarginState,
  FundingPoint,
  FundingSnapshot,
  FutureMarket,
  FutureSnapshot,
  MarginBracket,
  MarkInputs,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import type { InstrumentId } from '../../../shared/domain/instrument';
import type { DerivativesSource } from '../derivatives-source';
import type { CcxtVenueId } from './ccxt-exchange';
import type { CcxtVenue } from './ccxt-venue';

/**
 * Minutes of index averaged into the delivery price: Binance 30 (since November 2024), Deribit
 * 30, OKX the last hour; Bybit 30 is assumed (not checked against its rules).
 */
const SETTLEMENT_WINDOW_MINUTES: Record<CcxtVenueId, number> = {
  binanceusdm: 30,
  deribit: 30,
  okx: 60,
  bybit: 30,
};

export class CcxtDerivativesSource implements DerivativesSource {
  readonly id: string;

  constructor(
    private readonly venue: CcxtVenue,
    private readonly opts: {
      now: () => number;
      maxBookAgeMs: number;
      /** Underlyings whose perpetuals are listed (held perpetuals are listed too). */
      watchUnderlyings: readonly string[];
    },
  ) {
    this.id = `${venue.venue}:${venue.settings.connectionId}`;
  }

  /**
   * The watched underlyings' perpetuals and the ones the account holds -- not the venue's whole
   * list (hundreds on Binance), which would send the funding feature after every history.
   */
  listPerps(): PerpMarket[] {
    const watch = new Set(this.opts.watchUnderlyings);
    const held = new Set(this.venue.book()?.positions.map((p) => p.instrumentId));
    return this.venue.perps().filter((p) => watch.has(p.underlying) || held.has(p.instrumentId));
  }

  fundingSnapshot(instrumentId: InstrumentId): FundingSnapshot | undefined {
    return this.venue.fundingSnapshot(instrumentId);
  }

  /**
   * Book top and last price from the live quote board. The venues' index constituents are not
   * read (Binance `/fapi/v1/constituents`, OKX `index-components` exist; not wired yet), so
   * Cerberus' mark is computed on the venue's reported index.
   */
  markInputs(instrumentId: InstrumentId): MarkInputs | undefined {
    const q = this.venue.board.quote(instrumentId);
    if (!q) return undefined;
    return { instrumentId, tsMs: q.tsMs, bid: q.bid, ask: q.ask, lastPrice: q.last };
  }

  /** The watched underlyings' and the held dated futures. */
  listFutures(): FutureMarket[] {
    const watch = new Set(this.opts.watchUnderlyings);
    const held = new Set(this.venue.book()?.positions.map((p) => p.instrumentId));
    return this.venue.listInstruments().flatMap((i) =>
      i.kind === 'future' && (watch.has(i.underlying) || held.has(i.id))
        ? [
            {
              instrumentId: i.id,
              venue: this.venue.venue,
              symbol: i.symbol,
              underlying: i.underlying,
              settlement: i.settlement,
              contractSize: i.contractSize,
              expiryMs: i.expiryMs,
              settlementWindowMinutes: SETTLEMENT_WINDOW_MINUTES[this.venue.venue],
            },
          ]
        : [],
    );
  }

  /** A dated future's price from the quote board (when its quotes are subscribed). */
  futureSnapshot(instrumentId: InstrumentId): FutureSnapshot | undefined {
    const q = this.venue.board.quote(instrumentId);
    const mark = q?.mark ?? q?.last;
    if (!q || mark === undefined || q.index === undefined) return undefined;
    return {
      instrumentId,
      tsMs: q.tsMs,
      markPrice: mark,
      indexPrice: q.index,
      bid: q.bid,
      ask: q.ask,
    };
  }

  fundingHistory(
    instrumentId: InstrumentId,
    fromMs: number,
    toMs: number,
  ): Promise<FundingPoint[]> {
    return this.venue.fundingHistory(instrumentId, fromMs, toMs);
  }

  marginBrackets(instrumentId: InstrumentId): Promise<MarginBracket[]> {
    return this.venue.marginBrackets(instrumentId);
  }

  async accountStates(): Promise<AccountMarginState[]> {
    if (!this.venue.settings.hasCredentials) return [];
    const book = this.venue.book();
    const fresh = book && this.opts.now() - book.tsMs <= this.opts.maxBookAgeMs;
    return (fresh && book ? book : await this.venue.refreshBook()).margin;
  }
}
