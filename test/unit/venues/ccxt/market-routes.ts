/** The replay routes that answer each venue's `loadMarkets` from the documented fixtures. */
import { fixture, type Route } from './replay';

export const binanceMarkets: Route[] = [
  { path: '/fapi/v1/exchangeInfo', body: fixture('binanceusdm', 'exchangeInfo.json') },
  { path: '/fapi/v1/fundingInfo', body: fixture('binanceusdm', 'fundingInfo.json') },
];

const bybitInfo = (category: string, extra: Record<string, string> = {}) => ({
  category,
  ...extra,
});
export const bybitMarkets: Route[] = [
  {
    path: '/v5/market/instruments-info',
    query: { status: 'PreLaunch' },
    body: fixture('bybit', 'instruments-empty.json'),
  },
  {
    path: '/v5/market/instruments-info',
    query: bybitInfo('linear'),
    body: fixture('bybit', 'instruments-linear.json'),
  },
  {
    path: '/v5/market/instruments-info',
    query: bybitInfo('inverse'),
    body: fixture('bybit', 'instruments-inverse.json'),
  },
  {
    path: '/v5/market/instruments-info',
    query: bybitInfo('option', { baseCoin: 'BTC' }),
    body: fixture('bybit', 'instruments-option-BTC.json'),
  },
  {
    path: '/v5/market/instruments-info',
    query: bybitInfo('option', { baseCoin: 'ETH' }),
    body: fixture('bybit', 'instruments-option-ETH.json'),
  },
];

export const okxMarkets: Route[] = [
  {
    path: '/api/v5/public/instruments',
    query: { instType: 'SWAP' },
    body: fixture('okx', 'instruments-swap.json'),
  },
  {
    path: '/api/v5/public/instruments',
    query: { instType: 'FUTURES' },
    body: fixture('okx', 'instruments-futures.json'),
  },
  {
    path: '/api/v5/public/instruments',
    query: { instType: 'OPTION', uly: 'BTC-USD' },
    body: fixture('okx', 'instruments-option-BTC-USD.json'),
  },
  {
    path: '/api/v5/public/instruments',
    query: { instType: 'OPTION', uly: 'ETH-USD' },
    body: fixture('okx', 'instruments-option-ETH-USD.json'),
  },
];

export const deribitMarkets: Route[] = [
  { path: '/api/v2/public/get_currencies', body: fixture('deribit', 'get_currencies.json') },
  { path: '/api/v2/public/get_instruments', body: fixture('deribit', 'get_instruments.json') },
];
