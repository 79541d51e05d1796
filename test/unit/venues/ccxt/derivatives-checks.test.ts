/**
 * What the ccxt source gives the pre-trade check and the Funding screen's checks, through
 * Binance USD-M's real class on documented responses: the venue's max leverage per bracket, the
 * book top for Cerberus' mark, and the dated BTCUSDT quarterly with its basis inputs.
 */
import { describe, expect, it } from 'vitest';
import { CcxtDerivativesSource } from '../../../../src-main/venues/ccxt/ccxt-derivatives-source';
import { fixture, listRoute, type Route } from './replay';
import { NOW_MS, replayVenue } from './venue-harness';

const base: Route[] = [
  { path: '/fapi/v1/exchangeInfo', body: fixture('binanceusdm', 'exchangeInfo.json') },
  { path: '/fapi/v1/fundingInfo', body: fixture('binanceusdm', 'fundingInfo.json') },
  { path: '/fapi/v1/leverageBracket', body: fixture('binanceusdm', 'leverageBracket.json') },
  { path: '/fapi/v1/premiumIndex', body: fixture('binanceusdm', 'premiumIndex.json') },
  listRoute('/fapi/v1/ticker/bookTicker', fixture('binanceusdm', 'bookTicker.json')),
];
const PERP = 'binanceusdm:BTC/USDT:USDT';
const FUT = 'binanceusdm:BTC/USDT:USDT-261225';

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ccxt derivatives source: inputs of the checks', () => {
  it("keeps Binance's initial leverage per bracket as the bracket's max leverage", async () => {
    const { v } = await replayVenue('binanceusdm', base);
    await v.load();
    const brackets = await v.marginBrackets(PERP);
    expect(brackets.map((b) => b.maxLeverage)).toEqual([125, 100, 50, 20, 10, 5, 4, 3, 2, 1]);
    await v.close();
  });

  it('gives the book top for the mark and lists the watched dated future with its basis', async () => {
    const { v } = await replayVenue('binanceusdm', base, { credentials: false });
    await v.load();
    v.subscribe([PERP, FUT]);
    await waitFor(
      () => v.board.quote(PERP)?.bid !== undefined && v.board.quote(FUT)?.bid !== undefined,
    );
    const source = new CcxtDerivativesSource(v, {
      now: () => NOW_MS,
      maxBookAgeMs: 60_000,
      watchUnderlyings: ['BTC'],
    });
    expect(source.markInputs(PERP)).toMatchObject({
      instrumentId: PERP,
      bid: 98412.2,
      ask: 98412.3,
    });
    expect(source.markInputs(PERP)?.constituents).toBeUndefined();
    expect(source.listFutures()).toEqual([
      {
        instrumentId: FUT,
        venue: 'binanceusdm',
        symbol: 'BTC/USDT:USDT-261225',
        underlying: 'BTC',
        settlement: 'linear',
        contractSize: 1,
        expiryMs: Date.UTC(2026, 11, 25, 8),
        settlementWindowMinutes: 30,
      },
    ]);
    expect(source.futureSnapshot(FUT)).toMatchObject({
      markPrice: 99580.1,
      indexPrice: 98455.81673913,
    });
    await v.close();
  });
});
