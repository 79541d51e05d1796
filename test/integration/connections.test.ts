/**
 * The desk switch through the real services (SQLite, worker pool, market and book services):
 * a Binance USD-M connection replayed through ccxt's real class, then the live desk -- the
 * market service is fed by the venue, the book holds the venue's account and the revaluation in
 * the worker prices the live position at the venue's mark; back to demo, the demo book returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import type { BookSnapshot } from '../../shared/domain/valuation';
import { createExchange } from '../../src-main/venues/ccxt/exchange-factory';
import { withServices } from '../helpers/services-harness';
import { binanceMarkets } from '../unit/venues/ccxt/market-routes';
import { fixture, recorded, recording, replay } from '../unit/venues/ccxt/replay';
import { testStreamOptions } from '../unit/venues/ccxt/venue-harness';

type Row = Record<string, unknown>;
let harness: Awaited<ReturnType<typeof withServices>>;
const rec = recording('binance');
const fresh = (rows: Row[], key: string) => () => rows.map((r) => ({ ...r, [key]: Date.now() }));

beforeAll(async () => {
  const r = replay([
    ...binanceMarkets,
    { path: '/fapi/v1/leverageBracket', body: fixture('binanceusdm', 'leverageBracket.json') },
    { path: '/fapi/v3/positionRisk', body: recorded(rec, 'fetchPositions', 1).httpResponse },
    { path: '/fapi/v3/account', body: recorded(rec, 'fetchBalance', 1).httpResponse },
    {
      path: '/fapi/v1/premiumIndex',
      body: fresh(fixture<Row[]>('binanceusdm', 'premiumIndex.json'), 'time'),
    },
    {
      path: '/fapi/v1/ticker/bookTicker',
      body: fresh(fixture<Row[]>('binanceusdm', 'bookTicker.json'), 'time'),
    },
    {
      path: '/sapi/v1/account/apiRestrictions',
      body: fixture('binanceusdm', 'apiRestrictions.json'),
    },
  ]);
  const clock = {
    get now() {
      return Date.now();
    },
  };
  harness = await withServices({
    computeWorkers: 1,
    venueGateway: {
      ...testStreamOptions(clock),
      pollMs: 200,
      createExchange: (s) =>
        createExchange({ ...s, fetchImplementation: r.fetch, enableRateLimit: false }),
    },
  });
});

afterAll(async () => {
  await harness?.stop();
});

async function call(key: string, input: unknown): Promise<unknown> {
  const res = await dispatch(
    harness.services.handlers,
    key,
    input,
    { transport: 'in-process' },
    { validateOutput: true },
  );
  if (!res.ok) throw new Error(`${key}: ${res.error.message}`);
  return res.value;
}

async function snapshotWhere(
  pred: (s: BookSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<BookSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await harness.services.book.nextSnapshot();
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error('no matching book snapshot');
  }
}

describe('live desk through the real services', () => {
  it('values the venue position at the venue mark, then returns to the demo book', async () => {
    const demoPositions = harness.services.book.contents().positions.length;
    expect(demoPositions).toBeGreaterThan(5);
    const saved = (await call('connections.save', {
      venue: 'binanceusdm',
      label: 'Binance',
      sandbox: false,
      apiKey: 'integration-key-0123456789',
      secret: 'integration-secret-0123456789',
    })) as { saved: { id: string; positions: number } };
    expect(saved.saved.positions).toBe(1);
    await call('connections.setDesk', { desk: 'live' });
    expect(await call('app.getInfo', {})).toMatchObject({ desk: 'live' });
    const id = `live-${saved.saved.id}:binanceusdm:BTC/USDT:USDT`;
    const snap = await snapshotWhere((s) =>
      s.risks.some((r) => r.positionId === id && r.freshness === 'live'),
    );
    expect(snap.positions).toHaveLength(1);
    expect(snap.accounts.map((a) => a.source)).toEqual(['live']);
    const risk = snap.risks.find((r) => r.positionId === id);
    // 0.009 BTC at the premiumIndex mark 98,412.30.
    expect(risk?.price).toBeCloseTo(98412.3, 6);
    // A perpetual's market value is its open P&L (the book's convention for margined contracts).
    expect(risk?.marketValueUsd).toBeCloseTo(0.009 * (98412.3 - 67445.9), 6);
    // Delta is in units of the underlying at its spot (the live index).
    expect(risk?.deltaUsd).toBeCloseTo(0.009 * 98455.81673913, 6);
    expect(risk?.unrealizedPnlUsd).toBeCloseTo(0.009 * (98412.3 - 67445.9), 6);
    const btc = snap.underlyings.find((u) => u.underlying === 'BTC');
    expect(btc?.spot).toBeCloseTo(98455.81673913, 6);

    await call('connections.setDesk', { desk: 'demo' });
    const back = await snapshotWhere((s) => s.positions.length === demoPositions);
    expect(back.accounts.every((a) => a.source === 'demo')).toBe(true);
    expect(await call('app.getInfo', {})).toMatchObject({ desk: 'demo' });
  });
});
