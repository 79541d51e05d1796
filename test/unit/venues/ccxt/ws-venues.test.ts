/**
 * Websocket streaming end to end for Binance USD-M, Bybit and OKX, as the Deribit test does it
 * (`gateway-resilience.test.ts`): ccxt.pro's real classes against a local server speaking each
 * venue's documented subscribe/push protocol (`ws-fake-protocols.ts`), loadMarkets replayed over
 * HTTP. Each venue: subscribe with the venue's channel names, quotes with the streamed mark,
 * index, funding and book top; then a drop with new sockets refused (error, growing backoff),
 * reconnect, resubscribe and fresh data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Quote } from '../../../../shared/domain/quote';
import { CcxtGateway } from '../../../../src-main/venues/ccxt/ccxt-gateway';
import type { CcxtVenueId } from '../../../../src-main/venues/ccxt/ccxt-exchange';
import { createExchange } from '../../../../src-main/venues/ccxt/exchange-factory';
import { binanceMarkets, bybitMarkets, okxMarkets } from './market-routes';
import { fixture, replay, type Route } from './replay';
import { NOW_MS, testStreamOptions } from './venue-harness';
import { binanceProtocol, bybitProtocol, okxProtocol } from './ws-fake-protocols';
import { startFakeVenueWs, type FakeVenueWs } from './ws-fake-venue';
import type { WsProtocol } from './ws-fake-venue';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function until(cond: () => boolean, what: () => string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

interface Case {
  venue: CcxtVenueId;
  instrumentId: string;
  protocol: () => WsProtocol;
  routes: Route[];
  /** Subscriptions expected on the first connection, by socket path. */
  subscribes: { path: string; channels: string[] }[];
  /** Fields of the merged quote at the first pushes (before the tick moves them). */
  quote: Partial<Quote>;
  /** The pushed mark at tick 0 (it rises 0.1 a tick), to tell which push a quote came from. */
  markBase: number;
}

const CASES: Case[] = [
  {
    venue: 'binanceusdm',
    instrumentId: 'binanceusdm:BTC/USDT:USDT',
    protocol: binanceProtocol,
    routes: binanceMarkets,
    subscribes: [
      { path: '/market/ws/0', channels: ['btcusdt@markPrice@1s'] },
      { path: '/public/ws/1', channels: ['btcusdt@bookTicker'] },
    ],
    quote: { index: 98455.81673913, fundingRate: 0.0001, nextFundingMs: 1795334400000 },
    markBase: 98412.3,
  },
  {
    venue: 'bybit',
    instrumentId: 'bybit:BTC/USDT:USDT',
    protocol: bybitProtocol,
    routes: bybitMarkets,
    subscribes: [{ path: '/v5/public/linear', channels: ['tickers.BTCUSDT'] }],
    quote: { index: 98455.12, fundingRate: 0.0001, nextFundingMs: 1795334400000 },
    markBase: 98413.7,
  },
  {
    venue: 'okx',
    instrumentId: 'okx:BTC/USDT:USDT',
    protocol: okxProtocol,
    routes: [
      ...okxMarkets,
      {
        path: '/api/v5/market/index-tickers',
        query: { quoteCcy: 'USDT' },
        body: fixture('okx', 'index-tickers-USDT.json'),
      },
    ],
    subscribes: [
      { path: '/ws/v5/public', channels: ['tickers|BTC-USDT-SWAP'] },
      { path: '/ws/v5/public', channels: ['mark-price|BTC-USDT-SWAP'] },
      { path: '/ws/v5/public', channels: ['funding-rate|BTC-USDT-SWAP'] },
    ],
    quote: { fundingRate: 0.000079238688534, nextFundingMs: 1795334400000 },
    markBase: 98410.2,
  },
];

async function gateway(c: Case, fake: FakeVenueWs) {
  const clock = { now: NOW_MS };
  const r = replay(c.routes);
  const gw = new CcxtGateway({
    ...testStreamOptions(clock),
    streaming: true,
    streamFailuresBeforePoll: 50,
    staleAfterMs: 15_000,
    fallbackVol: 0.6,
    watchUnderlyings: [],
    createExchange: (s) =>
      createExchange({
        ...s,
        fetchImplementation: r.fetch,
        enableRateLimit: false,
        wsUrl: fake.url,
      }),
  });
  await gw.addVenue({ connectionId: 'v1', venue: c.venue, label: c.venue, sandbox: false });
  cleanups.push(() => gw.stop());
  const quotes: Quote[] = [];
  gw.onUpdate((u) => quotes.push(...u.quotes.filter((q) => q.instrumentId === c.instrumentId)));
  await gw.start();
  gw.subscribe([{ id: c.instrumentId } as never]);
  return { gw, r, quotes, status: () => gw.statuses()[0]! };
}

const sorted = (s: { path: string; channels: string[] }[]) =>
  [...s].sort((a, b) => (a.path + a.channels.join()).localeCompare(b.path + b.channels.join()));

describe.each(CASES)('$venue websocket streams', (c) => {
  it('subscribes, streams mark/index/funding/book, then survives a drop with backoff, resubscribes and gets fresh data', async () => {
    const fake = await startFakeVenueWs(c.protocol());
    cleanups.push(() => fake.close());
    const { gw, quotes, status, r } = await gateway(c, fake);
    await until(
      () =>
        status().state === 'connected' &&
        quotes.some((q) => q.mark !== undefined && q.bid !== undefined),
      () =>
        JSON.stringify({
          status: status(),
          quotes: quotes.slice(-2),
          subs: fake.subscribes,
          unmatched: r.unmatched,
        }),
    );
    expect(status().mode).toBe('stream');
    expect(sorted(fake.subscribes)).toEqual(sorted(c.subscribes));
    await until(
      () =>
        Object.keys(c.quote).every(
          (k) =>
            gw.latest().quotes.find((q) => q.instrumentId === c.instrumentId)?.[
              k as keyof Quote
            ] !== undefined,
        ),
      () => JSON.stringify(gw.latest().quotes),
    );
    const first = gw.latest().quotes.find((q) => q.instrumentId === c.instrumentId) as Quote;
    for (const [k, v] of Object.entries(c.quote))
      expect(first[k as keyof Quote], k).toBeCloseTo(v as number, 9);
    expect(first.ask).toBeGreaterThan(first.bid as number);
    const markBefore = first.mark as number;

    fake.refuse = true;
    fake.dropAll();
    await until(
      () => status().consecutiveFailures >= 3,
      () => JSON.stringify(status()),
    );
    const failing = status();
    expect(failing.state).toBe('error');
    expect(failing.lastError).toMatch(/NetworkError|closed|ECONNRESET|socket|1006/i);
    // Test policy: 5 ms doubling, capped at 80 ms; random() = 0.5 means no jitter.
    expect(failing.backoffMs).toBe(Math.min(80, 5 * 2 ** (failing.consecutiveFailures - 1)));

    const before = fake.subscribes.length;
    const tickAtDrop = fake.tick;
    fake.refuse = false;
    await until(
      () =>
        status().state === 'connected' && fake.subscribes.length >= before + c.subscribes.length,
      () => JSON.stringify({ status: status(), subs: fake.subscribes.slice(before) }),
    );
    expect(status().reconnects).toBeGreaterThanOrEqual(1);
    expect(
      sorted(fake.subscribes.slice(before, before + c.subscribes.length)).map((s) => s.channels),
    ).toEqual(sorted(c.subscribes).map((s) => s.channels));
    // Fresh data: a mark pushed after the reconnect (the server's tick has moved past the drop).
    const tickOf = (q: Quote | undefined) => Math.round(((q?.mark ?? 0) - c.markBase) * 10);
    const latest = () => gw.latest().quotes.find((q) => q.instrumentId === c.instrumentId);
    await until(
      () => tickOf(latest()) > tickAtDrop,
      () => JSON.stringify({ tickAtDrop, quote: latest() }),
    );
    expect(latest()?.mark).toBeGreaterThan(markBefore);
    expect(r.unmatched).toEqual([]);
  });
});
