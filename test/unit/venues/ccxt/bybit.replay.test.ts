/**
 * Bybit through ccxt's real `bybit` class: loadMarkets from documented instruments-info pages
 * (linear, inverse, options), the recorded position, balance, ticker, funding rate and Greeks
 * (ccxt's parsed output must equal the recording), risk limits and the option chain.
 */
import { describe, expect, it } from 'vitest';
import { resolveTiers } from '../../../../shared/quant/perps/tiers';
import { walletBalances } from '../../../../src-main/venues/ccxt/map-balance';
import { instrumentFromMarket } from '../../../../src-main/venues/ccxt/map-instrument';
import { venuePerpPosition } from '../../../../src-main/venues/ccxt/map-position';
import {
  cleanQuote,
  patchFromFundingRate,
  patchFromTicker,
} from '../../../../src-main/venues/ccxt/map-quote';
import { fixture, normalize, plain, recorded, recording, type Route } from './replay';
import { bybitMarkets } from './market-routes';
import { NOW_MS, replayVenue } from './venue-harness';

const rec = recording('bybit');
const account: Route[] = [
  { path: '/v5/user/query-api', body: fixture('bybit', 'query-api-readonly.json') },
  { path: '/v5/account/info', body: fixture('bybit', 'account-info.json') },
];

describe('bybit replay', () => {
  it('loads linear, inverse and option markets (expired ones left out)', async () => {
    const { v, r } = await replayVenue('bybit', bybitMarkets, { credentials: false });
    const instruments = await v.load();
    expect(r.unmatched).toEqual([]);
    expect(instruments).toHaveLength(11);
    expect(v.instrument('bybit:BTC/USD:BTC')).toMatchObject({
      kind: 'perpetual',
      settlement: 'inverse',
      quoteCurrency: 'USD',
      contractSize: 1,
    });
    // instruments-info fundingInterval is in minutes: 240 -> 4 hours.
    expect(v.instrument('bybit:SOL/USDT:USDT')).toMatchObject({ fundingIntervalHours: 4 });
    expect(v.instrument('bybit:BTC/USDC:USDC-261225-110000-C')).toEqual({
      id: 'bybit:BTC/USDC:USDC-261225-110000-C',
      venue: 'bybit',
      symbol: 'BTC/USDC:USDC-261225-110000-C',
      underlying: 'BTC',
      quoteCurrency: 'USDC',
      kind: 'option',
      right: 'call',
      strike: 110000,
      expiryMs: Date.UTC(2026, 11, 25, 8),
      style: 'european',
      multiplier: 1,
      settlement: 'linear',
    });
    const expired = v.ex.markets?.['BTC/USDT:USDT-250530-70000-C'];
    expect(expired?.option).toBe(true);
    expect(expired && instrumentFromMarket('bybit', expired, 8, NOW_MS)).toBeUndefined();
    await v.close();
  });

  it('parses the recorded position as ccxt did; a blank liqPrice stays undefined', async () => {
    const call = recorded(rec, 'fetchPositions');
    const { v } = await replayVenue('bybit', [
      ...bybitMarkets,
      ...account,
      { path: '/v5/position/list', body: call.httpResponse },
    ]);
    await v.load();
    const parsed = await v.ex.fetchPositions(['LTC/USDT:USDT']);
    expect(normalize(plain(parsed))).toMatchObject(normalize(call.parsedResponse) as object);
    expect(venuePerpPosition(parsed[0]!, 'bybit:LTC/USDT:USDT')).toEqual({
      instrumentId: 'bybit:LTC/USDT:USDT',
      side: 'long',
      contracts: 1.2,
      entryPrice: 64.59947917,
      markPrice: 71.1,
      leverage: 6,
      marginMode: 'cross',
      maintenanceMarginReported: 0.81072399,
    });
    await v.close();
  });

  it('reads the book per market family; a family the account lacks is a warning, not a failure', async () => {
    const { v, r } = await replayVenue('bybit', [
      ...bybitMarkets,
      ...account,
      {
        path: '/v5/position/list',
        query: { settleCoin: 'USDT' },
        body: recorded(rec, 'fetchPositions').httpResponse,
      },
      { path: '/v5/account/wallet-balance', body: recorded(rec, 'fetchBalance').httpResponse },
    ]);
    await v.load();
    const book = await v.refreshBook();
    expect(book.positions.map((p) => [p.instrumentId, p.quantity, p.leverage])).toEqual([
      ['bybit:LTC/USDT:USDT', 1.2, 6],
    ]);
    const queried = r.calls
      .filter((c) => c.url.pathname === '/v5/position/list')
      .map((c) => c.url.searchParams.get('category'));
    expect(queried).toEqual(['linear', 'linear', 'inverse', 'option']);
    expect(book.warnings).toHaveLength(3);
    expect(book.warnings.join(' ')).not.toMatch(/signature=[^*]/);
    await v.close();
  });

  it('reads wallet balances from the recorded unified account', async () => {
    const call = recorded(rec, 'fetchBalance');
    const { v } = await replayVenue('bybit', [
      ...bybitMarkets,
      ...account,
      { path: '/v5/account/wallet-balance', body: call.httpResponse },
    ]);
    await v.load();
    const balance = await v.ex.fetchBalance();
    expect(normalize(plain(balance))).toMatchObject(normalize(call.parsedResponse) as object);
    const wallet = walletBalances('bybit', balance);
    // walletBalance excludes unrealised P&L (USDT equity 3304.30 < wallet 3322.26 here).
    expect(wallet['USDT']).toBe(3322.25896609);
    expect(wallet['BTC']).toBe(0.85581394);
    await v.close();
  });

  it('maps the recorded ticker and funding rate to a clean quote', async () => {
    const ticker = recorded(rec, 'fetchTicker');
    const funding = recorded(rec, 'fetchFundingRate');
    const { v } = await replayVenue(
      'bybit',
      [
        ...bybitMarkets,
        { path: '/v5/market/tickers', times: 1, body: ticker.httpResponse },
        { path: '/v5/market/tickers', body: funding.httpResponse },
      ],
      { credentials: false },
    );
    await v.load();
    const t = await v.ex.fetchTicker('BTC/USDT:USDT');
    expect(normalize(plain(t))).toMatchObject(normalize(ticker.parsedResponse) as object);
    const f = await v.ex.fetchFundingRate('BTC/USDT:USDT');
    expect(normalize(plain(f))).toMatchObject(normalize(funding.parsedResponse) as object);
    const q = cleanQuote(
      'bybit:BTC/USDT:USDT',
      { ...patchFromTicker('bybit', t, false), ...patchFromFundingRate(f) },
      NOW_MS,
    );
    expect(q).toEqual({
      quote: {
        instrumentId: 'bybit:BTC/USDT:USDT',
        tsMs: f.timestamp,
        bid: 51444.3,
        ask: 51444.4,
        last: 51444.4,
        mark: 68591.46,
        index: 68599.9,
        fundingRate: 0.0001,
        nextFundingMs: 1730736000000,
      },
    });
    await v.close();
  });

  it('maps risk limits to contiguous brackets keeping the published MM deductions', async () => {
    const { v } = await replayVenue(
      'bybit',
      [
        ...bybitMarkets,
        {
          path: '/v5/market/risk-limit',
          query: { symbol: 'BTCUSDT' },
          body: fixture('bybit', 'risk-limit-BTCUSDT.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const brackets = await v.marginBrackets('bybit:BTC/USDT:USDT');
    expect(brackets.map((b) => [b.floor, b.cap, b.mmr])).toEqual([
      [0, 2_000_000, 0.005],
      [2_000_000, 2_600_000, 0.0056],
      [2_600_000, 3_200_000, 0.0062],
      [3_200_000, 3_800_000, 0.0068],
      [3_800_000, 4_400_000, 0.0074],
    ]);
    // Tier 1's blank deduction is left to the recursion; the published ones equal it.
    expect(brackets[0]?.maintAmount).toBeUndefined();
    const derived = resolveTiers(brackets.map(({ floor, cap, mmr }) => ({ floor, cap, mmr })));
    brackets
      .slice(1)
      .forEach((b, i) => expect(b.maintAmount).toBeCloseTo(derived[i + 1]?.maintAmount ?? NaN, 6));
    await v.close();
  });

  it('builds the BTC option chain with decimal IVs and the forward; an empty bid side is absent', async () => {
    const { v } = await replayVenue(
      'bybit',
      [
        ...bybitMarkets,
        {
          path: '/v5/market/tickers',
          query: { category: 'option', baseCoin: 'BTC' },
          body: fixture('bybit', 'tickers-option-BTC.json'),
        },
      ],
      { credentials: false },
    );
    await v.load();
    const chain = await v.optionChain('BTC');
    expect(chain.instruments).toHaveLength(5);
    const wing = chain.quotes.find((q) => q.instrumentId === 'bybit:BTC/USDC:USDC-261225-110000-C');
    expect(wing).toMatchObject({
      ask: 3000,
      askIv: 0.4812,
      markIv: 0.475,
      mark: 2890.3,
      index: 99610.35,
    });
    expect(wing?.bid).toBeUndefined();
    expect(wing?.bidIv).toBeUndefined();
    const atm = chain.quotes.find((q) => q.instrumentId === 'bybit:BTC/USDC:USDC-261225-100000-C');
    expect(atm).toMatchObject({
      bid: 6310,
      ask: 6550,
      bidIv: 0.482,
      askIv: 0.4978,
      markIv: 0.4899,
    });
    await v.close();
  });

  it('replays the recorded Greeks through ccxt', async () => {
    const call = recorded(rec, 'fetchAllGreeks');
    const { v } = await replayVenue(
      'bybit',
      [...bybitMarkets, { path: '/v5/market/tickers', body: call.httpResponse }],
      { credentials: false },
    );
    await v.load();
    const greeks = await v.ex.fetchAllGreeks(['BTC/USDT:USDT-250530-70000-C'], { baseCoin: 'BTC' });
    expect(normalize(plain(greeks))).toMatchObject(normalize(call.parsedResponse) as object);
    await v.close();
  });
});
