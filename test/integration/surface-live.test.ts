/**
 * The surface feature follows the desk's chain sources, on the real services (SQLite, worker
 * pool, connections, surface service): a Deribit connection replayed through ccxt's real class
 * (the documented option chain fixture, widened with generated strikes); on the demo desk the surfaces stay the demo desk's, on
 * the live desk BTC is fitted from Deribit's chain, removing the venue stops it, and the demo desk
 * brings the demo surfaces back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, ApiOutput } from '../../shared/contract/api';
import { dispatch } from '../../shared/contract/dispatch';
import { black76Price } from '../../shared/quant/pricing/black76';
import { createExchange } from '../../src-main/venues/ccxt/exchange-factory';
import { withServices } from '../helpers/services-harness';
import { deribitMarkets } from '../unit/venues/ccxt/market-routes';
import { fixture, recorded, recording, replay } from '../unit/venues/ccxt/replay';
import { testStreamOptions } from '../unit/venues/ccxt/venue-harness';

let harness: Awaited<ReturnType<typeof withServices>>;
const updates: { underlying: string; model: string; source: string }[] = [];

type Row = Record<string, unknown>;
const EXTRA_STRIKES = [70_000, 80_000, 120_000, 130_000, 145_000];

/** A smooth skew through the fixture's marks (percent): the generated strikes' mark IVs. */
const markIvPct = (k: number) => 49 - 14 * k + 25 * k * k;

/**
 * The fixture's chain (three strikes per expiry, too few for a smile fit) widened with
 * out-of-the-money strikes written for this test from the fixture's own rows as templates:
 * instruments for `get_instruments`, book-summary rows with Black-76 coin premiums at a skew
 * through the fixture's marks (bid/ask one vol point either side).
 */
function widenedChain(): { instruments: Row; summary: Row } {
  const instruments = fixture<{ result: Row[] }>('deribit', 'get_instruments.json');
  const summary = fixture<{ result: Row[] }>('deribit', 'book_summary_option_BTC.json');
  const instTemplate = instruments.result.find((i) => i['kind'] === 'option') as Row;
  const expiries = [
    ['25DEC26', Date.UTC(2026, 11, 25, 8), 99610.35],
    ['26MAR27', Date.UTC(2027, 2, 26, 8), 101020.1],
  ] as const;
  let id = 400100;
  for (const [code, expiryMs, forward] of expiries) {
    const rowTemplate = summary.result.find((r) =>
      String(r['instrument_name']).includes(code),
    ) as Row;
    const tYears = (expiryMs - Date.now()) / (365.25 * 86_400_000);
    for (const strike of EXTRA_STRIKES) {
      const type = strike < forward ? 'put' : 'call';
      const name = `BTC-${code}-${strike}-${type === 'put' ? 'P' : 'C'}`;
      instruments.result.push({
        ...instTemplate,
        strike,
        option_type: type,
        instrument_name: name,
        instrument_id: id++,
        expiration_timestamp: expiryMs,
      });
      const iv = markIvPct(Math.log(strike / forward));
      const coin = (volPct: number) =>
        black76Price({
          type,
          forward,
          strike,
          tYears,
          rate: 0,
          volAnnual: volPct / 100,
          discounted: false,
        }) / forward;
      summary.result.push({
        ...rowTemplate,
        instrument_name: name,
        mark_iv: iv,
        mark_price: coin(iv),
        bid_price: coin(iv - 1),
        ask_price: coin(iv + 1),
      });
    }
  }
  return { instruments, summary };
}

beforeAll(async () => {
  const rec = recording('deribit');
  const chain = widenedChain();
  const r = replay([
    { path: '/api/v2/public/get_instruments', body: chain.instruments },
    ...deribitMarkets,
    {
      path: '/api/v2/public/get_book_summary_by_currency',
      query: { kind: 'option' },
      body: chain.summary,
    },
    {
      path: '/api/v2/public/get_book_summary_by_currency',
      query: { kind: 'future' },
      body: fixture('deribit', 'book_summary_future_BTC.json'),
    },
    { path: '/api/v2/public/ticker', body: fixture('deribit', 'ticker_BTC-PERPETUAL.json') },
    { path: '/api/v2/public/auth', body: fixture('deribit', 'auth_readonly.json') },
    { path: '/api/v2/private/get_positions', body: fixture('deribit', 'get_positions.json') },
    {
      path: '/api/v2/private/get_account_summaries',
      body: recorded(rec, 'fetchBalance').httpResponse,
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
  harness.services.bus.onAny((name, payload) => {
    if (name === 'surface.updated') updates.push(payload as (typeof updates)[number]);
  });
});

afterAll(async () => {
  await harness?.stop();
});

async function call<K extends ApiKey>(key: K, input: unknown): Promise<ApiOutput<K>> {
  const res = await dispatch(
    harness.services.handlers,
    key,
    input,
    { transport: 'in-process' },
    { validateOutput: true },
  );
  if (!res.ok) throw new Error(`${key}: ${res.error.kind}: ${res.error.message}`);
  return res.value as ApiOutput<K>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sourcesOf = async () =>
  (await call('surface.getStatus', {})).underlyings.map((u) => `${u.underlying}:${u.source}`);

describe('surface chain sources follow the desk', () => {
  it('fits Deribit chains on the live desk and drops them when the venue goes', async () => {
    expect(await sourcesOf()).toEqual(['BTC:demo', 'ETH:demo', 'MSTR:demo', 'QQQ:demo']);
    const saved = await call('connections.save', {
      venue: 'deribit',
      label: 'Deribit',
      sandbox: false,
      apiKey: 'integration-key-0123456789',
      secret: 'integration-secret-0123456789',
    });
    // Connected on the demo desk: demo and live never mix, the surfaces stay the demo desk's.
    expect(await sourcesOf()).toEqual(['BTC:demo', 'ETH:demo', 'MSTR:demo', 'QQQ:demo']);

    await call('connections.setDesk', { desk: 'live' });
    expect(await sourcesOf()).toEqual(['BTC:deribit']);
    const fit = await until('a Deribit BTC fit', async () => {
      const f = await call('surface.getFit', { underlying: 'BTC', model: 'svi' }).catch(
        () => undefined,
      );
      return f?.source === 'deribit' ? f : undefined;
    });
    expect(fit.spot).toBeCloseTo(98455.81, 6);
    expect(fit.slices.map((s) => [s.expiry, s.forward])).toEqual([
      ['2026-12-25', 99610.35],
      ['2027-03-26', 101020.1],
    ]);
    expect(fit.arbitrageFree).toBe(true);
    // Every mark IV (fixture rows and generated ones, percent on the wire) is met within 1 pt.
    expect(fit.summary.quotes).toBe(16);
    expect(fit.summary.rmseVolPts).toBeLessThan(1);
    const atm = fit.slices[0]?.market.find((q) => q.strike === 100_000);
    expect(atm?.fitIv).toBeCloseTo(0.49, 2);
    expect(updates.some((u) => u.underlying === 'BTC' && u.source === 'deribit')).toBe(true);
    await expect(call('surface.getFit', { underlying: 'ETH', model: 'svi' })).rejects.toThrow(
      /not-found: no option chain source for ETH/,
    );
    // The book's BTC options are now priced off the Deribit surface, not the demo one.
    const rows = (await call('surface.getBookVols', {})).filter((x) => x.underlying === 'BTC');
    // The live book's short BTC-25DEC26-100000-C (fixture positions).
    expect(rows.map((x) => x.strike)).toEqual([100_000]);
    expect(rows[0]?.surfaceIv).toBeCloseTo(0.49, 1);

    await call('connections.remove', { id: saved.saved.id });
    expect(await sourcesOf()).toEqual([]);
    await expect(call('surface.getFit', { underlying: 'BTC', model: 'svi' })).rejects.toThrow(
      /not-found/,
    );

    await call('connections.setDesk', { desk: 'demo' });
    expect(await sourcesOf()).toEqual(['BTC:demo', 'ETH:demo', 'MSTR:demo', 'QQQ:demo']);
    const back = await until('a demo BTC fit', () =>
      call('surface.getFit', { underlying: 'BTC', model: 'svi' }).catch(() => undefined),
    );
    expect(back.source).toBe('demo');
  });
});
