/**
 * Funding history paging through each venue's real ccxt class against a simulated endpoint that
 * answers with the venue's documented shape, page limit and order (Binance oldest first, Bybit
 * and OKX newest first, Deribit hourly): the whole range must come back once, no gaps, no
 * duplicates, in the expected number of requests.
 */
import { describe, expect, it } from 'vitest';
import type { CcxtVenueId } from '../../../../src-main/venues/ccxt/ccxt-exchange';
import { type Route } from './replay';
import { binanceMarkets, bybitMarkets, deribitMarkets, okxMarkets } from './market-routes';
import { NOW_MS, replayVenue } from './venue-harness';

const HOUR = 3_600_000;

/** A deterministic rate series: a slow wave plus a per-row wiggle, decimals per interval. */
function rateAt(i: number): number {
  return Math.round((0.0001 + 0.00008 * Math.sin(i / 7) + ((i * 37) % 11) * 1e-6) * 1e8) / 1e8;
}

function series(fromMs: number, toMs: number, stepMs: number): { ts: number; rate: number }[] {
  const out = [];
  for (let ts = Math.ceil(fromMs / stepMs) * stepMs, i = 0; ts <= toMs; ts += stepMs, i++) {
    out.push({ ts, rate: rateAt(i) });
  }
  return out;
}

const q = (url: URL, k: string) =>
  url.searchParams.has(k) ? Number(url.searchParams.get(k)) : undefined;

function binanceRoute(rows: { ts: number; rate: number }[]): Route {
  return {
    path: '/fapi/v1/fundingRate',
    body: (url: URL) => {
      const start = q(url, 'startTime') ?? 0;
      const end = q(url, 'endTime') ?? Infinity;
      const limit = Math.min(q(url, 'limit') ?? 100, 1000);
      return rows
        .filter((r) => r.ts >= start && r.ts <= end)
        .slice(0, limit)
        .map((r) => ({
          symbol: 'BTCUSDT',
          fundingTime: r.ts,
          fundingRate: r.rate.toFixed(8),
          markPrice: '98000.00000000',
        }));
    },
  };
}

function bybitRoute(rows: { ts: number; rate: number }[]): Route {
  return {
    path: '/v5/market/funding/history',
    body: (url: URL) => {
      const start = q(url, 'startTime') ?? 0;
      const end = q(url, 'endTime') ?? Infinity;
      const limit = Math.min(q(url, 'limit') ?? 200, 200);
      const list = rows
        .filter((r) => r.ts >= start && r.ts <= end)
        .reverse()
        .slice(0, limit)
        .map((r) => ({
          symbol: 'BTCUSDT',
          fundingRate: r.rate.toFixed(8),
          fundingRateTimestamp: String(r.ts),
        }));
      return {
        retCode: 0,
        retMsg: 'OK',
        result: { category: 'linear', list },
        retExtInfo: {},
        time: NOW_MS,
      };
    },
  };
}

function okxRoute(rows: { ts: number; rate: number }[]): Route {
  return {
    path: '/api/v5/public/funding-rate-history',
    body: (url: URL) => {
      const newerThan = q(url, 'before') ?? -Infinity;
      const olderThan = q(url, 'after') ?? Infinity;
      const limit = Math.min(q(url, 'limit') ?? 100, 100);
      const data = rows
        .filter((r) => r.ts > newerThan && r.ts < olderThan)
        .reverse()
        .slice(0, limit)
        .map((r) => ({
          fundingRate: r.rate.toFixed(10),
          fundingTime: String(r.ts),
          instId: 'BTC-USDT-SWAP',
          instType: 'SWAP',
          method: 'current_period',
          realizedRate: r.rate.toFixed(10),
          formulaType: 'withRate',
        }));
      return { code: '0', msg: '', data };
    },
  };
}

function deribitRoute(rows: { ts: number; rate: number }[]): Route {
  return {
    path: '/api/v2/public/get_funding_rate_history',
    body: (url: URL) => {
      const start = q(url, 'start_timestamp') ?? 0;
      const end = q(url, 'end_timestamp') ?? Infinity;
      const result = rows
        .filter((r) => r.ts >= start && r.ts <= end)
        .slice(0, 744)
        .map((r) => ({
          timestamp: r.ts,
          index_price: 98000,
          prev_index_price: 97990,
          interest_8h: r.rate,
          interest_1h: r.rate / 8,
        }));
      return { jsonrpc: '2.0', result, usIn: 1, usOut: 2, usDiff: 1, testnet: false };
    },
  };
}

async function history(
  venue: CcxtVenueId,
  markets: Route[],
  route: Route,
  id: string,
  fromMs: number,
  toMs: number,
) {
  const { v, r } = await replayVenue(venue, [...markets, route], { credentials: false });
  await v.load();
  const points = await v.fundingHistory(id, fromMs, toMs);
  const requests = r.calls.filter((c) => c.url.pathname === route.path).length;
  await v.close();
  return { points, requests };
}

const toMs = Date.UTC(2026, 10, 22, 0);

describe('funding history paging', () => {
  it('Binance: 400 days of 8-hourly rates, oldest first, 1000 per page', async () => {
    const fromMs = toMs - 400 * 24 * HOUR;
    const rows = series(fromMs, toMs, 8 * HOUR);
    const { points, requests } = await history(
      'binanceusdm',
      binanceMarkets,
      binanceRoute(rows),
      'binanceusdm:BTC/USDT:USDT',
      fromMs,
      toMs,
    );
    expect(points).toEqual(rows.map((r) => ({ tsMs: r.ts, rate: r.rate })));
    // 1201 rows in windows of 999 intervals: two requests.
    expect(requests).toBe(2);
  });

  it('Bybit: 120 days, newest first, 200 per page', async () => {
    const fromMs = toMs - 120 * 24 * HOUR;
    const rows = series(fromMs, toMs, 8 * HOUR);
    const { points, requests } = await history(
      'bybit',
      bybitMarkets,
      bybitRoute(rows),
      'bybit:BTC/USDT:USDT',
      fromMs,
      toMs,
    );
    expect(points).toEqual(rows.map((r) => ({ tsMs: r.ts, rate: r.rate })));
    expect(requests).toBe(Math.ceil((toMs - fromMs + 1) / (199 * 8 * HOUR)));
  });

  it('OKX: 60 days, newest first, 100 per page bounded by before/after', async () => {
    const fromMs = toMs - 60 * 24 * HOUR;
    const rows = series(fromMs, toMs, 8 * HOUR);
    const { points, requests } = await history(
      'okx',
      okxMarkets,
      okxRoute(rows),
      'okx:BTC/USDT:USDT',
      fromMs,
      toMs,
    );
    expect(points).toHaveLength(181);
    expect(points).toEqual(rows.map((r) => ({ tsMs: r.ts, rate: r.rate })));
    expect(requests).toBe(2);
  });

  it('OKX with hourly funding where 8 hours was assumed: full pages are split until complete', async () => {
    const fromMs = toMs - 10 * 24 * HOUR;
    const rows = series(fromMs, toMs, HOUR);
    const { points, requests } = await history(
      'okx',
      okxMarkets,
      okxRoute(rows),
      'okx:BTC/USDT:USDT',
      fromMs,
      toMs,
    );
    expect(points).toEqual(rows.map((r) => ({ tsMs: r.ts, rate: r.rate })));
    expect(new Set(points.map((p) => p.tsMs)).size).toBe(points.length);
    expect(requests).toBeGreaterThan(3);
  });

  it('Deribit: 45 days of hourly samples of the 8-hour rate, 744 per request', async () => {
    const fromMs = toMs - 45 * 24 * HOUR;
    const rows = series(fromMs, toMs, HOUR);
    const { points, requests } = await history(
      'deribit',
      deribitMarkets,
      deribitRoute(rows),
      'deribit:BTC/USD:BTC',
      fromMs,
      toMs,
    );
    expect(points).toEqual(rows.map((r) => ({ tsMs: r.ts, rate: r.rate })));
    expect(requests).toBe(2);
  });
});
