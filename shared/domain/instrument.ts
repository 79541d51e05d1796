/**
 * Instruments are data. Ids are stable strings `${venue}:${symbol}`; crypto symbols use ccxt's
 * unified form (`binanceusdm:BTC/USDT:USDT`, `deribit:BTC/USD:BTC-261225-100000-C`), equities and
 * listed options their exchange symbol (`ib:MSTR`, `ib:MSTR 270115C00400000`).
 */
export type InstrumentId = string;
export type VenueId = 'ib' | 'binanceusdm' | 'binance' | 'bybit' | 'okx' | 'deribit' | 'file';
/** An underlying risk factor: one price process per asset (BTC, ETH, MSTR, QQQ, ...). */
export type UnderlyingId = string;

export type InstrumentKind = 'spot' | 'equity' | 'option' | 'perpetual' | 'future';
/** Linear: P&L in the quote currency (USD/USDT). Inverse: coin-settled, P&L in the base coin. */
export type Settlement = 'linear' | 'inverse';
export type ExerciseStyle = 'european' | 'american';
export type OptionRight = 'call' | 'put';

interface InstrumentBase {
  id: InstrumentId;
  venue: VenueId;
  /** Venue-native or ccxt-unified symbol, as shown to the user. */
  symbol: string;
  underlying: UnderlyingId;
  /** Currency prices are quoted in (USD, USDT, BTC for Deribit options). */
  quoteCurrency: string;
}

export interface SpotInstrument extends InstrumentBase {
  kind: 'spot';
}

export interface EquityInstrument extends InstrumentBase {
  kind: 'equity';
}

export interface OptionInstrument extends InstrumentBase {
  kind: 'option';
  right: OptionRight;
  strike: number;
  expiryMs: number;
  style: ExerciseStyle;
  /** Underlying units per contract (100 shares for US equity options, 1 BTC on Deribit). */
  multiplier: number;
  settlement: Settlement;
}

export interface PerpetualInstrument extends InstrumentBase {
  kind: 'perpetual';
  settlement: Settlement;
  /** Underlying units per contract (1 for Binance USD-M quantities in coin, 10 USD for inverse). */
  contractSize: number;
  fundingIntervalHours: number;
}

export interface FutureInstrument extends InstrumentBase {
  kind: 'future';
  settlement: Settlement;
  contractSize: number;
  expiryMs: number;
}

export type Instrument =
  SpotInstrument | EquityInstrument | OptionInstrument | PerpetualInstrument | FutureInstrument;

export function isOption(instrument: Instrument): instrument is OptionInstrument {
  return instrument.kind === 'option';
}

/** Underlying units one unit of quantity stands for (contract multiplier or size). */
export function unitsPerContract(instrument: Instrument): number {
  switch (instrument.kind) {
    case 'option':
      return instrument.multiplier;
    case 'perpetual':
    case 'future':
      return instrument.contractSize;
    default:
      return 1;
  }
}
