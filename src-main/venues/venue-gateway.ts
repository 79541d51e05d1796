/**
 * One interface for every source of market data and positions: the demo desk, file import,
 * ccxt venues, Interactive Brokers. Raw venue payloads never leave an adapter; everything a
 * gateway emits is a domain type.
 */
import type { Account, Position } from '../../shared/domain/account';
import type { Instrument } from '../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../shared/domain/quote';
import type { QuotedChain } from '../../shared/sim/demo-chain';

export interface GatewayCapabilities {
  positions: boolean;
  streaming: boolean;
  optionChains: boolean;
  funding: boolean;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'error';

export interface MarketUpdate {
  tsMs: number;
  quotes: Quote[];
  underlyings: UnderlyingState[];
}

export interface BookData {
  accounts: Account[];
  instruments: Instrument[];
  positions: Position[];
}

/** A quoted option chain (instruments and their quotes) of one underlying. */
export type OptionChain = QuotedChain;

export interface VenueGateway {
  readonly id: string;
  readonly label: string;
  readonly capabilities: GatewayCapabilities;
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): ConnectionState;
  /** Instruments whose quotes every update carries. */
  subscribe(instruments: readonly Instrument[]): void;
  onUpdate(listener: (update: MarketUpdate) => void): () => void;
  /** The latest update (also before the first tick). */
  latest(): MarketUpdate;
  /** The full option chain now; may take a while (quoting hundreds of options). */
  getChain?(underlying: string): Promise<OptionChain>;
}
