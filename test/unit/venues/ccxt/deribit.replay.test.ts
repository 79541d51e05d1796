/**
 * Deribit through ccxt's real `deribit` class: loadMarkets from documented get_currencies and
 * get_instruments answers, the recorded account summaries, positions (futures size in USD),
 * the option chain (IVs in percent), REST tickers from the book summary, and the key-scope
 * check by client signature (the secret never leaves the machine).
 */
import { describe, expect, it } from 'vitest';
import { callImplicit } from '../../../../src-main/venues/ccxt/ccxt-exchange';
import {
  deribitPermissions,
  deribitSignatureParams,
} from '../../../../src-main/venues/ccxt/key-permissions';
import { walletBalances } from '../../../../src-main/venues/ccxt/map-balance';
import { fixture, normalize, plain, recorded, recording } from './replay';
import { deribitMarkets } from './market-routes';
import { NOW_MS, replayVenue } from './venue-harness';

const rec = recording('deribit');

describe('deribit replay', () => {
  it('loads inverse and linear perpetuals, futures and coin-settled options', async () => {
    const { v, r } = await replayVenue('deribit', deribitMarkets, { credentials: false });
    const instruments = await v.load();
    expect(r.unmatched).toEqual([]);
    expect(instruments).toHaveLength(16);
    expect(v.instrument('deribit:BTC/USD:BTC')).toMatchObject({
      kind: 'perpetual',
      settlement: 'inverse',
      contractSize: 10,
      fundingIntervalHours: 8,
    });
    expect(v.instrument('deribit:BTC/USDC:USDC')).toMatchObject({
      kind: 'perpetual',
      settlement: 'linear',
      contractSize: 0.001,
    });
    expect(v.instrument('deribit:BTC/USD:BTC-261225-100000-C')).toEqual({
      id: 'deribit:BTC/USD:BTC-261225-100000-C',
      venue: 'deribit',
      symbol: 'BTC/USD:BTC-261225-100000-C',
      underlying: 'BTC',
      quoteCurrency: 'BTC',
      kind: 'option',
      right: 'call',
      strike: 100000,
      expiryMs: Date.UTC(2026, 11, 25, 8),
      style: 'european',
      multiplier: 1,
      settlement: 'inverse',
    });
    await v.close();
  });

  it('replays the recorded account summaries (12 currencies)', async () => {
    const call = recorded(rec, 'fetchBalance');
    const { v } = await replayVenue('deribit', [
      ...deribitMarkets,
      { path: '/api/v2/private/get_account_summaries', body: call.httpResponse },
    ]);
    await v.load();
    const balance = await v.ex.fetchBalance();
    expect(normalize(plain(balance))).toMatchObject(normalize(call.parsedResponse) as object);
    const wallet = walletBalances('deribit', balance);
    const summaries = (
      call.httpResponse as { result: { summaries: { currency: string; balance: string }[] } }
    ).result.summaries;
    for (const s of summaries) {
      if (Number(s.balance) !== 0) expect(wallet[s.currency]).toBe(Number(s.balance));
      else expect(wallet[s.currency]).toBeUndefined();
    }
    await v.close();
  });

  it('maps positions: perpetual size in USD to contracts, a short option, a closed row skipped', async () => {
    const { v } = await replayVenue('deribit', [
      ...deribitMarkets,
      { path: '/api/v2/private/get_positions', body: fixture('deribit', 'get_positions.json') },
      {
        path: '/api/v2/private/get_account_summaries',
        body: recorded(rec, 'fetchBalance').httpResponse,
      },
    ]);
    await v.load();
    const book = await v.refreshBook();
    expect(book.positions).toEqual([
      // 50,000 USD of $10 contracts.
      {
        id: 'live-c1:deribit:BTC/USD:BTC',
        accountId: 'live-c1',
        instrumentId: 'deribit:BTC/USD:BTC',
        quantity: 5000,
        avgPrice: 96120.5,
        openedMs: NOW_MS,
        leverage: 50,
      },
      {
        id: 'live-c1:deribit:BTC/USD:BTC-261225-100000-C',
        accountId: 'live-c1',
        instrumentId: 'deribit:BTC/USD:BTC-261225-100000-C',
        quantity: -2,
        avgPrice: 0.0651,
        openedMs: NOW_MS,
        leverage: 1,
      },
    ]);
    const btc = book.margin.find((m) => m.currency === 'BTC');
    expect(btc?.positions).toEqual([
      {
        instrumentId: 'deribit:BTC/USD:BTC',
        side: 'long',
        contracts: 5000,
        entryPrice: 96120.5,
        markPrice: 98412.3,
        leverage: 50,
        marginMode: 'cross',
        liquidationPriceReported: 61234.5,
        maintenanceMarginReported: 0.00511,
      },
    ]);
    expect(v.board.quality.report().dropped).toBe(0);
    await v.close();
  });

  it('builds the option chain: percent IVs to decimals, the forward per expiry, a missing bid absent', async () => {
    const { v } = await replayVenue(
      'deribit',
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          query: { currency: 'BTC', kind: 'option' },
          body: fixture('deribit', 'book_summary_option_BTC.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const chain = await v.optionChain('BTC');
    expect(chain.quotes).toHaveLength(10);
    expect(
      chain.quotes.find((q) => q.instrumentId === 'deribit:BTC/USD:BTC-261225-100000-C'),
    ).toEqual({
      instrumentId: 'deribit:BTC/USD:BTC-261225-100000-C',
      tsMs: 1795321799000,
      bid: 0.0635,
      ask: 0.066,
      last: 0.0645,
      mark: 0.0645,
      index: 99610.35,
      markIv: 0.49,
    });
    const wing = chain.quotes.find((q) => q.instrumentId === 'deribit:BTC/USD:BTC-261225-110000-C');
    expect(wing?.bid).toBeUndefined();
    expect(wing?.markIv).toBeCloseTo(0.475, 12);
    expect(chain.quotes.find((q) => q.instrumentId.includes('261225'))?.index).toBe(99610.35);
    expect(chain.quotes.find((q) => q.instrumentId.includes('270326'))?.index).toBe(101020.1);
    await v.close();
  });

  it('polls perpetual quotes from the book summary: index, 8-hour funding, next hourly sample', async () => {
    const { v } = await replayVenue(
      'deribit',
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          query: { currency: 'BTC' },
          body: fixture('deribit', 'book_summary_future_BTC.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    v.subscribe(['deribit:BTC/USD:BTC']);
    const deadline = Date.now() + 3000;
    while (!v.fundingSnapshot('deribit:BTC/USD:BTC')) {
      if (Date.now() > deadline) throw new Error(JSON.stringify(v.status.snapshot(NOW_MS)));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(v.fundingSnapshot('deribit:BTC/USD:BTC')).toEqual({
      instrumentId: 'deribit:BTC/USD:BTC',
      tsMs: 1795321799000,
      markPrice: 98412.3,
      indexPrice: 98455.81,
      fundingRate: 0.00008123,
      nextFundingMs: 1795323600000,
      intervalHours: 8,
    });
    await v.close();
  });

  it('checks key scopes by client signature; the secret is not in the request', async () => {
    for (const [file, trade, withdraw] of [
      ['auth_readonly.json', false, false],
      ['auth_readwrite.json', true, true],
    ] as const) {
      const { v, r } = await replayVenue('deribit', [
        ...deribitMarkets,
        { path: '/api/v2/public/auth', body: fixture('deribit', file) },
      ]);
      const params = deribitSignatureParams(
        { apiKey: 'test-key', secret: 'test-secret' },
        NOW_MS,
        'abc123',
      );
      const res = await callImplicit(v.ex, 'publicGetAuth', params);
      expect(deribitPermissions(res)).toMatchObject({
        checked: true,
        canTrade: trade,
        canWithdraw: withdraw,
      });
      const sent = r.calls.find((c) => c.url.pathname === '/api/v2/public/auth');
      expect(sent?.url.searchParams.get('grant_type')).toBe('client_signature');
      expect(sent?.url.search).not.toContain('test-secret');
      expect(sent?.url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
      await v.close();
    }
  });
});
