import type { InstrumentId, VenueId } from './instrument';

export type AccountId = string;
/** Where an account's data comes from: the built-in demo desk, a live venue, or an imported file. */
export type AccountSource = 'demo' | 'live' | 'file';
export type MarginMode = 'cross' | 'isolated' | 'portfolio' | 'cash';

export interface Account {
  id: AccountId;
  venue: VenueId;
  name: string;
  baseCurrency: string;
  source: AccountSource;
  marginMode: MarginMode;
}

/** A signed holding of one instrument in one account (quantity in contracts, shares or coins). */
export interface Position {
  id: string;
  accountId: AccountId;
  instrumentId: InstrumentId;
  quantity: number;
  /** Average entry price per unit of quantity, in the instrument's quote currency. */
  avgPrice: number;
  openedMs: number;
  /** Leverage the venue applies (perpetuals and futures); 1 otherwise. */
  leverage: number;
}
