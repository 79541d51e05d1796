/**
 * One venue connection: the ccxt exchange object, its markets as domain instruments, the live
 * quote board and stream, the account's book, and the REST reads the funding, margin and surface
 * features need (funding history in pages, margin brackets, option chains). Raw payloads stop
 * here; everything this class returns is a domain type.
 */
import type { FundingPoint, MarginBracket, PerpMarket } from '../../../shared/domain/derivatives';
import type { Instrument, InstrumentId } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import type { OptionChain } from '../venue-gateway';
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import { pageFundingHistory } from './funding-pager';
import { fundingSnapshot } from './map-funding';
import { fundingIntervalFromMarket, instrumentFromMarket, symbolOf } from './map-instrument';
import { bracketsFromTiers } from './map-tiers';
import { QuoteBoard } from './quote-board';
import { feedsFor } from './quote-feeds';
import { fetchLiveBook, type LiveBook } from './venue-book';
import { fetchVenueOptionChain } from './venue-option-chain';
import { VENUE_PROFILES, type VenueProfile } from './venue-profiles';
import { VenueStatusTracker } from './venue-status';
import { VenueStream, type StreamOptions } from './venue-stream';

export interface CcxtVenueSettings {
  connectionId: string;
  venue: CcxtVenueId;
  label: string;
  sandbox: boolean;
  /** Without keys only public data (markets, quotes, funding, chains) is available. */
  hasCredentials: boolean;
}

export interface CcxtVenueOptions {
  stream: StreamOptions;
  staleAfterMs: number;
  onQuotes: (venue: CcxtVenue, quotes: Quote[]) => void;
}

function hoursOf(interval: string | undefined): number | undefined {
  const m = /^(\d+)h$/.exec(interval ?? '');
  return m ? Number(m[1]) : undefined;
}

export class CcxtVenue {
  readonly profile: VenueProfile;
  readonly accountId: string;
  readonly board: QuoteBoard;
  readonly status: VenueStatusTracker;
  private readonly stream: VenueStream;
  private instruments = new Map<InstrumentId, Instrument>();
  private latestBook: LiveBook | undefined;

  constructor(
    readonly ex: CcxtExchange,
    readonly settings: CcxtVenueSettings,
    private readonly opts: CcxtVenueOptions,
  ) {
    this.profile = VENUE_PROFILES[settings.venue];
    this.accountId = `live-${settings.connectionId}`;
    this.board = new QuoteBoard((symbol) => {
      const id = `${settings.venue}:${symbol}`;
      return this.instruments.has(id) ? id : undefined;
    });
    this.status = new VenueStatusTracker(
      settings.connectionId,
      settings.venue,
      opts.staleAfterMs,
      () => this.board.quality.report(),
    );
    this.stream = new VenueStream(
      ex,
      feedsFor(settings.venue),
      this.board,
      this.status,
      (quotes) => opts.onQuotes(this, quotes),
      opts.stream,
    );
  }

  get venue(): CcxtVenueId {
    return this.settings.venue;
  }

  private now(): number {
    return this.opts.stream.now();
  }

  /** Loads the venue's derivatives markets (and Binance's per-symbol funding intervals). */
  async load(): Promise<Instrument[]> {
    this.status.start();
    const markets = await this.ex.loadMarkets();
    const intervals = new Map<string, number>();
    if (this.venue === 'binanceusdm' && this.ex.fetchFundingIntervals) {
      const rows = await this.ex.fetchFundingIntervals();
      for (const [symbol, row] of Object.entries(rows)) {
        const hours = hoursOf(row.interval);
        if (hours) intervals.set(row.symbol ?? symbol, hours);
      }
    }
    const nowMs = this.now();
    this.instruments.clear();
    for (const m of Object.values(markets)) {
      const hours =
        intervals.get(m.symbol) ??
        fundingIntervalFromMarket(m) ??
        this.profile.defaultFundingIntervalHours;
      const inst = instrumentFromMarket(this.venue, m, hours, nowMs);
      if (inst) this.instruments.set(inst.id, inst);
    }
    return [...this.instruments.values()];
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.instruments.get(id);
  }

  listInstruments(): Instrument[] {
    return [...this.instruments.values()];
  }

  perps(): PerpMarket[] {
    return this.listInstruments().flatMap((i) =>
      i.kind === 'perpetual'
        ? [
            {
              instrumentId: i.id,
              venue: this.venue,
              symbol: i.symbol,
              underlying: i.underlying,
              settlement: i.settlement,
              contractSize: i.contractSize,
              fundingIntervalHours: i.fundingIntervalHours,
            },
          ]
        : [],
    );
  }

  /** Streams quotes of these instruments (ids of other venues are ignored). */
  subscribe(ids: readonly InstrumentId[]): void {
    const mine = ids.filter((id) => this.instruments.has(id));
    this.board.retain(new Set(mine));
    this.stream.setSymbols(mine.flatMap((id) => symbolOf(this.venue, id) ?? []));
  }

  /** Balances and positions (needs keys). */
  async refreshBook(): Promise<LiveBook> {
    if (!this.settings.hasCredentials) throw new Error(`${this.settings.label}: no API key`);
    this.latestBook = await fetchLiveBook(this.ex, {
      venue: this.venue,
      accountId: this.accountId,
      label: this.settings.label,
      instrument: (id) => this.instruments.get(id),
      nowMs: this.now(),
      quality: this.board.quality,
    });
    return this.latestBook;
  }

  book(): LiveBook | undefined {
    return this.latestBook;
  }

  fundingSnapshot(id: InstrumentId) {
    const inst = this.instruments.get(id);
    if (inst?.kind !== 'perpetual') return undefined;
    return fundingSnapshot(
      id,
      this.board.quote(id),
      inst.fundingIntervalHours,
      this.venue === 'deribit',
    );
  }

  async fundingHistory(id: InstrumentId, fromMs: number, toMs: number): Promise<FundingPoint[]> {
    const inst = this.instruments.get(id);
    const symbol = symbolOf(this.venue, id);
    if (inst?.kind !== 'perpetual' || !symbol)
      throw new Error(`${id} is not a perpetual of ${this.venue}`);
    const { points } = await pageFundingHistory({
      fetchPage: (since, until, limit) =>
        this.ex.fetchFundingRateHistory(symbol, since, limit, this.profile.fundingUntil(until)),
      fromMs,
      toMs,
      pageLimit: this.profile.fundingPageLimit,
      // Deribit rows are hourly samples whatever its 8-hour rate convention.
      intervalHours: this.venue === 'deribit' ? 1 : inst.fundingIntervalHours,
      nowMs: this.now(),
      quality: this.board.quality,
    });
    return points;
  }

  async marginBrackets(id: InstrumentId): Promise<MarginBracket[]> {
    const inst = this.instruments.get(id);
    const symbol = symbolOf(this.venue, id);
    if ((inst?.kind !== 'perpetual' && inst?.kind !== 'future') || !symbol) {
      throw new Error(`${id} is not a perpetual or future of ${this.venue}`);
    }
    if (this.venue === 'deribit') {
      throw new Error(
        'Deribit publishes no tier table: its margin grows linearly with position size',
      );
    }
    const tiers = await this.ex.fetchMarketLeverageTiers(symbol);
    let markPrice = this.board.quote(id)?.mark;
    if (this.venue === 'okx' && markPrice === undefined) {
      markPrice = (await this.ex.fetchTicker(symbol)).last ?? undefined;
    }
    return bracketsFromTiers(this.venue, tiers, {
      settlement: inst.settlement,
      contractSize: inst.contractSize,
      markPrice,
    });
  }

  optionChain(underlying: string): Promise<OptionChain> {
    return fetchVenueOptionChain(this.ex, {
      venue: this.venue,
      underlying,
      instrument: (id) => this.instruments.get(id),
      nowMs: this.now(),
      quality: this.board.quality,
    });
  }

  /** The underlying's index: from a streamed perpetual, else one ticker request. */
  async indexPrice(underlying: string): Promise<number> {
    const perps = this.listInstruments().filter(
      (i) => i.kind === 'perpetual' && i.underlying === underlying,
    );
    for (const p of perps) {
      const index = this.board.quote(p.id)?.index;
      if (index !== undefined) return index;
    }
    const first = perps[0];
    if (first) {
      const t = await this.ex.fetchTicker(first.symbol);
      const index = t.indexPrice ?? t.markPrice ?? t.last;
      if (typeof index === 'number' && index > 0) return index;
    }
    throw new Error(`${this.settings.label}: no index price for ${underlying}`);
  }

  async close(): Promise<void> {
    this.status.stop();
    await Promise.all([this.stream.stop(), this.ex.close()]);
  }
}
