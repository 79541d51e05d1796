/**
 * Where each venue's quote fields come from. A feed is one ccxt method pair: a websocket
 * `watch*` (ccxt.pro) and its REST twin `fetch*` used for polling. Bybit and Deribit tickers
 * carry everything; Binance splits mark/index/funding (markPrice stream) from the book top
 * (bookTicker); OKX splits tickers, mark prices and funding, and its index needs a raw call.
 */
import type { FundingRates, Tickers } from 'ccxt';
import { callImplicit, type CcxtExchange, type CcxtVenueId } from './ccxt-exchange';
import { num } from './data-quality';
import { patchFromFundingRate, patchFromTicker, type QuotePatch } from './map-quote';

export type PatchMap = Record<string, QuotePatch>;

export interface QuoteFeed {
  name: string;
  /** ccxt.pro method, when the venue streams this feed. */
  watch?: string | undefined;
  stream?(ex: CcxtExchange, symbols: string[]): Promise<PatchMap>;
  poll(ex: CcxtExchange, symbols: string[]): Promise<PatchMap>;
}

function isOptionSymbol(ex: CcxtExchange, symbol: string): boolean {
  return ex.markets?.[symbol]?.option === true;
}

function fromTickers(venue: CcxtVenueId, ex: CcxtExchange, tickers: Tickers): PatchMap {
  const out: PatchMap = {};
  for (const [key, t] of Object.entries(tickers)) {
    const symbol = t.symbol ?? key;
    out[symbol] = patchFromTicker(venue, t, isOptionSymbol(ex, symbol));
  }
  return out;
}

function fromFunding(rates: FundingRates): PatchMap {
  const out: PatchMap = {};
  for (const [key, f] of Object.entries(rates)) out[f.symbol ?? key] = patchFromFundingRate(f);
  return out;
}

function method<T>(ex: CcxtExchange, name: string): (symbols: string[]) => Promise<T> {
  const fn = (ex as unknown as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${ex.id} has no ${name}`);
  return (symbols) => (fn as (s: string[]) => Promise<T>).call(ex, symbols);
}

function tickerFeed(venue: CcxtVenueId, name: string, watch: string, fetch: string): QuoteFeed {
  return {
    name,
    watch,
    stream: async (ex, symbols) =>
      fromTickers(venue, ex, await method<Tickers>(ex, watch)(symbols)),
    poll: async (ex, symbols) => fromTickers(venue, ex, await method<Tickers>(ex, fetch)(symbols)),
  };
}

const fundingFeed: QuoteFeed = {
  name: 'funding',
  watch: 'watchFundingRates',
  stream: async (ex, symbols) =>
    fromFunding(await method<FundingRates>(ex, 'watchFundingRates')(symbols)),
  poll: async (ex, symbols) =>
    fromFunding(await method<FundingRates>(ex, 'fetchFundingRates')(symbols)),
};

/** OKX index prices (GET /api/v5/market/index-tickers), matched to perps by base and quote. */
const okxIndexFeed: QuoteFeed = {
  name: 'index',
  async poll(ex, symbols) {
    const wanted = symbols
      .map((s) => ({ s, m: ex.markets?.[s] }))
      .filter((x) => x.m?.option !== true);
    const quotes = [...new Set(wanted.map((x) => x.m?.quote).filter((q): q is string => !!q))];
    const out: PatchMap = {};
    for (const quoteCcy of quotes) {
      const res = (await callImplicit(ex, 'publicGetMarketIndexTickers', { quoteCcy })) as {
        data?: { instId?: string; idxPx?: string; ts?: string }[];
      };
      for (const row of res.data ?? []) {
        const [base, quote] = (row.instId ?? '').split('-');
        for (const { s, m } of wanted) {
          if (m?.base === base && m?.quote === quote) {
            out[s] = { ...out[s], index: num(row.idxPx), tsMs: num(row.ts) };
          }
        }
      }
    }
    return out;
  },
};

export function feedsFor(venue: CcxtVenueId): QuoteFeed[] {
  switch (venue) {
    case 'binanceusdm':
      return [
        tickerFeed(venue, 'mark', 'watchMarkPrices', 'fetchMarkPrices'),
        tickerFeed(venue, 'book', 'watchBidsAsks', 'fetchBidsAsks'),
      ];
    case 'okx':
      return [
        tickerFeed(venue, 'tickers', 'watchTickers', 'fetchTickers'),
        tickerFeed(venue, 'mark', 'watchMarkPrices', 'fetchMarkPrices'),
        fundingFeed,
        okxIndexFeed,
      ];
    case 'bybit':
    case 'deribit':
      return [tickerFeed(venue, 'tickers', 'watchTickers', 'fetchTickers')];
  }
}

/**
 * Splits symbols into groups one request can carry: venues take one market type per call
 * (Bybit category, OKX instType) and options per base coin.
 */
export function groupSymbols(ex: CcxtExchange, symbols: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const s of symbols) {
    const m = ex.markets?.[s];
    if (!m) continue;
    const key = `${m.type}:${m.inverse ? 'inverse' : 'linear'}:${m.option ? m.base : ''}:${m.settle}`;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()];
}

/** Whether the feed streams on this exchange object (ccxt `has` says so). */
export function canStream(ex: CcxtExchange, feed: QuoteFeed): boolean {
  return feed.watch !== undefined && feed.stream !== undefined && ex.has[feed.watch] === true;
}

/** Whether the feed's REST twin exists on this exchange object. */
export function canPoll(ex: CcxtExchange, feed: QuoteFeed): boolean {
  if (feed.name === 'index') return true;
  const fetch = feed.watch?.replace(/^watch/, 'fetch');
  return fetch === undefined || ex.has[fetch] === true || ex.has[fetch] === 'emulated';
}
