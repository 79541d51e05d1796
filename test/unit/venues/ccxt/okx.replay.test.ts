/**
 * OKX through ccxt's real `okx` class: loadMarkets from documented instrument lists (swaps,
 * futures, options), the recorded positions (linear cross without liquidation price, inverse
 * cross and isolated with one) and balance, position tiers in contracts converted to notional,
 * the option chain merged from tickers (prices) and opt-summary (vols, forward), quotes from four
 * feeds (tickers, mark, funding, index), and the key-permission answer.
 */
import { describe, expect, it } from 'vitest';
import { callImplicit } from '../../../../src-main/venues/ccxt/ccxt-exchange';
import { okxPermissions } from '../../../../src-main/venues/ccxt/key-permissions';
import { walletBalances } from '../../../../src-main/venues/ccxt/map-balance';
import { venuePerpPosition } from '../../../../src-main/venues/ccxt/map-position';
import { fixture, normalize, plain, recorded, recording } from './replay';
import { okxMarkets } from './market-routes';
import { replayVenue } from './venue-harness';

const rec = recording('okx');

describe('okx replay', () => {
  it('loads swaps, futures and options with OKX contract values', async () => {
    const { v, r } = await replayVenue('okx', okxMarkets, { credentials: false });
    const instruments = await v.load();
    expect(r.unmatched).toEqual([]);
    expect(instruments).toHaveLength(10);
    expect(v.instrument('okx:BTC/USDT:USDT')).toMatchObject({
      kind: 'perpetual',
      contractSize: 0.01,
      settlement: 'linear',
    });
    expect(v.instrument('okx:BTC/USD:BTC')).toMatchObject({
      kind: 'perpetual',
      contractSize: 100,
      settlement: 'inverse',
    });
    // Coin-settled options: premiums in BTC, 0.01 BTC per contract.
    expect(v.instrument('okx:BTC/USD:BTC-261225-100000-C')).toMatchObject({
      kind: 'option',
      settlement: 'inverse',
      quoteCurrency: 'BTC',
      multiplier: 0.01,
      strike: 100000,
    });
    await v.close();
  });

  it('replays the recorded single positions exactly and maps liquidation prices as reported', async () => {
    const expectations = [
      { symbol: 'LTC/USDT:USDT', liq: undefined, mode: 'cross', lev: 10, margin: undefined },
      { symbol: 'BTC/USD:BTC', liq: 89.11497615226264, mode: 'cross', lev: 20, margin: undefined },
      {
        symbol: 'BTC/USD:BTC',
        liq: 69536.6125000014,
        mode: 'isolated',
        lev: 3,
        margin: 0.0003611412062116,
      },
    ];
    for (const [i, want] of expectations.entries()) {
      const call = recorded(rec, 'fetchPosition', i);
      const { v } = await replayVenue('okx', [
        ...okxMarkets,
        { path: '/api/v5/account/positions', body: call.httpResponse },
      ]);
      await v.load();
      const parsed = await v.ex.fetchPositions([want.symbol]);
      expect(normalize(plain(parsed[0]))).toMatchObject(normalize(call.parsedResponse) as object);
      const mapped = venuePerpPosition(parsed[0]!, `okx:${want.symbol}`);
      expect(mapped?.liquidationPriceReported).toBe(want.liq);
      expect(mapped?.marginMode).toBe(want.mode);
      expect(mapped?.leverage).toBe(want.lev);
      expect(mapped?.isolatedMargin).toBe(want.margin);
      await v.close();
    }
  });

  it('builds the live book from the recorded account positions and balance', async () => {
    const positions = recorded(rec, 'fetchPositions', 0);
    const balance = recorded(rec, 'fetchBalance', 2);
    const { v } = await replayVenue('okx', [
      ...okxMarkets,
      { path: '/api/v5/account/positions', body: positions.httpResponse },
      { path: '/api/v5/account/balance', body: balance.httpResponse },
    ]);
    await v.load();
    const parsed = await v.ex.fetchPositions();
    // This recording was made against a market list with LTC-USDT-SWAP ctVal 0.001; OKX lists
    // 1 LTC (our fixture), so only contractSize differs from the recorded parse.
    const { contractSize: _ours, ...rest } = normalize(plain(parsed[0])) as Record<string, unknown>;
    const { contractSize: _recorded, ...expected } = normalize(
      (positions.parsedResponse as unknown[])[0],
    ) as Record<string, unknown>;
    expect(rest).toMatchObject(expected);
    const book = await v.refreshBook();
    expect(book.positions).toHaveLength(1);
    expect(book.positions[0]).toMatchObject({
      instrumentId: 'okx:LTC/USDT:USDT',
      quantity: 1,
      avgPrice: 68.24,
      leverage: 3,
    });
    const wallet = walletBalances('okx', await v.ex.fetchBalance());
    expect(wallet['BTC']).toBe(1.06126645222);
    expect(book.margin.find((m) => m.currency === 'USDT')).toMatchObject({
      walletBalance: 0.000258796,
    });
    expect(
      book.margin.find((m) => m.currency === 'USDT')?.positions[0]?.liquidationPriceReported,
    ).toBeUndefined();
    await v.close();
  });

  it('converts position tiers from contracts to USDT notional at the mark price', async () => {
    const { v } = await replayVenue(
      'okx',
      [
        ...okxMarkets,
        {
          path: '/api/v5/public/position-tiers',
          query: { uly: 'BTC-USDT' },
          body: fixture('okx', 'position-tiers-BTC-USDT.json'),
        },
        {
          path: '/api/v5/market/ticker',
          query: { instId: 'BTC-USDT-SWAP' },
          body: fixture('okx', 'ticker-BTC-USDT-SWAP.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const brackets = await v.marginBrackets('okx:BTC/USDT:USDT');
    // 9000 contracts x 0.01 BTC x 98411.1 = 8,857,000 USDT.
    const k = 0.01 * 98411.1;
    expect(brackets.map((b) => b.mmr)).toEqual([0.004, 0.005, 0.01, 0.015]);
    expect(brackets[0]?.floor).toBe(0);
    expect(brackets[0]?.cap).toBeCloseTo(9000 * k, 6);
    expect(brackets[1]?.floor).toBeCloseTo(9000 * k, 6);
    expect(brackets[3]?.cap).toBeCloseTo(100000 * k, 6);
    expect(brackets.every((b) => b.maintAmount === undefined)).toBe(true);
    await v.close();
  });

  it('merges the option tickers (coin prices) with opt-summary (vols, forward)', async () => {
    const { v } = await replayVenue(
      'okx',
      [
        ...okxMarkets,
        {
          path: '/api/v5/market/tickers',
          query: { instType: 'OPTION', uly: 'BTC-USD' },
          body: fixture('okx', 'tickers-option-BTC-USD.json'),
        },
        {
          path: '/api/v5/public/opt-summary',
          query: { uly: 'BTC-USD' },
          body: fixture('okx', 'opt-summary-BTC-USD.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const chain = await v.optionChain('BTC');
    expect(chain.quotes).toHaveLength(4);
    expect(chain.quotes.find((q) => q.instrumentId === 'okx:BTC/USD:BTC-261225-100000-C')).toEqual({
      instrumentId: 'okx:BTC/USD:BTC-261225-100000-C',
      tsMs: 1795321800000,
      bid: 0.0635,
      ask: 0.066,
      last: 0.064,
      // No mark in either payload: the bid/ask mid.
      mark: (0.0635 + 0.066) / 2,
      index: 99612.3,
      markIv: 0.49,
      bidIv: 0.4821,
      askIv: 0.4979,
    });
    await v.close();
  });

  it('streams quotes from tickers, mark prices, funding rates and index tickers (REST)', async () => {
    const { v } = await replayVenue(
      'okx',
      [
        ...okxMarkets,
        {
          path: '/api/v5/market/tickers',
          query: { instType: 'SWAP' },
          body: fixture('okx', 'tickers-swap.json'),
        },
        {
          path: '/api/v5/public/mark-price',
          query: { instType: 'SWAP' },
          body: fixture('okx', 'mark-price-swap.json'),
        },
        { path: '/api/v5/public/funding-rate', body: fixture('okx', 'funding-rate-ANY.json') },
        {
          path: '/api/v5/market/index-tickers',
          query: { quoteCcy: 'USDT' },
          body: fixture('okx', 'index-tickers-USDT.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    v.subscribe(['okx:BTC/USDT:USDT', 'okx:ETH/USDT:USDT']);
    const deadline = Date.now() + 3000;
    while (
      !v.fundingSnapshot('okx:BTC/USDT:USDT') ||
      v.board.quote('okx:BTC/USDT:USDT')?.bid === undefined
    ) {
      if (Date.now() > deadline)
        throw new Error(`no snapshot; status ${JSON.stringify(v.status.snapshot(0))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(v.board.quote('okx:BTC/USDT:USDT')).toMatchObject({
      bid: 98411.1,
      ask: 98411.2,
      mark: 98410.2,
      index: 98455.3,
    });
    expect(v.fundingSnapshot('okx:BTC/USDT:USDT')).toEqual({
      instrumentId: 'okx:BTC/USDT:USDT',
      tsMs: 1795321800000,
      markPrice: 98410.2,
      indexPrice: 98455.3,
      fundingRate: 0.000079238688534,
      nextFundingMs: 1795334400000,
      intervalHours: 8,
    });
    await v.close();
  });

  it('reads the key permission (read_only vs trade and withdraw)', async () => {
    for (const [file, trade, withdraw] of [
      ['account-config-readonly.json', false, false],
      ['account-config-readwrite.json', true, true],
    ] as const) {
      const { v } = await replayVenue('okx', [
        ...okxMarkets,
        { path: '/api/v5/account/config', body: fixture('okx', file) },
      ]);
      const res = await callImplicit(v.ex, 'privateGetAccountConfig');
      expect(okxPermissions(res)).toMatchObject({
        checked: true,
        canTrade: trade,
        canWithdraw: withdraw,
      });
      await v.close();
    }
  });
});
