/**
 * Binance USD-M through ccxt's real `binanceusdm` class: loadMarkets from a documented
 * exchangeInfo, recorded positions and balance (ccxt's parsed output must equal the recording),
 * leverage brackets, mark/index/funding, and the mapping to domain types.
 */
import { describe, expect, it } from 'vitest';
import { tiersFromBrackets } from '../../../../shared/quant/perps/tiers';
import { walletBalances } from '../../../../src-main/venues/ccxt/map-balance';
import { venuePerpPosition } from '../../../../src-main/venues/ccxt/map-position';
import { fixture, listRoute, normalize, plain, recorded, recording, type Route } from './replay';
import { replayVenue } from './venue-harness';

const rec = recording('binance');
const base: Route[] = [
  { path: '/fapi/v1/exchangeInfo', body: fixture('binanceusdm', 'exchangeInfo.json') },
  { path: '/fapi/v1/fundingInfo', body: fixture('binanceusdm', 'fundingInfo.json') },
  { path: '/fapi/v1/leverageBracket', body: fixture('binanceusdm', 'leverageBracket.json') },
  { path: '/fapi/v1/premiumIndex', body: fixture('binanceusdm', 'premiumIndex.json') },
  listRoute('/fapi/v1/ticker/bookTicker', fixture('binanceusdm', 'bookTicker.json')),
];

describe('binanceusdm replay', () => {
  it('loads perpetuals and dated futures as instruments with their funding intervals', async () => {
    const { v, r } = await replayVenue('binanceusdm', base);
    const instruments = await v.load();
    expect(r.unmatched).toEqual([]);
    expect(instruments.map((i) => i.id).sort()).toEqual([
      'binanceusdm:ADA/USDT:USDT',
      'binanceusdm:BTC/USDT:USDT',
      'binanceusdm:BTC/USDT:USDT-261225',
      'binanceusdm:ETH/USDT:USDT',
      'binanceusdm:LTC/USDT:USDT',
    ]);
    expect(v.instrument('binanceusdm:BTC/USDT:USDT')).toEqual({
      id: 'binanceusdm:BTC/USDT:USDT',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
      quoteCurrency: 'USDT',
      kind: 'perpetual',
      settlement: 'linear',
      contractSize: 1,
      fundingIntervalHours: 8,
    });
    // fundingInfo lists ADAUSDT at 4 hours; symbols not listed keep the default 8.
    expect(v.perps().find((p) => p.symbol === 'ADA/USDT:USDT')?.fundingIntervalHours).toBe(4);
    expect(v.instrument('binanceusdm:BTC/USDT:USDT-261225')).toMatchObject({
      kind: 'future',
      expiryMs: Date.UTC(2026, 11, 25, 8),
      contractSize: 1,
    });
    await v.close();
  });

  it('parses the recorded positions exactly as ccxt did, then maps them', async () => {
    const call = recorded(rec, 'fetchPositions', 1);
    const { v } = await replayVenue('binanceusdm', [
      ...base,
      { path: '/fapi/v3/positionRisk', body: call.httpResponse },
    ]);
    await v.load();
    const parsed = await v.ex.fetchPositions(['BTC/USDT:USDT']);
    expect(normalize(plain(parsed))).toMatchObject(normalize(call.parsedResponse) as object);
    const first = parsed[0];
    if (!first) throw new Error('no position parsed');
    const mapped = venuePerpPosition(first, 'binanceusdm:BTC/USDT:USDT');
    expect(mapped).toEqual({
      instrumentId: 'binanceusdm:BTC/USDT:USDT',
      side: 'long',
      contracts: 0.009,
      entryPrice: 67445.9,
      markPrice: 67582.2,
      // positionRisk v3 has no leverage: 1 / initialMarginPercentage (0.01249999) -> 80.
      leverage: 80,
      marginMode: 'cross',
      liquidationPriceReported: 64846.78939917,
      maintenanceMarginReported: 2.4329592,
    });
    await v.close();
  });

  it('parses the recorded swap balance and reads the wallet balance', async () => {
    const call = recorded(rec, 'fetchBalance', 1);
    const { v } = await replayVenue('binanceusdm', [
      ...base,
      { path: '/fapi/v3/account', body: call.httpResponse },
    ]);
    await v.load();
    const balance = await v.ex.fetchBalance({ type: 'swap' });
    expect(normalize(plain(balance))).toMatchObject(normalize(call.parsedResponse) as object);
    expect(walletBalances('binanceusdm', balance)).toEqual({ USDT: 31.022612 });
    await v.close();
  });

  it('builds the live book: account, positions, margin state per settlement currency', async () => {
    const positions = recorded(rec, 'fetchPositions', 1);
    const account = recorded(rec, 'fetchBalance', 1);
    const { v } = await replayVenue('binanceusdm', [
      ...base,
      { path: '/fapi/v3/positionRisk', body: positions.httpResponse },
      { path: '/fapi/v3/account', body: account.httpResponse },
    ]);
    await v.load();
    const book = await v.refreshBook();
    expect(book.account).toMatchObject({ id: 'live-c1', venue: 'binanceusdm', source: 'live' });
    expect(book.positions).toEqual([
      {
        id: 'live-c1:binanceusdm:BTC/USDT:USDT',
        accountId: 'live-c1',
        instrumentId: 'binanceusdm:BTC/USDT:USDT',
        quantity: 0.009,
        avgPrice: 67445.9,
        openedMs: 1722161166529,
        leverage: 80,
      },
    ]);
    expect(book.margin).toHaveLength(1);
    expect(book.margin[0]).toMatchObject({
      currency: 'USDT',
      walletBalance: 31.022612,
      venue: 'binanceusdm',
    });
    expect(book.margin[0]?.positions[0]?.liquidationPriceReported).toBeCloseTo(64846.78939917, 8);
    await v.close();
  });

  it('maps leverage brackets to margin brackets equal to the recorded bracket table', async () => {
    const { v } = await replayVenue('binanceusdm', base);
    await v.load();
    const brackets = await v.marginBrackets('binanceusdm:BTC/USDT:USDT');
    const rows =
      (rec.options?.['leverageBrackets'] as Record<string, [string, string][]>)['BTC/USDT:USDT'] ??
      [];
    const expected = tiersFromBrackets(rows);
    expect(brackets).toHaveLength(expected.length);
    brackets.forEach((b, i) => {
      const e = expected[i];
      expect(b.floor).toBe(e?.floor);
      expect(b.mmr).toBe(e?.mmr);
      // Binance's published cum equals the maintenance-amount recursion to the cent.
      expect(b.maintAmount).toBeCloseTo(e?.maintAmount ?? NaN, 2);
      if (i < brackets.length - 1) expect(b.cap).toBe(e?.cap);
    });
    await v.close();
  });

  it('merges mark/index/funding (premiumIndex) with the book top (bookTicker) into quotes', async () => {
    const { v, r } = await replayVenue('binanceusdm', base, { credentials: false });
    await v.load();
    v.subscribe(['binanceusdm:BTC/USDT:USDT', 'binanceusdm:ADA/USDT:USDT']);
    await waitFor(
      () =>
        v.board.quote('binanceusdm:BTC/USDT:USDT')?.bid !== undefined &&
        v.board.quote('binanceusdm:BTC/USDT:USDT')?.fundingRate !== undefined,
    );
    expect(v.board.quote('binanceusdm:BTC/USDT:USDT')).toEqual({
      instrumentId: 'binanceusdm:BTC/USDT:USDT',
      tsMs: expect.any(Number) as number,
      bid: 98412.2,
      ask: 98412.3,
      mark: 98412.3,
      index: 98455.81673913,
      fundingRate: 0.0001,
      nextFundingMs: 1795334400000,
    });
    expect(v.fundingSnapshot('binanceusdm:ADA/USDT:USDT')).toMatchObject({
      fundingRate: -0.00012766,
      intervalHours: 4,
      markPrice: 0.96541,
      indexPrice: 0.96577129,
    });
    // Binance streams these with ccxt.pro; with replayed HTTP only, the stream has no socket,
    // so the feed fell back to REST polling of the same endpoints.
    expect(r.calls.some((c) => c.url.pathname === '/fapi/v1/premiumIndex')).toBe(true);
    await v.close();
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
