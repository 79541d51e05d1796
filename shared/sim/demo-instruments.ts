/** Instruments the demo desk lists, with ids in the same form real venues get. */
import type {
  EquityInstrument,
  Instrument,
  OptionInstrument,
  OptionRight,
  PerpetualInstrument,
  SpotInstrument,
} from '../domain/instrument';
import { deribitExpiries, equityExpiries, strikeGrid } from './option-calendar';
import type { DemoUnderlying } from './demo-universe';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function yymmdd(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(2, 10).replaceAll('-', '');
}

function dMonYy(tsMs: number): string {
  const d = new Date(tsMs);
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${String(d.getUTCFullYear()).slice(2)}`;
}

export function equityInstrument(root: 'MSTR' | 'QQQ'): EquityInstrument {
  return {
    id: `ib:${root}`,
    venue: 'ib',
    symbol: root,
    underlying: root,
    quoteCurrency: 'USD',
    kind: 'equity',
  };
}

export const BTC_SPOT: SpotInstrument = {
  id: 'binance:BTC/USDT',
  venue: 'binance',
  symbol: 'BTC/USDT',
  underlying: 'BTC',
  quoteCurrency: 'USDT',
  kind: 'spot',
};

export function linearPerp(base: 'BTC' | 'ETH'): PerpetualInstrument {
  const symbol = `${base}/USDT:USDT`;
  return {
    id: `binanceusdm:${symbol}`,
    venue: 'binanceusdm',
    symbol,
    underlying: base,
    quoteCurrency: 'USDT',
    kind: 'perpetual',
    settlement: 'linear',
    contractSize: 1,
    fundingIntervalHours: 8,
  };
}

/** US equity option, OCC-style id (`ib:MSTR 261218C00100000`), American, 100 shares. */
export function equityOption(
  root: 'MSTR' | 'QQQ',
  right: OptionRight,
  strike: number,
  expiryMs: number,
): OptionInstrument {
  const occ = `${yymmdd(expiryMs)}${right === 'call' ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
  return {
    id: `ib:${root} ${occ}`,
    venue: 'ib',
    symbol: `${root} ${dMonYy(expiryMs)} ${strike} ${right === 'call' ? 'C' : 'P'}`,
    underlying: root,
    quoteCurrency: 'USD',
    kind: 'option',
    right,
    strike,
    expiryMs,
    style: 'american',
    multiplier: 100,
    settlement: 'linear',
  };
}

/** Deribit option in ccxt's unified form (`BTC/USD:BTC-261225-100000-C`), European, coin-settled. */
export function deribitOption(
  base: 'BTC' | 'ETH',
  right: OptionRight,
  strike: number,
  expiryMs: number,
): OptionInstrument {
  const symbol = `${base}/USD:${base}-${yymmdd(expiryMs)}-${strike}-${right === 'call' ? 'C' : 'P'}`;
  return {
    id: `deribit:${symbol}`,
    venue: 'deribit',
    symbol,
    underlying: base,
    quoteCurrency: base,
    kind: 'option',
    right,
    strike,
    expiryMs,
    style: 'european',
    multiplier: 1,
    settlement: 'inverse',
  };
}

export interface ChainSpec {
  expiries: number[];
  strikesFor(expiryMs: number): number[];
  make(right: OptionRight, strike: number, expiryMs: number): OptionInstrument;
}

/** The listed chain of an underlying around `spot` at `nowMs`. */
export function chainSpec(underlying: DemoUnderlying, spot: number, nowMs: number): ChainSpec {
  if (underlying === 'BTC' || underlying === 'ETH') {
    return {
      expiries: deribitExpiries(nowMs),
      strikesFor: () => strikeGrid(spot, 0.5, 0.8, 30),
      make: (right, strike, expiryMs) => deribitOption(underlying, right, strike, expiryMs),
    };
  }
  const down = underlying === 'QQQ' ? 0.2 : 0.5;
  const up = underlying === 'QQQ' ? 0.15 : 0.8;
  return {
    expiries: equityExpiries(nowMs),
    strikesFor: () => strikeGrid(spot, down, up, 30),
    make: (right, strike, expiryMs) => equityOption(underlying, right, strike, expiryMs),
  };
}

/** Every option of a chain (calls and puts at every strike and expiry). */
export function listChain(spec: ChainSpec): Instrument[] {
  const out: Instrument[] = [];
  for (const expiryMs of spec.expiries) {
    for (const strike of spec.strikesFor(expiryMs)) {
      out.push(spec.make('call', strike, expiryMs), spec.make('put', strike, expiryMs));
    }
  }
  return out;
}

/** The listed strike closest to `target`. */
export function nearestStrike(strikes: readonly number[], target: number): number {
  let best = strikes[0];
  if (best === undefined) throw new Error('empty strike list');
  for (const k of strikes) if (Math.abs(k - target) < Math.abs(best - target)) best = k;
  return best;
}
