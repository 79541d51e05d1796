/**
 * Small option books and raw-SVI smiles for the sticky-delta and pricing-model tests: a book of
 * European (or American) options on one or two underlyings, and an SVI surface with a chosen ATM
 * vol and skew (rho) on given expiries, written out here so tests can evaluate it independently.
 */
import type { BookFile } from '../../../shared/domain/book-file';
import type { Instrument } from '../../../shared/domain/instrument';
import { MS_PER_DAY, MS_PER_YEAR } from '../../../shared/domain/time';
import type { RiskSmile, RiskSmileSlice } from '../../../shared/quant/risk/sticky-delta';

export const AS_OF = Date.UTC(2026, 10, 20, 8);

export interface UnderlyingSpec {
  name: string;
  spot: number;
  rate: number;
  carryYield: number;
  atmVol: number;
}

export interface OptionSpec {
  underlying: string;
  right: 'call' | 'put';
  strike: number;
  days: number;
  quantity: number;
  /** Quote IV of the option (the row's own vol). */
  iv: number;
  american?: boolean;
  multiplier?: number;
}

export function optionBook(
  underlyings: UnderlyingSpec[],
  options: OptionSpec[],
  linear: { underlying: string; quantity: number }[] = [],
): BookFile {
  const instruments: Instrument[] = [];
  const quotes: BookFile['quotes'] = [];
  const positions: BookFile['positions'] = [];
  options.forEach((o, i) => {
    const id = `t:${o.underlying}-${o.days}-${o.strike}-${o.right}-${i}`;
    instruments.push({
      id,
      venue: 'ib',
      symbol: id,
      underlying: o.underlying,
      quoteCurrency: 'USD',
      kind: 'option',
      right: o.right,
      strike: o.strike,
      expiryMs: AS_OF + o.days * MS_PER_DAY,
      style: o.american ? 'american' : 'european',
      multiplier: o.multiplier ?? 1,
      settlement: 'linear',
    });
    quotes.push({ instrumentId: id, tsMs: AS_OF, mark: 1, markIv: o.iv });
    positions.push({
      id: `pos-${i}`,
      accountId: 'acc',
      instrumentId: id,
      quantity: o.quantity,
      avgPrice: 1,
      openedMs: AS_OF - MS_PER_DAY,
      leverage: 1,
    });
  });
  linear.forEach((l, i) => {
    const id = `t:${l.underlying}-spot`;
    instruments.push({
      id,
      venue: 'ib',
      symbol: l.underlying,
      underlying: l.underlying,
      quoteCurrency: 'USD',
      kind: 'equity',
    });
    const spot = underlyings.find((u) => u.name === l.underlying)?.spot ?? 1;
    quotes.push({ instrumentId: id, tsMs: AS_OF, mark: spot });
    positions.push({
      id: `lin-${i}`,
      accountId: 'acc',
      instrumentId: id,
      quantity: l.quantity,
      avgPrice: spot,
      openedMs: AS_OF - MS_PER_DAY,
      leverage: 1,
    });
  });
  return {
    format: 'cerberus.book',
    version: 1,
    asOfMs: AS_OF,
    baseCurrency: 'USD',
    accounts: [
      {
        id: 'acc',
        venue: 'ib',
        name: 'test',
        baseCurrency: 'USD',
        source: 'demo',
        marginMode: 'portfolio',
      },
    ],
    instruments,
    positions,
    underlyings: underlyings.map((u) => ({
      underlying: u.name,
      tsMs: AS_OF,
      spot: u.spot,
      rate: u.rate,
      carryYield: u.carryYield,
      atmVol: u.atmVol,
      prevClose: u.spot,
    })),
    quotes,
  };
}

/** SVI slice with ATM total variance atmVol^2 T, m = 0, sigma = 0.2, half of w(0) from the wings. */
export function sviSlice(
  u: UnderlyingSpec,
  days: number,
  rho: number,
  skewed = true,
): RiskSmileSlice {
  const tYears = (days * MS_PER_DAY) / MS_PER_YEAR;
  const w0 = u.atmVol * u.atmVol * tYears;
  const sigma = 0.2;
  const b = skewed ? (0.5 * w0) / sigma : 0;
  return {
    expiryMs: AS_OF + days * MS_PER_DAY,
    tYears,
    forward: u.spot * Math.exp((u.rate - u.carryYield) * tYears),
    a: w0 - b * sigma,
    b,
    rho,
    m: 0,
    sigma,
  };
}

export function sviSmileOf(
  u: UnderlyingSpec,
  days: readonly number[],
  rho: number,
  skewed = true,
): RiskSmile {
  return {
    underlying: u.name,
    asOfMs: AS_OF,
    spot: u.spot,
    slices: days.map((d) => sviSlice(u, d, rho, skewed)),
  };
}

/** Raw SVI implied vol, written out independently of the library. */
export function sviVol(s: RiskSmileSlice, k: number): number {
  const d = k - s.m;
  const w = s.a + s.b * (s.rho * d + Math.sqrt(d * d + s.sigma * s.sigma));
  return Math.sqrt(w / s.tYears);
}
