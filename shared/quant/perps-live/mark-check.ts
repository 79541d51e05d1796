/**
 * Cerberus' own index and mark for a perpetual, beside what the venue reports.
 *
 * Index: the constituents the source publishes (stale ones dropped), weighted, with the venue's
 * outlier rule (`indexPrice`): Binance caps a constituent more than 3% from the median at
 * median x (1 +/- 3%), 1% for the BTC and ETH indices, and gives a source without an update for
 * five minutes no weight (Binance "Price Index" FAQ). For Bybit, OKX and Deribit Cerberus applies
 * the older exclusion rule (weight 0 beyond 3% from the median, the median itself when more than
 * one deviates) with a 10 s staleness cut: an assumption, those venues do not publish the rule.
 * Without constituents the venue's reported index is used and the row says so.
 *
 * Mark: Binance = median(index x (1 + last funding rate x time to funding / interval), index +
 * 30 s moving average of (mid - index), last price) (`binanceMarkPrice`); the other venues =
 * index + the same moving average of the basis, clamped to +/-5% of the index (the blueprint's
 * `basisMarkPrice`). Basis samples are taken each second by the caller (`pushBasisSample`).
 * Because the basis is measured against Cerberus' own index, an index error mostly cancels in
 * the mark (mark ~ index + (mid - index)); the index difference is therefore flagged on its own.
 */
import type { FundingSnapshot, MarkInputs, PerpMarket } from '../../domain/derivatives';
import { MS_PER_HOUR } from '../../domain/time';
import { indexPrice, type IndexRule } from '../perps/index-price';
import { basisMarkPrice, binanceMarkPrice, compareMark } from '../perps/mark-price';
import { perpVenueOf } from './margin-spec';

export const BASIS_WINDOW_MS = 30_000;
export const MARK_TOLERANCE_BPS = 10;
const MAX_MARK_DEVIATION = 0.05;

export interface BasisSample {
  tsMs: number;
  bid: number;
  ask: number;
  index: number;
}

export interface IndexRuleOf {
  rule: IndexRule;
  staleAfterMs: number;
  /** 'published': the venue documents it; 'assumed': Cerberus' stand-in. */
  basis: 'published' | 'assumed';
}

export function venueIndexRule(venue: string, underlying: string): IndexRuleOf {
  if (perpVenueOf(venue) === 'binance') {
    const major = underlying === 'BTC' || underlying === 'ETH';
    return {
      rule: { outlier: 'cap', threshold: major ? 0.01 : 0.03 },
      staleAfterMs: 5 * 60_000,
      basis: 'published',
    };
  }
  return { rule: { outlier: 'exclude', threshold: 0.03 }, staleAfterMs: 10_000, basis: 'assumed' };
}

export interface CerberusIndex {
  price: number;
  /** 'constituents': computed from the basket; 'reported': the venue's index (no basket). */
  from: 'constituents' | 'reported';
  method: 'weighted' | 'median' | 'reported';
  constituents: {
    source: string;
    price: number;
    weight: number;
    outlier: boolean;
    stale: boolean;
  }[];
}

export function cerberusIndex(
  market: PerpMarket,
  inputs: MarkInputs | undefined,
  reportedIndex: number,
  nowMs: number,
): CerberusIndex {
  const basket = inputs?.constituents ?? [];
  const r = venueIndexRule(market.venue, market.underlying);
  const fresh = basket.filter((c) => nowMs - c.tsMs <= r.staleAfterMs && c.price > 0);
  if (fresh.length === 0)
    return { price: reportedIndex, from: 'reported', method: 'reported', constituents: [] };
  const idx = indexPrice(
    fresh.map((c) => ({ source: c.source, price: c.price, weight: c.weight })),
    r.rule,
  );
  const used = new Map(idx.constituents.map((c) => [c.source, c]));
  return {
    price: idx.price,
    from: 'constituents',
    method: idx.method,
    constituents: basket.map((c) => {
      const u = used.get(c.source);
      return {
        source: c.source,
        price: c.price,
        weight: u?.weight ?? 0,
        outlier: u?.outlier ?? false,
        stale: u === undefined,
      };
    }),
  };
}

/** Appends a sample and drops those older than the window (the array is not mutated). */
export function pushBasisSample(
  samples: readonly BasisSample[],
  sample: BasisSample,
  windowMs = BASIS_WINDOW_MS,
): BasisSample[] {
  return [
    ...samples.filter((s) => sample.tsMs - s.tsMs < windowMs && s.tsMs < sample.tsMs),
    sample,
  ];
}

export interface MarkCheck {
  instrumentId: string;
  venue: string;
  symbol: string;
  underlying: string;
  reportedIndex: number;
  index: CerberusIndex;
  indexDiffBps: number;
  /** |index difference| beyond the tolerance (an outlier moved Cerberus' index, or the venue's). */
  indexFlagged: boolean;
  reportedMark: number;
  computedMark: number;
  markMethod: 'binance' | 'basis';
  /** Binance's three prices (null for the basis method). */
  binance: { price1: number; price2: number; lastPrice: number } | null;
  maBasis: number;
  basisSamples: number;
  diffBps: number;
  flagged: boolean;
  toleranceBps: number;
}

export function markCheck(
  market: PerpMarket,
  snapshot: FundingSnapshot,
  inputs: MarkInputs | undefined,
  samples: readonly BasisSample[],
  nowMs: number,
  toleranceBps = MARK_TOLERANCE_BPS,
): MarkCheck {
  const index = cerberusIndex(market, inputs, snapshot.indexPrice, nowMs);
  const usable = samples.filter((s) => s.bid > 0 && s.ask >= s.bid && s.index > 0);
  const maBasis = usable.length
    ? usable.reduce((sum, s) => sum + (s.bid + s.ask) / 2 - s.index, 0) / usable.length
    : snapshot.markPrice - snapshot.indexPrice;
  const last = inputs?.lastPrice ?? snapshot.markPrice;
  let computed: number;
  let binance: MarkCheck['binance'] = null;
  const isBinance = perpVenueOf(market.venue) === 'binance';
  if (isBinance) {
    const b = binanceMarkPrice({
      index: index.price,
      lastFundingRate: snapshot.fundingRate,
      hoursUntilFunding: Math.max(0, snapshot.nextFundingMs - nowMs) / MS_PER_HOUR,
      fundingIntervalHours: snapshot.intervalHours,
      maBasis,
      lastPrice: last,
    });
    computed = b.mark;
    binance = { price1: b.price1, price2: b.price2, lastPrice: b.lastPrice };
  } else {
    computed = basisMarkPrice(index.price, maBasis, MAX_MARK_DEVIATION);
  }
  const cmp = compareMark(computed, snapshot.markPrice, toleranceBps);
  const indexDiffBps = (index.price / snapshot.indexPrice - 1) * 1e4;
  return {
    instrumentId: market.instrumentId,
    venue: market.venue,
    symbol: market.symbol,
    underlying: market.underlying,
    reportedIndex: snapshot.indexPrice,
    index,
    indexDiffBps,
    indexFlagged: Math.abs(indexDiffBps) > toleranceBps,
    reportedMark: snapshot.markPrice,
    computedMark: computed,
    markMethod: isBinance ? 'binance' : 'basis',
    binance,
    maBasis,
    basisSamples: usable.length,
    diffBps: cmp.differenceBps,
    flagged: !cmp.withinTolerance,
    toleranceBps,
  };
}
