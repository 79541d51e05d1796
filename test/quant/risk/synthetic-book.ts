/**
 * Seeded synthetic books for risk tests and the benchmark: N positions over up to 10 underlyings,
 * mostly options (crypto: European, linear and coin-settled; equities: American, listed strikes
 * and expiries), some spot/perp/equity rows, with a smile-shaped implied vol per option.
 */
import type { Account, Position } from '../../../shared/domain/account';
import type { BookFile, DailyCloseSeries } from '../../../shared/domain/book-file';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Quote, UnderlyingState } from '../../../shared/domain/quote';
import { MS_PER_DAY } from '../../../shared/domain/time';
import { createRng } from '../../../shared/quant/math/rng';

export const AS_OF_MS = Date.UTC(2026, 1, 13);

interface UnderlyingSpec {
  name: string;
  spot: number;
  atmVol: number;
  crypto: boolean;
  carryYield: number;
}

export const UNDERLYINGS: UnderlyingSpec[] = [
  { name: 'BTC', spot: 69000, atmVol: 0.55, crypto: true, carryYield: 0 },
  { name: 'ETH', spot: 2600, atmVol: 0.7, crypto: true, carryYield: 0 },
  { name: 'SOL', spot: 120, atmVol: 0.9, crypto: true, carryYield: 0 },
  { name: 'MSTR', spot: 130, atmVol: 0.9, crypto: false, carryYield: 0 },
  { name: 'QQQ', spot: 520, atmVol: 0.22, crypto: false, carryYield: 0.006 },
  { name: 'COIN', spot: 210, atmVol: 0.75, crypto: false, carryYield: 0 },
  { name: 'NVDA', spot: 140, atmVol: 0.5, crypto: false, carryYield: 0.0003 },
  { name: 'TSLA', spot: 330, atmVol: 0.6, crypto: false, carryYield: 0 },
  { name: 'SPY', spot: 600, atmVol: 0.18, crypto: false, carryYield: 0.013 },
  { name: 'IWM', spot: 220, atmVol: 0.25, crypto: false, carryYield: 0.012 },
];

const EXPIRY_DAYS = [7, 14, 30, 60, 90, 180, 365];

export interface SyntheticOptions {
  positions: number;
  underlyings?: number;
  seed?: number;
  /** Fraction of positions that are options (default 0.9). */
  optionShare?: number;
}

export function syntheticBook(opts: SyntheticOptions): BookFile {
  const rng = createRng(opts.seed ?? 7);
  const specs = UNDERLYINGS.slice(0, opts.underlyings ?? 10);
  const accounts: Account[] = [
    {
      id: 'acc-ib',
      venue: 'ib',
      name: 'IB',
      baseCurrency: 'USD',
      source: 'demo',
      marginMode: 'portfolio',
    },
    {
      id: 'acc-deribit',
      venue: 'deribit',
      name: 'Deribit',
      baseCurrency: 'BTC',
      source: 'demo',
      marginMode: 'cross',
    },
  ];
  const instruments = new Map<string, Instrument>();
  const quotes = new Map<string, Quote>();
  const positions: Position[] = [];
  const underlyings: UnderlyingState[] = specs.map((s) => ({
    underlying: s.name,
    tsMs: AS_OF_MS,
    spot: s.spot,
    rate: 0.04,
    carryYield: s.carryYield,
    atmVol: s.atmVol,
    prevClose: s.spot,
  }));
  for (let i = 0; i < opts.positions; i++) {
    const s = specs[i % specs.length] as UnderlyingSpec;
    const isOption = rng.uniform() < (opts.optionShare ?? 0.9);
    let inst: Instrument;
    let quantity: number;
    if (isOption) {
      const days = EXPIRY_DAYS[Math.floor(rng.uniform() * EXPIRY_DAYS.length)] as number;
      const tick = s.spot > 1000 ? 1000 : s.spot > 200 ? 10 : 5;
      // Listed strikes within +-2 standard deviations of the forward, where books concentrate.
      const z = Math.max(-2, Math.min(2, rng.normal()));
      const strike = Math.max(
        tick,
        Math.round((s.spot * Math.exp(z * s.atmVol * Math.sqrt(days / 365))) / tick) * tick,
      );
      const right = rng.uniform() < 0.5 ? 'call' : 'put';
      const inverse = s.crypto && rng.uniform() < 0.5;
      const id = `${s.crypto ? 'deribit' : 'ib'}:${s.name}-${days}-${strike}-${right[0]}${inverse ? '-inv' : ''}`;
      inst = {
        id,
        venue: s.crypto ? 'deribit' : 'ib',
        symbol: id,
        underlying: s.name,
        quoteCurrency: inverse ? s.name : 'USD',
        kind: 'option',
        right,
        strike,
        expiryMs: AS_OF_MS + days * MS_PER_DAY,
        style: s.crypto ? 'european' : 'american',
        multiplier: s.crypto ? 1 : 100,
        settlement: inverse ? 'inverse' : 'linear',
      };
      const zk = Math.log(strike / s.spot) / (s.atmVol * Math.sqrt(days / 365));
      const iv = s.atmVol * (1 - 0.06 * zk + 0.04 * zk * zk);
      const fwd = s.spot * Math.exp(0.04 * (days / 365));
      quotes.set(id, { instrumentId: id, tsMs: AS_OF_MS, mark: 1, markIv: iv, index: fwd });
      quantity = Math.round((rng.uniform() - 0.45) * (s.crypto ? 40 : 20)) || 1;
    } else if (s.crypto) {
      const id = `binanceusdm:${s.name}/USDT:USDT`;
      inst = {
        id,
        venue: 'binanceusdm',
        symbol: `${s.name}/USDT:USDT`,
        underlying: s.name,
        quoteCurrency: 'USDT',
        kind: 'perpetual',
        settlement: 'linear',
        contractSize: 1,
        fundingIntervalHours: 8,
      };
      quotes.set(id, { instrumentId: id, tsMs: AS_OF_MS, mark: s.spot * 1.0005 });
      quantity = Math.round((((rng.uniform() - 0.5) * 200000) / s.spot) * 100) / 100 || 0.01;
    } else {
      const id = `ib:${s.name}`;
      inst = {
        id,
        venue: 'ib',
        symbol: s.name,
        underlying: s.name,
        quoteCurrency: 'USD',
        kind: 'equity',
      };
      quotes.set(id, { instrumentId: id, tsMs: AS_OF_MS, mark: s.spot });
      quantity = Math.round((rng.uniform() - 0.4) * 2000);
    }
    instruments.set(inst.id, inst);
    positions.push({
      id: `pos-${i}`,
      accountId: inst.venue === 'deribit' ? 'acc-deribit' : 'acc-ib',
      instrumentId: inst.id,
      quantity,
      avgPrice: 1,
      openedMs: AS_OF_MS - 30 * MS_PER_DAY,
      leverage: 1,
    });
  }
  return {
    format: 'cerberus.book',
    version: 1,
    asOfMs: AS_OF_MS,
    baseCurrency: 'USD',
    accounts,
    instruments: [...instruments.values()],
    positions,
    underlyings,
    quotes: [...quotes.values()],
  };
}

/** A constant-correlation matrix (0.5 among crypto names, 0.6 among equities, 0.4 across). */
export function syntheticCorrelation(names: readonly string[]): number[] {
  const crypto = new Set(UNDERLYINGS.filter((u) => u.crypto).map((u) => u.name));
  return names.flatMap((a) =>
    names.map((b) =>
      a === b ? 1 : crypto.has(a) === crypto.has(b) ? (crypto.has(a) ? 0.5 : 0.6) : 0.4,
    ),
  );
}

/**
 * Seeded correlated GBM daily closes for every underlying of a synthetic book (weekdays only,
 * ending at AS_OF_MS), marked `synthetic`: `days` closes per series.
 */
export function syntheticHistory(book: BookFile, days: number, seed = 99): DailyCloseSeries[] {
  const rng = createRng(seed);
  const names = book.underlyings.map((u) => u.underlying);
  const corr = syntheticCorrelation(names);
  const n = names.length;
  // Cholesky of the constant-correlation matrix (small n).
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = corr[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = i === j ? Math.sqrt(s) : s / (l[j * n + j] as number);
    }
  }
  const dates: number[] = [];
  for (let t = AS_OF_MS; dates.length < days; t -= MS_PER_DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) dates.unshift(t);
  }
  const closes = book.underlyings.map((u) => [u.spot]);
  for (let d = 1; d < days; d++) {
    const z = Array.from({ length: n }, () => rng.normal());
    book.underlyings.forEach((u, i) => {
      let e = 0;
      for (let k = 0; k <= i; k++) e += (l[i * n + k] as number) * (z[k] as number);
      const sd = u.atmVol / Math.sqrt(252);
      const series = closes[i] as number[];
      series.unshift((series[0] as number) * Math.exp(-sd * e));
    });
  }
  return book.underlyings.map((u, i) => ({
    underlying: u.underlying,
    source: 'synthetic' as const,
    points: dates.map((tsMs, d) => ({ tsMs, close: (closes[i] as number[])[d] as number })),
  }));
}
