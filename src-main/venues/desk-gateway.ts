/**
 * The desk switch on the market-data side: one `VenueGateway` handed to the market service that
 * forwards to the active desk -- the demo desk (simulator) or the live venues. Switching replays
 * the new desk's latest update at once, so quotes and underlyings of instruments both desks list
 * (ids are venue symbols, e.g. `binanceusdm:BTC/USDT:USDT`) are replaced before the next tick.
 * The inactive desk keeps running; its updates are simply not forwarded.
 */
import type {
  ConnectionState,
  GatewayCapabilities,
  MarketUpdate,
  OptionChain,
  VenueGateway,
} from './venue-gateway';

export class DeskGateway implements VenueGateway {
  readonly id = 'desk';
  readonly label = 'Desk';
  private active: VenueGateway;
  private listeners = new Set<(u: MarketUpdate) => void>();
  private unsubscribe: () => void;

  constructor(private readonly demo: VenueGateway) {
    this.active = demo;
    this.unsubscribe = demo.onUpdate((u) => this.forward(u));
  }

  get capabilities(): GatewayCapabilities {
    return this.active.capabilities;
  }

  /** The desk now forwarded. */
  current(): VenueGateway {
    return this.active;
  }

  switchTo(gateway: VenueGateway): void {
    if (gateway === this.active) return;
    this.unsubscribe();
    this.active = gateway;
    this.unsubscribe = gateway.onUpdate((u) => this.forward(u));
    this.forward(gateway.latest());
  }

  /** The demo desk and the live gateway are started and stopped by their owners. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.unsubscribe();
    return Promise.resolve();
  }

  state(): ConnectionState {
    return this.active.state();
  }

  subscribe(instruments: Parameters<VenueGateway['subscribe']>[0]): void {
    this.active.subscribe(instruments);
  }

  onUpdate(listener: (update: MarketUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  latest(): MarketUpdate {
    return this.active.latest();
  }

  getChain(underlying: string): Promise<OptionChain> {
    if (this.active !== this.demo || !this.demo.getChain) {
      return Promise.reject(
        new Error(`${this.active.label} provides no option chains through the desk`),
      );
    }
    return this.demo.getChain(underlying);
  }

  private forward(update: MarketUpdate): void {
    for (const l of this.listeners) l(update);
  }
}
