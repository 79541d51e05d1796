/**
 * The live-venue gateway: every configured ccxt venue connection behind one `VenueGateway`.
 * Quotes stream per venue (ccxt.pro, REST fallback); each batch goes out as a `MarketUpdate`
 * with underlying states rebuilt from the live quotes. Besides the instruments the book
 * subscribes, every venue also watches its BTC and ETH perpetuals so funding can be compared
 * across venues. `state()` summarises the venues; `statuses()` gives each venue's detail.
 */
import type { Instrument, InstrumentId } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import type {
  ConnectionState,
  GatewayCapabilities,
  MarketUpdate,
  VenueGateway,
} from '../venue-gateway';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { CcxtExchange, CcxtVenueId } from './ccxt-exchange';
import { CcxtVenue } from './ccxt-venue';
import { createExchange, type ExchangeSettings, type VenueCredentials } from './exchange-factory';
import { liveUnderlyings } from './live-underlyings';
import type { VenueStatus } from './venue-status';
import { abortableSleep } from './venue-stream';

export interface VenueConnectionSpec {
  connectionId: string;
  venue: CcxtVenueId;
  label: string;
  sandbox: boolean;
  credentials?: VenueCredentials | undefined;
}

export interface GatewayOptions {
  now: () => number;
  streaming: boolean;
  staleAfterMs: number;
  pollMs: number;
  streamFailuresBeforePoll: number;
  retryStreamAfterMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** ATM vol of an underlying without option quotes (display and option fallbacks). */
  fallbackVol: number;
  /** Underlyings whose perpetuals every venue watches for the funding comparison. */
  watchUnderlyings: readonly string[];
  createExchange: (settings: ExchangeSettings) => Promise<CcxtExchange>;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  now: Date.now,
  streaming: true,
  staleAfterMs: 15_000,
  pollMs: 5_000,
  streamFailuresBeforePoll: 3,
  retryStreamAfterMs: 120_000,
  backoff: DEFAULT_BACKOFF,
  random: Math.random,
  sleep: abortableSleep,
  fallbackVol: 0.6,
  watchUnderlyings: ['BTC', 'ETH'],
  createExchange,
};

export class CcxtGateway implements VenueGateway {
  readonly id = 'live';
  readonly label = 'Live venues';
  readonly capabilities: GatewayCapabilities = {
    positions: true,
    streaming: true,
    optionChains: true,
    funding: true,
  };
  private readonly opts: GatewayOptions;
  private venues = new Map<string, CcxtVenue>();
  private subscribed: InstrumentId[] = [];
  private listeners = new Set<(u: MarketUpdate) => void>();
  private started = false;

  constructor(opts: Partial<GatewayOptions> = {}) {
    this.opts = { ...DEFAULT_GATEWAY_OPTIONS, ...opts };
  }

  /** Opens a venue: creates the ccxt object and loads its markets (throws if that fails). */
  async addVenue(
    spec: VenueConnectionSpec,
    extra: Pick<ExchangeSettings, 'fetchImplementation' | 'wsUrl' | 'enableRateLimit'> = {},
  ): Promise<CcxtVenue> {
    await this.removeVenue(spec.connectionId);
    const ex = await this.opts.createExchange({
      venue: spec.venue,
      credentials: spec.credentials,
      sandbox: spec.sandbox,
      ...extra,
    });
    const venue = new CcxtVenue(
      ex,
      {
        connectionId: spec.connectionId,
        venue: spec.venue,
        label: spec.label,
        sandbox: spec.sandbox,
        hasCredentials: spec.credentials !== undefined,
      },
      {
        staleAfterMs: this.opts.staleAfterMs,
        stream: this.opts,
        onQuotes: (_v, quotes) => this.emit(quotes),
      },
    );
    try {
      await venue.load();
    } catch (err) {
      await venue.close();
      throw err;
    }
    this.venues.set(spec.connectionId, venue);
    if (this.started) venue.subscribe(this.idsFor(venue));
    return venue;
  }

  async removeVenue(connectionId: string): Promise<void> {
    const venue = this.venues.get(connectionId);
    if (!venue) return;
    this.venues.delete(connectionId);
    await venue.close();
  }

  venue(connectionId: string): CcxtVenue | undefined {
    return this.venues.get(connectionId);
  }

  listVenues(): CcxtVenue[] {
    return [...this.venues.values()];
  }

  async start(): Promise<void> {
    this.started = true;
    for (const v of this.venues.values()) v.subscribe(this.idsFor(v));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.venues.values()].map((v) => v.close()));
    this.venues.clear();
  }

  statuses(): VenueStatus[] {
    const nowMs = this.opts.now();
    return this.listVenues().map((v) => v.status.snapshot(nowMs));
  }

  /** Any venue failing: error; any without fresh data: disconnected; all fresh: connected. */
  state(): ConnectionState {
    const states = this.statuses().map((s) => s.state);
    if (states.length === 0) return 'disconnected';
    if (states.includes('error')) return 'error';
    if (states.includes('stale') || states.includes('stopped')) return 'disconnected';
    if (states.every((s) => s === 'connected')) return 'connected';
    return 'connecting';
  }

  subscribe(instruments: readonly Instrument[]): void {
    this.subscribed = instruments.map((i) => i.id);
    if (!this.started) return;
    for (const v of this.venues.values()) v.subscribe(this.idsFor(v));
  }

  private idsFor(venue: CcxtVenue): InstrumentId[] {
    const watch = new Set(this.opts.watchUnderlyings);
    const perps = venue
      .listInstruments()
      .filter((i) => i.kind === 'perpetual' && watch.has(i.underlying))
      .map((i) => i.id);
    return [...new Set([...this.subscribed, ...perps])];
  }

  onUpdate(listener: (update: MarketUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(): MarketUpdate {
    const quotes = this.listVenues().flatMap((v) => v.board.all());
    return { tsMs: this.opts.now(), quotes, underlyings: this.underlyings() };
  }

  private underlyings() {
    const rows = this.listVenues().flatMap((v) =>
      v.board.all().flatMap((quote) => {
        const instrument = v.instrument(quote.instrumentId);
        return instrument
          ? [{ instrument, quote, open24h: v.board.open24h(quote.instrumentId) }]
          : [];
      }),
    );
    return liveUnderlyings(rows, this.opts.now(), this.opts.fallbackVol);
  }

  private emit(quotes: Quote[]): void {
    if (this.listeners.size === 0) return;
    const update: MarketUpdate = { tsMs: this.opts.now(), quotes, underlyings: this.underlyings() };
    for (const l of this.listeners) l(update);
  }
}
