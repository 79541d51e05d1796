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
  MarginBracket,
  PerpMarket,
} from '../../../shared/domain/derivatives';
import type { InstrumentId } from '../../../shared/domain/instrument';
import type { DerivativesSource } from '../derivatives-source';
import type { CcxtVenue } from './ccxt-venue';

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
