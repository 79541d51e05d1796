/**
 * ccxt markets to domain instruments. Ids are `${venue}:${ccxt unified symbol}`; only live
 * derivatives (perpetuals, dated futures, options) are kept, spot markets are not Cerberus'
 * business here. Units follow the domain: contract size in coins (linear) or USD (inverse),
 * option premiums quoted in the settlement coin for coin-settled options.
 */
import type { MarketInterface as Market } from 'ccxt';
import type {
  FutureInstrument,
  Instrument,
  InstrumentId,
  OptionInstrument,
  PerpetualInstrument,
  Settlement,
} from '../../../shared/domain/instrument';
import type { CcxtVenueId } from './ccxt-exchange';

export function instrumentId(venue: CcxtVenueId, symbol: string): InstrumentId {
  return `${venue}:${symbol}`;
}

/** The ccxt symbol of an instrument id of this venue, or undefined for another venue's id. */
export function symbolOf(venue: CcxtVenueId, id: InstrumentId): string | undefined {
  const prefix = `${venue}:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

function positive(x: number | undefined | null): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

function settlementOf(m: Market): Settlement {
  // ccxt marks inverse markets; options settled in their base coin are coin-settled too.
  if (m.inverse === true) return 'inverse';
  if (m.option === true && m.settle !== undefined && m.settle === m.base) return 'inverse';
  return 'linear';
}

/**
 * Maps one market; undefined for spot, inactive, expired or malformed markets (missing base,
 * contract size, strike or expiry).
 */
export function instrumentFromMarket(
  venue: CcxtVenueId,
  m: Market,
  fundingIntervalHours: number,
  nowMs: number,
): Instrument | undefined {
  if (m.active === false || !m.contract || !m.base || !m.symbol) return undefined;
  const settlement = settlementOf(m);
  const base = {
    id: instrumentId(venue, m.symbol),
    venue,
    symbol: m.symbol,
    underlying: m.base,
    quoteCurrency: m.option === true && settlement === 'inverse' ? (m.settle ?? m.quote) : m.quote,
  };
  const contractSize = m.contractSize ?? undefined;
  if (m.swap === true) {
    if (!positive(contractSize)) return undefined;
    const perp: PerpetualInstrument = {
      ...base,
      kind: 'perpetual',
      settlement,
      contractSize,
      fundingIntervalHours,
    };
    return perp;
  }
  const expiryMs = m.expiry ?? undefined;
  if (!positive(expiryMs) || expiryMs <= nowMs) return undefined;
  if (m.future === true) {
    if (!positive(contractSize)) return undefined;
    const future: FutureInstrument = {
      ...base,
      kind: 'future',
      settlement,
      contractSize,
      expiryMs,
    };
    return future;
  }
  if (m.option === true) {
    const strike = m.strike ?? undefined;
    const right = m.optionType === 'call' ? 'call' : m.optionType === 'put' ? 'put' : undefined;
    if (!positive(strike) || right === undefined) return undefined;
    const option: OptionInstrument = {
      ...base,
      kind: 'option',
      right,
      strike,
      expiryMs,
      style: 'european',
      multiplier: positive(contractSize) ? contractSize : 1,
      settlement,
    };
    return option;
  }
  return undefined;
}

/** Funding interval of a market where the market data states it (Bybit `fundingInterval`, minutes). */
export function fundingIntervalFromMarket(m: Market): number | undefined {
  const info = m.info as Record<string, unknown> | undefined;
  const minutes = Number(info?.['fundingInterval']);
  return Number.isFinite(minutes) && minutes > 0 ? minutes / 60 : undefined;
}
