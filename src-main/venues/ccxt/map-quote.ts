/**
 * ccxt tickers, funding rates, option-chain rows and Greeks to partial quotes ("patches"), then
 * a cleaned domain `Quote`. Each venue carries a few fields only in the raw `info` (Deribit IVs
 * in percent and its 8-hour funding, Bybit decimal IVs and funding, Binance mark-price funding),
 * read here by name; everything else comes from ccxt's unified fields.
 */
import type { FundingRate, Greeks, Option, Ticker } from 'ccxt';
import type { InstrumentId } from '../../../shared/domain/instrument';
import type { Quote } from '../../../shared/domain/quote';
import type { CcxtVenueId } from './ccxt-exchange';
import {
  isFiniteNumber,
  MAX_ABS_RATE,
  MAX_IV,
  num,
  timestampProblem,
  type DropReason,
} from './data-quality';

export interface QuotePatch {
  tsMs?: number | undefined;
  bid?: number | undefined;
  ask?: number | undefined;
  last?: number | undefined;
  mark?: number | undefined;
  /** Index (perps) or the expiry's forward (options: the venue's underlying price). */
  index?: number | undefined;
  markIv?: number | undefined;
  bidIv?: number | undefined;
  askIv?: number | undefined;
  fundingRate?: number | undefined;
  nextFundingMs?: number | undefined;
  /** Price 24 hours ago (the venues' rolling-day open). */
  open24h?: number | undefined;
}

type Info = Record<string, unknown>;

function infoOf(x: { info?: unknown }): Info {
  return x.info && typeof x.info === 'object' ? (x.info as Info) : {};
}

/** Deribit sends IVs in percent; Bybit and OKX as decimals. */
function ivScale(venue: CcxtVenueId): number {
  return venue === 'deribit' ? 0.01 : 1;
}

function scaled(x: number | undefined, k: number): number | undefined {
  return x === undefined ? undefined : x * k;
}

/** Fields only the raw payload carries, by venue. */
function infoFields(venue: CcxtVenueId, info: Info, isOption: boolean): QuotePatch {
  const k = ivScale(venue);
  switch (venue) {
    case 'deribit':
      return {
        // The book summary (REST) stamps rows with creation_timestamp, tickers with timestamp.
        tsMs: num(info['creation_timestamp']),
        markIv: scaled(num(info['mark_iv']), k),
        bidIv: scaled(num(info['bid_iv']), k),
        askIv: scaled(num(info['ask_iv']), k),
        fundingRate: num(info['funding_8h']),
        // Options: the expiry's forward; the book summary (REST) names the index differently.
        index: isOption
          ? num(info['underlying_price'])
          : num(info['index_price'] ?? info['estimated_delivery_price']),
      };
    case 'bybit':
      return {
        markIv: num(info['markIv']),
        bidIv: num(info['bid1Iv']),
        askIv: num(info['ask1Iv']),
        fundingRate: isOption ? undefined : num(info['fundingRate']),
        nextFundingMs: isOption ? undefined : num(info['nextFundingTime']),
        index: isOption ? num(info['underlyingPrice']) : undefined,
      };
    case 'binanceusdm': {
      // REST premiumIndex (lastFundingRate, nextFundingTime) or the markPrice stream (r, T). The
      // bookTicker stream also has a `T`, its transaction time: only a mark-price event's counts.
      const markEvent = info['e'] === 'markPriceUpdate';
      return {
        fundingRate: num(info['lastFundingRate'] ?? (markEvent ? info['r'] : undefined)),
        nextFundingMs: num(info['nextFundingTime'] ?? (markEvent ? info['T'] : undefined)),
      };
    }
    case 'okx':
      return {};
  }
}

function dropUndefined(p: QuotePatch): QuotePatch {
  const out: QuotePatch = {};
  for (const [key, value] of Object.entries(p) as [keyof QuotePatch, number | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function patchFromTicker(venue: CcxtVenueId, t: Ticker, isOption: boolean): QuotePatch {
  const fromInfo = infoFields(venue, infoOf(t), isOption);
  return dropUndefined({
    tsMs: num(t.timestamp),
    bid: num(t.bid),
    ask: num(t.ask),
    last: num(t.last),
    mark: num(t.markPrice),
    index: num(t.indexPrice),
    open24h: num(t.open),
    ...dropUndefined(fromInfo),
  });
}

export function patchFromFundingRate(f: FundingRate): QuotePatch {
  return dropUndefined({
    tsMs: num(f.timestamp),
    mark: num(f.markPrice),
    index: num(f.indexPrice),
    fundingRate: num(f.fundingRate),
    // ccxt: fundingTimestamp is when the current rate is paid (OKX also sends the one after).
    nextFundingMs: num(f.fundingTimestamp ?? f.nextFundingTimestamp),
  });
}

/** One row of `fetchOptionChain`. */
export function patchFromOption(venue: CcxtVenueId, o: Option): QuotePatch {
  const fromInfo = infoFields(venue, infoOf(o), true);
  return dropUndefined({
    tsMs: num(o.timestamp),
    bid: num(o.bidPrice),
    ask: num(o.askPrice),
    last: num(o.lastPrice),
    mark: num(o.markPrice),
    index: num(o.underlyingPrice),
    markIv: num(o.impliedVolatility),
    ...dropUndefined(fromInfo),
  });
}

/** One row of `fetchAllGreeks` (OKX opt-summary: vols and the expiry's forward `fwdPx`). */
export function patchFromGreeks(venue: CcxtVenueId, g: Greeks): QuotePatch {
  const k = ivScale(venue);
  return dropUndefined({
    tsMs: num(g.timestamp),
    bid: num(g.bidPrice),
    ask: num(g.askPrice),
    mark: num(g.markPrice),
    last: num(g.lastPrice),
    index: num(g.underlyingPrice) ?? num(infoOf(g)['fwdPx']),
    markIv: scaled(num(g.markImpliedVolatility), k),
    bidIv: scaled(num(g.bidImpliedVolatility), k),
    askIv: scaled(num(g.askImpliedVolatility), k),
  });
}

/** Later fields win; a field the newer patch lacks keeps its older value. */
export function mergePatch(older: QuotePatch | undefined, newer: QuotePatch): QuotePatch {
  return { ...older, ...newer };
}

export type CleanResult = { quote: Quote } | { reason: DropReason };

/** Zero or blank bid/ask/IV means "none" on every venue (an empty side of the book). */
function present(x: number | undefined): number | undefined {
  return x === 0 ? undefined : x;
}

/**
 * The cleaned quote, or the reason the patch is unusable. The mark falls back to the bid/ask
 * mid, then the last trade; the timestamp to `receivedMs` when the venue sends none.
 */
export function cleanQuote(id: InstrumentId, p: QuotePatch, receivedMs: number): CleanResult {
  const values = Object.values(p) as (number | undefined)[];
  if (values.some((v) => v !== undefined && !Number.isFinite(v))) return { reason: 'not-finite' };
  const bid = present(p.bid);
  const ask = present(p.ask);
  const prices = [bid, ask, p.last, p.mark, p.index, p.open24h];
  if (prices.some((v) => v !== undefined && v <= 0)) return { reason: 'non-positive-price' };
  if (bid !== undefined && ask !== undefined && bid > ask) return { reason: 'crossed' };
  const ivs = [present(p.markIv), present(p.bidIv), present(p.askIv)];
  if (ivs.some((v) => v !== undefined && (v < 0 || v > MAX_IV))) return { reason: 'bad-iv' };
  if (p.fundingRate !== undefined && Math.abs(p.fundingRate) > MAX_ABS_RATE) {
    return { reason: 'bad-rate' };
  }
  const tsMs = p.tsMs ?? receivedMs;
  const tsProblem = timestampProblem(tsMs, receivedMs);
  if (tsProblem) return { reason: tsProblem };
  const mid = bid !== undefined && ask !== undefined ? (bid + ask) / 2 : undefined;
  const mark = p.mark ?? mid ?? p.last;
  if (!isFiniteNumber(mark)) return { reason: 'no-price' };
  const quote: Quote = { instrumentId: id, tsMs: Math.round(tsMs), mark };
  if (bid !== undefined) quote.bid = bid;
  if (ask !== undefined) quote.ask = ask;
  if (p.last !== undefined) quote.last = p.last;
  if (p.index !== undefined) quote.index = p.index;
  const [markIv, bidIv, askIv] = ivs;
  if (markIv !== undefined) quote.markIv = markIv;
  if (bidIv !== undefined) quote.bidIv = bidIv;
  if (askIv !== undefined) quote.askIv = askIv;
  if (p.fundingRate !== undefined) quote.fundingRate = p.fundingRate;
  const next = p.nextFundingMs;
  if (next !== undefined && next > 0 && timestampProblem(next, next) === undefined) {
    quote.nextFundingMs = next;
  }
  return { quote };
}
