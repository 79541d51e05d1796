/**
 * The gateway when venues misbehave, through ccxt's real classes: a websocket that drops
 * (backoff, error, reconnect and resubscribe), a feed that goes quiet (stale, then live again),
 * HTTP 5xx (backoff and recovery), a 429 (rate-limited backoff at least the floor), and junk
 * payloads (rows dropped and counted in the quality score).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CcxtGateway } from '../../../../src-main/venues/ccxt/ccxt-gateway';
import { createExchange } from '../../../../src-main/venues/ccxt/exchange-factory';
import type { MarketUpdate } from '../../../../src-main/venues/venue-gateway';
import { deribitMarkets } from './market-routes';
import { fixture, replay, type Route } from './replay';
import { NOW_MS, testStreamOptions } from './venue-harness';
import { startFakeDeribit, type FakeDeribit } from './ws-fake-deribit';

const PERP = 'deribit:BTC/USD:BTC';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function until(cond: () => boolean, what: () => string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

async function gateway(routes: Route[], opts: { streaming: boolean; fake?: FakeDeribit }) {
  const clock = { now: NOW_MS };
  const r = replay(routes);
  const gw = new CcxtGateway({
    ...testStreamOptions(clock),
    streaming: opts.streaming,
    streamFailuresBeforePoll: 50,
    staleAfterMs: 15_000,
    fallbackVol: 0.6,
    watchUnderlyings: [],
    createExchange: (s) =>
      createExchange({
        ...s,
        fetchImplementation: r.fetch,
        enableRateLimit: false,
        ...(opts.fake ? { wsUrl: opts.fake.url } : {}),
      }),
  });
  await gw.addVenue({ connectionId: 'd1', venue: 'deribit', label: 'Deribit', sandbox: false });
  cleanups.push(() => gw.stop());
  const updates: MarketUpdate[] = [];
  gw.onUpdate((u) => updates.push(u));
  await gw.start();
  gw.subscribe([{ id: PERP } as never]);
  return { gw, r, clock, updates, status: () => gw.statuses()[0]! };
}

describe('gateway resilience', () => {
  it('websocket drop: error with growing backoff, then reconnect, resubscribe and fresh data', async () => {
    const fake = await startFakeDeribit();
    cleanups.push(() => fake.close());
    const { gw, status, updates } = await gateway(deribitMarkets, { streaming: true, fake });
    await until(
      () => status().state === 'connected',
      () => JSON.stringify(status()),
    );
    expect(status().mode).toBe('stream');
    expect(gw.state()).toBe('connected');
    expect(fake.subscribes[0]).toEqual(['ticker.BTC-PERPETUAL.100ms']);
    expect(updates.at(-1)?.quotes[0]).toMatchObject({
      instrumentId: PERP,
      bid: 98410,
      ask: 98410.5,
      index: 98455.81,
      fundingRate: 0.00008123,
    });
    expect(updates.at(-1)?.underlyings[0]).toMatchObject({
      underlying: 'BTC',
      spot: 98455.81,
      rate: 0,
      carryYield: 0,
      atmVol: 0.6,
    });

    fake.refuse = true;
    fake.dropAll();
    await until(
      () => status().consecutiveFailures >= 3,
      () => JSON.stringify(status()),
    );
    const failing = status();
    expect(failing.state).toBe('error');
    expect(gw.state()).toBe('error');
    expect(failing.lastError).toMatch(/NetworkError|closed|ECONNRESET|socket/i);
    // Test policy: 5 ms doubling, capped at 80 ms; random() = 0.5 means no jitter.
    expect(failing.backoffMs).toBe(Math.min(80, 5 * 2 ** (failing.consecutiveFailures - 1)));

    fake.refuse = false;
    const before = fake.subscribes.length;
    await until(
      () => status().state === 'connected' && fake.subscribes.length > before,
      () => JSON.stringify(status()),
    );
    expect(status().reconnects).toBeGreaterThanOrEqual(1);
    expect(fake.subscribes.at(-1)).toEqual(['ticker.BTC-PERPETUAL.100ms']);
    expect(status().lastError).toBe(failing.lastError);
  });

  it('a quiet feed turns stale after the gap and live again when data returns', async () => {
    const fake = await startFakeDeribit();
    cleanups.push(() => fake.close());
    const { gw, status, clock } = await gateway(deribitMarkets, { streaming: true, fake });
    await until(
      () => status().state === 'connected',
      () => JSON.stringify(status()),
    );
    fake.pushing = false;
    await new Promise((r) => setTimeout(r, 30));
    clock.now += 16_000;
    expect(status()).toMatchObject({ state: 'stale', stale: true });
    expect(gw.state()).toBe('disconnected');
    fake.pushing = true;
    await until(
      () => status().state === 'connected',
      () => JSON.stringify(status()),
    );
    expect(status().stale).toBe(false);
  });

  it('HTTP 5xx while polling: error and backoff, then recovery', async () => {
    const summary = fixture('deribit', 'book_summary_future_BTC.json');
    const { status, r } = await gateway(
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          status: 503,
          times: 3,
          body: { error: 'Service Unavailable' },
        },
        { path: '/api/v2/public/get_book_summary_by_currency', body: summary },
      ],
      { streaming: false },
    );
    await until(
      () => status().state === 'connected',
      () => JSON.stringify(status()),
    );
    const polls = r.calls.filter((c) => c.url.pathname.endsWith('get_book_summary_by_currency'));
    expect(polls.slice(0, 3).map((c) => c.status)).toEqual([503, 503, 503]);
    expect(polls[3]?.status).toBe(200);
    expect(status()).toMatchObject({
      mode: 'poll',
      reconnects: 1,
      consecutiveFailures: 0,
      rateLimited: false,
    });
    expect(status().lastError).toMatch(/ExchangeNotAvailable|503/);
  });

  it('429: rate-limited backoff of at least the floor, then recovery', async () => {
    const summary = fixture('deribit', 'book_summary_future_BTC.json');
    const { status } = await gateway(
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          status: 429,
          times: 1,
          body: { jsonrpc: '2.0', error: { code: 10028, message: 'too_many_requests' } },
        },
        { path: '/api/v2/public/get_book_summary_by_currency', body: summary },
      ],
      { streaming: false },
    );
    await until(
      () => status().rateLimited,
      () => JSON.stringify(status()),
    );
    // First failure: exponential gives 5 ms, the rate-limit floor lifts it to 40 ms.
    expect(status()).toMatchObject({ state: 'error', backoffMs: 40 });
    await until(
      () => status().state === 'connected',
      () => JSON.stringify(status()),
    );
    expect(status().rateLimited).toBe(false);
  });

  it('junk payloads: bad rows are dropped and counted, good rows pass', async () => {
    const good = fixture<{ result: Record<string, unknown>[] }>(
      'deribit',
      'book_summary_future_BTC.json',
    );
    const row = good.result[0] as Record<string, unknown>;
    const junk = [
      { ...row, bid_price: 98420, ask_price: 98410 }, // crossed
      { ...row, mark_price: -5, bid_price: null, ask_price: null }, // negative price
      { ...row, funding_8h: 'abc' }, // not a number (ccxt passes raw info fields through)
      { ...row, creation_timestamp: 1795321800 }, // seconds, not milliseconds
      { ...row, creation_timestamp: NOW_MS + 3_600_000 }, // an hour in the future
      { ...row, funding_8h: 3.5 }, // 350% per 8 hours
    ];
    const routes: Route[] = [
      ...deribitMarkets,
      ...junk.map((r) => ({
        path: '/api/v2/public/get_book_summary_by_currency',
        times: 1,
        body: { jsonrpc: '2.0', result: [r] },
      })),
      { path: '/api/v2/public/get_book_summary_by_currency', body: good },
    ];
    const { status, gw } = await gateway(routes, { streaming: false });
    await until(
      () => status().quality.received >= 7,
      () => JSON.stringify(status()),
    );
    expect(status().quality.reasons).toEqual({
      crossed: 1,
      'non-positive-price': 1,
      'not-finite': 1,
      'bad-timestamp': 2,
      'bad-rate': 1,
    });
    expect(status().quality.dropped).toBe(6);
    expect(status().quality.score).toBeCloseTo(
      (status().quality.received - 6) / status().quality.received,
      12,
    );
    const q = gw.latest().quotes.find((x) => x.instrumentId === PERP);
    expect(q).toMatchObject({ bid: 98410, ask: 98410.5, mark: 98412.3 });
  });
});
