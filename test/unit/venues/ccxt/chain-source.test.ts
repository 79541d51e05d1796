/**
 * The Deribit option chain as the vol-surface service receives it through its `ChainSource`
 * seam: per-expiry chains with the venue's forwards, decimal IVs, coin premiums turned into USD
 * forward premiums, spot from the perpetual's index.
 */
import { describe, expect, it } from 'vitest';
import { venueChainSource } from '../../../../src-main/venues/ccxt/venue-chain-source';
import { deribitMarkets } from './market-routes';
import { fixture } from './replay';
import { NOW_MS, replayVenue } from './venue-harness';

describe('Deribit chain source', () => {
  it('groups the chain by expiry with forwards, vols and USD premiums', async () => {
    const { v } = await replayVenue(
      'deribit',
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          query: { kind: 'option' },
          body: fixture('deribit', 'book_summary_option_BTC.json'),
        },
        {
          path: '/api/v2/public/ticker',
          query: { instrument_name: 'BTC-PERPETUAL' },
          body: fixture('deribit', 'ticker_BTC-PERPETUAL.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const source = venueChainSource(v, () => NOW_MS);
    expect(source.id).toBe('deribit');
    expect(source.underlyings()).toEqual(['BTC']);
    const chain = await source.fetchChain('BTC');
    expect(chain.underlying).toBe('BTC');
    expect(chain.spot).toBe(98455.81);
    expect(chain.expiries.map((e) => [e.expiry, e.forward, e.quotes.length])).toEqual([
      ['2026-12-25', 99610.35, 6],
      ['2027-03-26', 101020.1, 4],
    ]);
    const atm = chain.expiries[0]?.quotes.find((q) => q.strike === 100000 && q.type === 'call');
    expect(atm?.markIv).toBeCloseTo(0.49, 12);
    // Coin premiums become USD forward premiums: 0.0635 BTC x the expiry forward.
    expect(atm?.bidPrice).toBeCloseTo(0.0635 * 99610.35, 9);
    expect(atm?.askPrice).toBeCloseTo(0.066 * 99610.35, 9);
    const wing = chain.expiries[0]?.quotes.find((q) => q.strike === 110000 && q.type === 'call');
    expect(wing?.bidPrice).toBeUndefined();
    await v.close();
  });

  it('rejects with a readable message when the venue has no quotes', async () => {
    const { v } = await replayVenue(
      'deribit',
      [
        ...deribitMarkets,
        {
          path: '/api/v2/public/get_book_summary_by_currency',
          body: { jsonrpc: '2.0', result: [] },
        },
        { path: '/api/v2/public/ticker', body: fixture('deribit', 'ticker_BTC-PERPETUAL.json') },
      ],
      { credentials: false },
    );
    await v.load();
    await expect(venueChainSource(v, () => NOW_MS).fetchChain('BTC')).rejects.toThrow(
      /no usable BTC option quotes/,
    );
    await v.close();
  });
});
